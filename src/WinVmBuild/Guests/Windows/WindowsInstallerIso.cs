using WinVmBuild.Diagnostics;
using WinVmBuild.Host;
using WinVmBuild.Media;
using WinVmBuild.Stages;

namespace WinVmBuild.Guests.Windows;

/// <summary>
/// The project's Windows installation ISO. Microsoft's media keep their files in UDF (xorriso sees only a README in
/// their ISO 9660 layer), so they are read through 7-Zip: checked before anything is written, and, for UEFI, rebuilt
/// once per ISO content with <c>efisys_noprompt.bin</c> as the boot image. Windows' usual <c>efisys.bin</c> starts
/// cdboot.efi, which asks to "Press any key to boot from CD or DVD" and returns to the firmware when no key comes:
/// nothing presses one. Sending keys over QMP for the first seconds (Packer's boot_command) depends on how long the
/// firmware takes to get there, which under TCG is anyone's guess; rebuilding with the boot image Microsoft ships for
/// unattended use (as dockur/windows does) does not.
/// </summary>
public static class WindowsInstallerIso
{
    public const string BiosBootImage = "boot/etfsboot.com";
    public const string UefiBootImage = "efi/microsoft/boot/efisys_noprompt.bin";

    /// <summary>The stage cache's name for rebuilt ISOs, each under the sha256 of the ISO it was made from.</summary>
    public const string CacheStage = "installer";

    public const string RebuiltIsoFile = "windows.iso";

    internal static readonly string[] InstallImages = ["sources/install.wim", "sources/install.esd"];

    /// <summary>Refuses an ISO that is not Windows installation media, or has no boot image for <paramref name="firmware"/> (WVB0215, WVB0216).</summary>
    public static async Task CheckAsync(string iso, Firmware firmware, CancellationToken cancellationToken) =>
        await BootImageAsync(iso, firmware, cancellationToken).ConfigureAwait(false);

    /// <summary>The ISO an install boots: the project's under BIOS; under UEFI its rebuilt copy in the stage cache.</summary>
    public static async Task<string> ForFirmwareAsync(string iso, Firmware firmware, StageCache cache, IBuildLog log, CancellationToken cancellationToken)
    {
        var bootImage = await BootImageAsync(iso, firmware, cancellationToken).ConfigureAwait(false);
        if (firmware == Firmware.Bios)
        {
            return iso;
        }

        var content = await cache.Hashes.Sha256Async(iso, cancellationToken).ConfigureAwait(false);
        var entry = await cache.GetOrCreateAsync(
            CacheStage, content[..32], log, folder => RebuildAsync(iso, bootImage, folder, log, cancellationToken), cancellationToken).ConfigureAwait(false);
        return Path.Combine(entry, RebuiltIsoFile);
    }

    /// <summary>The path, as the ISO spells it, of the boot image <paramref name="firmware"/> needs.</summary>
    private static async Task<string> BootImageAsync(string iso, Firmware firmware, CancellationToken cancellationToken)
    {
        var files = await SevenZip.ListUdfAsync(iso, cancellationToken).ConfigureAwait(false)
            ?? throw NotWindows(iso, "it has no UDF file system, where Windows media keep their files");
        string? Find(string path) => files.FirstOrDefault(file => string.Equals(file, path, StringComparison.OrdinalIgnoreCase));
        if (InstallImages.All(image => Find(image) is null))
        {
            throw NotWindows(iso, $"it has neither {string.Join(" nor ", InstallImages)}");
        }

        var wanted = firmware == Firmware.Bios ? BiosBootImage : UefiBootImage;
        return Find(wanted) ?? throw new WinVmException(
            ErrorCodes.InstallerIsoNotBootable,
            $"The ISO '{iso}' has no {wanted}, which booting it with {firmware} firmware needs. Use media that have it " +
            $"(Microsoft's x64 ISOs of Vista SP1 and later do), or set WinVmFirmware to {(firmware == Firmware.Bios ? "uefi" : "bios")}.") { File = iso };
    }

    private static async Task RebuildAsync(string iso, string bootImage, string folder, IBuildLog log, CancellationToken cancellationToken)
    {
        log.Message($"WinVmBuild: install: rebuilding '{iso}' to boot under UEFI without a key press (once per ISO)");
        var files = Path.Combine(folder, "files");
        await SevenZip.ExtractUdfAsync(iso, files, cancellationToken).ConfigureAwait(false);

        // An El Torito catalog is an artifact of the old image, not Windows content; the new image gets its own.
        File.Delete(Path.Combine(files, "boot.catalog"));
        await Genisoimage.CreateUefiBootableAsync(files, Path.Combine(folder, RebuiltIsoFile), "WINVMBUILD", bootImage, cancellationToken)
            .ConfigureAwait(false);
        Directory.Delete(files, recursive: true);
    }

    private static WinVmException NotWindows(string iso, string why) => new(
        ErrorCodes.InstallerIsoNotWindows,
        $"WinVmIso '{iso}' is not Windows installation media: {why}. Set WinVmIso to a Windows ISO from Microsoft.") { File = iso };
}
