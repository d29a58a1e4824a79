using System.Text.RegularExpressions;
using WinVmBuild.Diagnostics;
using WinVmBuild.Media;

namespace WinVmBuild.Guests.Windows;

/// <summary>
/// What a version's setup can do, checked with the settings before anything is written: a mistake found here is a coded
/// error, the same mistake found by Windows setup is a VM stuck at a screen no one watches.
/// </summary>
public static partial class WindowsSetupRules
{
    /// <summary>Refuses a firmware or answer medium the version's setup cannot use (WVB0203, WVB0204).</summary>
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

    // language[-Script]-REGION, as Windows' locale names are written (en-US, sr-Latn-RS).
    [GeneratedRegex("^[a-z]{2,3}(-[A-Z][a-z]{3})?-[A-Z]{2}$", RegexOptions.IgnoreCase)]
    private static partial Regex Locale();
}
