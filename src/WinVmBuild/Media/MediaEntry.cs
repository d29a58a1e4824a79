
namespace WinVmBuild.Media;

/// <summary>
/// The media stage's cache entry, <c>media/&lt;key&gt;/</c>: everything one base image is installed from, and the key
/// the host logs in to it with. The one place that names its files.
/// </summary>
public sealed record MediaEntry(string Folder, MediaKind AnswerKind)
{
    /// <summary>The private key the host logs in to the guest with (owner-only); <see cref="PublicKey"/> is on the answer medium.</summary>
    public string PrivateKey => Path.Combine(Folder, "id_ed25519");

    public string PublicKey => PrivateKey + ".pub";

    /// <summary>The generated passwords (owner-only), read by <see cref="InstallSecrets.Read"/>.</summary>
    public string Secrets => Path.Combine(Folder, InstallSecrets.FileName);

    /// <summary>The floppy or CD image holding the answer file.</summary>
    public string AnswerMedia => Path.Combine(Folder, AnswerKind == MediaKind.Floppy ? "answer.floppy" : "answer.cd");

    /// <summary>The Cygwin repository CD, with the install and bootstrap scripts and the marker the guest finds it by.</summary>
    public string CygwinIso => Path.Combine(Folder, "cygwin.iso");

    /// <summary>A file a guest keeps with its media (the test guest's initrd), under <paramref name="name"/>.</summary>
    public string GuestFile(string name) => Path.Combine(Folder, name);

    /// <summary>What the install stage attaches, with the installation ISO to boot (null for the test guest without one).</summary>
    public GuestInstallMedia InstallMedia(string? installerIso) =>
        new(AnswerMedia, CygwinIso) { InstallerIso = installerIso, AnswerKind = AnswerKind };
}
