namespace WinVmBuild.Guests.Windows;

/// <summary>The two answer-file formats: each Windows version's setup reads one of them.</summary>
public enum AnswerFileKind
{
    /// <summary>winnt.sif, read by XP and Server 2003 setup from a floppy.</summary>
    WinntSif,

    /// <summary>autounattend.xml, read by Windows Vista and later from the root of any removable drive.</summary>
    Autounattend,
}
