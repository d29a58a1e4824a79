namespace WinVmBuild.Network;

/// <summary>The oldest SMB dialect the share server accepts: the newest one the guest's Windows speaks.</summary>
public enum SmbDialect
{
    /// <summary>SMB 3.0: Windows 8.1, Server 2012 R2 and later, and the test guest's cifs mounts (vers=3.0).</summary>
    Smb3,

    /// <summary>SMB 2.1: Windows 7 and Server 2008 R2.</summary>
    Smb21,

    /// <summary>SMB 2.0.2: Windows Vista and Server 2008.</summary>
    Smb202,

    /// <summary>SMB1 (NT1) with NTLMv1: Windows XP and Server 2003, which speak nothing newer.</summary>
    Nt1,
}
