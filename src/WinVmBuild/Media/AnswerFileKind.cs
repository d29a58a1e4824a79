namespace WinVmBuild.Media;

/// <summary>The three answer-file formats: each Windows version reads one of the first two, the test guest the third.</summary>
public enum AnswerFileKind
{
    /// <summary>winnt.sif, read by XP and Server 2003 setup from a floppy.</summary>
    WinntSif,

    /// <summary>autounattend.xml, read by Windows Vista and later from the root of any removable drive.</summary>
    Autounattend,

    /// <summary>testguest.cfg, read by the test guest's init script.</summary>
    TestGuest,
}
