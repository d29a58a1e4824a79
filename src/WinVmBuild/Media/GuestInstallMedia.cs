
namespace WinVmBuild.Media;

/// <summary>The media an unattended install reads, as the media stage made them.</summary>
/// <param name="AnswerMedia">The answer file's image: a FAT floppy, or a small CD where the firmware ignores floppies.</param>
/// <param name="RepositoryIso">The Cygwin repository ISO (found in the guest by its marker file).</param>
public sealed record GuestInstallMedia(string AnswerMedia, string RepositoryIso)
{
    /// <summary>The operating system's installation ISO, for guests that have one (Windows).</summary>
    public string? InstallerIso { get; init; }

    /// <summary>Whether <see cref="AnswerMedia"/> is a floppy or a CD image.</summary>
    public MediaKind AnswerKind { get; init; } = MediaKind.Floppy;
}
