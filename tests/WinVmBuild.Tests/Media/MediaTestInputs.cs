using WinVmBuild.Media;
using WinVmBuild.Media.AnswerFiles;
using WinVmBuild.Settings;

namespace WinVmBuild.Tests.Media;

/// <summary>Fixed, obviously fake secrets and keys, so answer files are reproducible and any leak is easy to spot.</summary>
internal static class MediaTestInputs
{
    public const string AdminPassword = "Fake-Admin-Passw0rd";
    public const string SshdPassword = "Fake-Sshd-Passw0rd";
    public const string ProductKey = "FAKE1-FAKE2-FAKE3-FAKE4-FAKE5";
    public const string PublicKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE fake@winvmbuild-tests";

    /// <summary>Two archives of the real mirror fixture, as the closure's items carry them.</summary>
    public static IReadOnlyList<CygwinPackageItem> ClosureItems { get; } =
    [
        new("x86_64/release/gettext/libintl8/libintl8-0.22.5-1.tar.xz", "libintl8"),
        new("x86_64/release/make/make-4.4.1-2.tar.xz", "make"),
    ];

    public static AnswerFileInputs Create(WindowsVersion version, Firmware firmware = Firmware.Bios, string? productKey = ProductKey) => new()
    {
        Version = version,
        Firmware = firmware,
        ProductKey = productKey,
        Image = new ImageSelection(ImageSelection.NameKey, "Windows Fake Edition"),
        Locale = "en-US",
        TimeZone = TimeZoneSetting.Resolve("UTC", version),
        QuietWindows = true,
        Secrets = new InstallSecrets(version.AdministratorAccount(), AdminPassword, SshdPassword),
        Cygwin = CygwinSelection.From(ClosureItems),
        SshPublicKey = PublicKey,
    };

    /// <summary>The test guest's inputs: its own answer file, Windows 10's rules for the rest.</summary>
    public static AnswerFileInputs ForTestGuest() => Create(WindowsVersion.Windows10) with
    {
        Guest = GuestKind.Test,
        QuietWindows = false,
        Secrets = new InstallSecrets(TestGuestAnswerFile.User, AdminPassword, SshdPassword),
    };

    /// <summary>A public key file in <paramref name="folder"/>, for requests.</summary>
    public static string WritePublicKey(string folder)
    {
        var path = Path.Combine(folder, "key.pub");
        File.WriteAllText(path, PublicKey + "\n");
        return path;
    }
}
