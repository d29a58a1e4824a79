using WinVmBuild.Diagnostics;
using WinVmBuild.Host;

namespace WinVmBuild.Guests.Windows;

/// <summary>
/// The installation CD of Windows XP and Server 2003: ISO 9660 with Joliet names and no UDF; text-mode setup's
/// TXTSETUP.SIF under <c>I386\</c> (<c>AMD64\</c> on x64 media); a boot sector that is in no folder, only in the El
/// Torito catalog. It is read through xorriso, not 7-Zip: xorriso reports each catalog entry's platform, so a BIOS
/// entry is told from a UEFI one (7-Zip shows any entry as <c>[BOOT]/Boot-NoEmul.img</c>), and it is the engine's
/// ISO 9660 reader already. The CD boots under BIOS as it is: nothing is rebuilt.
/// </summary>
internal static class TextModeSetupCd
{
    /// <summary>What the CD must hold, as the WVB0215 message names it.</summary>
    public const string Shape =
        "a CD with I386/TXTSETUP.SIF, or AMD64/TXTSETUP.SIF on x64 media, in its ISO 9660/Joliet tree and a BIOS boot image " +
        "in its El Torito catalog, as Microsoft's XP and Server 2003 CDs";

    private const int TopLevelNamesShown = 8;

    private static readonly string[] SetupInformationFiles = ["/I386/TXTSETUP.SIF", "/AMD64/TXTSETUP.SIF"];

    /// <summary>Refuses an ISO without text-mode setup (WVB0215) or without a BIOS boot image (WVB0216).</summary>
    public static async Task CheckAsync(string iso, WindowsVersion version, CancellationToken cancellationToken)
    {
        var content = await Xorriso.ReadContentAsync(iso, cancellationToken).ConfigureAwait(false);
        if (!HasSetup(content))
        {
            throw WindowsInstallerIso.NotOfShape(
                iso,
                version,
                await FoundInsteadAsync(iso, content, cancellationToken).ConfigureAwait(false),
                "Set WinVmIso to an image of a Windows XP or Server 2003 CD, or WinVmWindowsVersion to the version this ISO installs.");
        }

        if (!content.BootEntries.Any(entry => entry.BootsBios))
        {
            var others = content.BootEntries.Count == 0
                ? "it has no El Torito boot catalog"
                : $"its El Torito catalog has only {string.Join(", ", content.BootEntries.Select(entry => entry.Platform))} entries";
            throw new WinVmException(
                ErrorCodes.InstallerIsoNotBootable,
                $"The ISO '{iso}' has no BIOS boot image, which booting {version.DisplayName()} setup from it needs: {others}. " +
                "Use an image of the whole CD, read from the disc as it is (an ISO made from the CD's files loses the boot " +
                "image, which is in no folder).") { File = iso };
        }
    }

    /// <summary>Whether the ISO holds XP or Server 2003 setup: told apart from later media when the wrong one is given.</summary>
    public static async Task<bool> IsSetupCdAsync(string iso, CancellationToken cancellationToken) =>
        HasSetup(await Xorriso.ReadContentAsync(iso, cancellationToken).ConfigureAwait(false));

    private static bool HasSetup(IsoImageContent content) =>
        content.Files.Any(file => SetupInformationFiles.Contains(file, StringComparer.OrdinalIgnoreCase));

    private static async Task<string> FoundInsteadAsync(string iso, IsoImageContent content, CancellationToken cancellationToken)
    {
        const string Missing = "its ISO 9660/Joliet tree has neither I386/TXTSETUP.SIF nor AMD64/TXTSETUP.SIF";
        if (await WindowsInstallerIso.HasUdfInstallImageAsync(iso, cancellationToken).ConfigureAwait(false))
        {
            return $"{Missing}; it is media of Windows Vista or later, with its install image under sources/ in UDF";
        }

        if (content.Files.Count == 0)
        {
            return $"{Missing}; it holds no file an ISO 9660 or Joliet reader sees";
        }

        var topLevel = content.Files.Select(file => file.TrimStart('/').Split('/')[0]).Distinct(StringComparer.Ordinal).ToList();
        var shown = string.Join(", ", topLevel.Take(TopLevelNamesShown)) + (topLevel.Count > TopLevelNamesShown ? ", ..." : string.Empty);
        return $"{Missing}; its top level holds {shown}";
    }
}
