namespace WinVmBuild.Cygwin;

/// <summary>The digest an <c>install:</c> line carries: SHA-512 today, MD5 in old files.</summary>
public enum HashKind
{
    Md5,
    Sha512,
}
