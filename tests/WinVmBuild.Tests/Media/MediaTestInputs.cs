using WinVmBuild.Guests.Windows;
using WinVmBuild.Media;

namespace WinVmBuild.Tests.Media;

/// <summary>Fixed, obviously fake secrets and keys, so answer files are reproducible and any leak is easy to spot.</summary>
internal static class MediaTestInputs
{
    public const string AdminPassword = "Fake-Admin-Passw0rd";
    public const string SshdPassword = "Fake-Sshd-Passw0rd";
    public const string ProductKey = "FAKE1-FAKE2-FAKE3-FAKE4-FAKE5";
    public const string PublicKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE fake@winvmbuild-tests";

    /// <summary>Two packages of the real mirror fixture, as the closure gives them: names, and archives in order.</summary>
    public static CygwinSelection Closure { get; } = new(
        ["libintl8", "make", "openssh"],
        ["x86_64/release/gettext/libintl8/libintl8-0.22.5-1.tar.xz", "x86_64/release/make/make-4.4.1-2.tar.xz"]);

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
        Cygwin = Closure,
        SshPublicKey = PublicKey,
    };
}
