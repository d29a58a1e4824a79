namespace WinVmBuild.Guests;

/// <summary>The media an unattended install reads.</summary>
/// <param name="AnswerFloppy">The generated FAT floppy image (answer file and authorized key).</param>
/// <param name="RepositoryIso">The generated Cygwin repository ISO (found in the guest by its marker file).</param>
public sealed record GuestInstallMedia(string AnswerFloppy, string RepositoryIso)
{
    /// <summary>The operating system's installation ISO, for guests that have one (Windows).</summary>
    public string? InstallerIso { get; init; }
}
