using System.Text.RegularExpressions;
using WinVmBuild.Diagnostics;
using WinVmBuild.Media.AnswerFiles;
using WinVmBuild.Settings;

namespace WinVmBuild.Media;

/// <summary>
/// Checks an <see cref="UnattendedMediaRequest"/> completely, before anything is written, and resolves it into the
/// <see cref="AnswerFileInputs"/> the answer files are generated from: a mistake found here is a coded error, the same
/// mistake found by Windows setup is a VM stuck at a screen no one watches.
/// </summary>
public static partial class UnattendedMediaInputs
{
    public static async Task<AnswerFileInputs> ResolveAsync(UnattendedMediaRequest request, string secretsFile, CancellationToken cancellationToken)
    {
        var version = request.Version;
        CheckCombination(version, request.Firmware, request.MediaKind);
        var isWindows = request.Guest == GuestKind.Windows;
        var cygwin = CygwinSelection.From(request.CygwinPackages);
        if (!isWindows)
        {
            cygwin.RequireArchives();
        }

        return new AnswerFileInputs
        {
            Guest = request.Guest,
            Version = version,
            Firmware = request.Firmware,
            Image = request.Image,
            ProductKey = isWindows ? ProductKey.Normalize(request.ProductKey) : null,
            Locale = CheckLocale(request.Locale),
            TimeZone = TimeZoneSetting.Resolve(request.TimeZone, version),
            QuietWindows = isWindows && request.QuietWindows,
            Cygwin = cygwin,
            SshPublicKey = await SshPublicKey.ReadAsync(request.SshPublicKeyFile, cancellationToken).ConfigureAwait(false),
            Secrets = ResolveSecrets(request, secretsFile),
        };
    }

    /// <summary>Refuses what a version's setup cannot do; also called by the SDK's settings check, before any stage.</summary>
    public static void CheckCombination(WindowsVersion version, Firmware firmware, MediaKind mediaKind)
    {
        var sif = version.AnswerFileKind() == AnswerFileKind.WinntSif;
        if (sif && firmware == Firmware.Uefi)
        {
            throw new WinVmException(ErrorCodes.FirmwareNotSupported, $"{version.DisplayName()} cannot boot with UEFI firmware. Set WinVmFirmware to bios.");
        }

        if (sif && mediaKind == MediaKind.Cd)
        {
            throw new WinVmException(ErrorCodes.MediaKindNotSupported, $"{version.DisplayName()} setup reads winnt.sif from a floppy only. Set WinVmAnswerMedia to floppy, or leave it empty.");
        }

        if (version == WindowsVersion.Server2025 && mediaKind == MediaKind.Floppy)
        {
            throw new WinVmException(
                ErrorCodes.MediaKindNotSupported,
                "Windows Server 2025 setup has no floppy driver: it would never read the answer file and stop at its language page. " +
                "Set WinVmAnswerMedia to cd (the default), or leave it empty.");
        }
    }

    /// <summary>The locale, trimmed, when it is a language-region name Windows knows the form of (WVB0208).</summary>
    public static string CheckLocale(string locale) =>
        Locale().IsMatch(locale.Trim())
            ? locale.Trim()
            : throw new WinVmException(ErrorCodes.LocaleMalformed, $"WinVmLocale '{locale}' is not a language-region name such as en-US, de-DE or zh-Hans-CN.");

    /// <summary>
    /// A given password is checked and used; otherwise the image's secrets file keeps the passwords of an earlier
    /// run (so a rebuilt medium matches an installed disk), and missing ones are generated.
    /// </summary>
    private static InstallSecrets ResolveSecrets(UnattendedMediaRequest request, string secretsFile)
    {
        var user = request.Guest == GuestKind.Test ? TestGuestAnswerFile.User : request.Version.AdministratorAccount();
        var earlier = File.Exists(secretsFile) ? InstallSecrets.Read(secretsFile) : null;
        if (earlier is not null && earlier.AdminUser != user)
        {
            earlier = null;
        }

        var adminPassword = string.IsNullOrEmpty(request.AdminPassword)
            ? earlier?.AdminPassword ?? PasswordGenerator.Generate()
            : request.AdminPassword;
        PasswordPolicy.Validate(adminPassword, user);
        return new InstallSecrets(user, adminPassword, earlier?.SshdPassword ?? PasswordGenerator.Generate());
    }

    // language[-Script]-REGION, as Windows' locale names are written (en-US, sr-Latn-RS).
    [GeneratedRegex("^[a-z]{2,3}(-[A-Z][a-z]{3})?-[A-Z]{2}$", RegexOptions.IgnoreCase)]
    private static partial Regex Locale();
}
