using WinVmBuild.Cache;
using WinVmBuild.Diagnostics;
using WinVmBuild.Host;

namespace WinVmBuild.Guests.Windows;

/// <summary>
/// The project's Windows installation ISO, checked before anything is written to be of the shape the version's setup
/// needs. XP and Server 2003 come on ISO 9660 CDs (<see cref="TextModeSetupCd"/>), booted as they are. Microsoft's
/// media of Vista and later keep their files in UDF (xorriso sees only a README in their ISO 9660 layer), so they are
/// read through 7-Zip, and, for UEFI, rebuilt once per ISO content with <c>efisys_noprompt.bin</c> as the boot image.
/// Windows' usual <c>efisys.bin</c> starts cdboot.efi, which asks to "Press any key to boot from CD or DVD" and returns
/// to the firmware when no key comes: nothing presses one. Sending keys over QMP for the first seconds (Packer's
/// boot_command) depends on how long the firmware takes to get there, which under TCG is anyone's guess; rebuilding
/// with the boot image Microsoft ships for unattended use (as dockur/windows does) does not.
/// </summary>
public static class WindowsInstallerIso
{
    public const string BiosBootImage = "boot/etfsboot.com";
    public const string UefiBootImage = "efi/microsoft/boot/efisys_noprompt.bin";

    public const string RebuiltIsoFile = "windows.iso";

    private const string UdfShape = "sources/install.wim or sources/install.esd in a UDF file system, as Microsoft's media of Windows Vista and later";

    internal static readonly string[] InstallImages = ["sources/install.wim", "sources/install.esd"];

    /// <summary>
    /// Refuses an ISO that is not installation media of the shape <paramref name="version"/>'s setup needs (WVB0215), or
    /// has no boot image for <paramref name="firmware"/> (WVB0216).
    /// </summary>
    public static async Task CheckAsync(string iso, WindowsVersion version, Firmware firmware, CancellationToken cancellationToken)
    {
        if (version.AnswerFileKind() == AnswerFileKind.WinntSif)
        {
            await TextModeSetupCd.CheckAsync(iso, version, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await BootImageAsync(iso, version, firmware, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The ISO an install boots, once checked: the project's under BIOS (XP and Server 2003 boot under BIOS only, see
    /// <see cref="WindowsSetupRules.CheckCombination"/>); under UEFI its rebuilt copy in the stage cache.
    /// </summary>
    public static async Task<BootableInstaller> ForFirmwareAsync(
        string iso, WindowsVersion version, Firmware firmware, StageCache cache, IBuildLog log, CancellationToken cancellationToken)
    {
        if (version.AnswerFileKind() == AnswerFileKind.WinntSif)
        {
            await TextModeSetupCd.CheckAsync(iso, version, cancellationToken).ConfigureAwait(false);
            return new BootableInstaller(iso);
        }

        var bootImage = await BootImageAsync(iso, version, firmware, cancellationToken).ConfigureAwait(false);
        if (firmware == Firmware.Bios)
        {
            return new BootableInstaller(iso);
        }

        var content = await cache.Hashes.Sha256Async(iso, cancellationToken).ConfigureAwait(false);
        var entry = await cache.GetOrCreateAsync(
            EntryKind.Installer, content[..32], log, folder => RebuildAsync(iso, bootImage, folder, log, cancellationToken), cancellationToken).ConfigureAwait(false);
        return new BootableInstaller(Path.Combine(entry.Folder, RebuiltIsoFile), entry);
    }

    /// <summary>Whether the ISO has the UDF install image of Vista and later media: told apart from XP's when the wrong one is given.</summary>
    internal static async Task<bool> HasUdfInstallImageAsync(string iso, CancellationToken cancellationToken) =>
        await SevenZip.ListUdfAsync(iso, cancellationToken).ConfigureAwait(false) is { } files && InstallImages.Any(image => Find(files, image) is not null);

    /// <summary>
    /// WVB0215 for media not of the shape <paramref name="version"/> needs: it names that shape, says what was
    /// <paramref name="found"/> instead, and how to <paramref name="fix"/> it.
    /// </summary>
    internal static WinVmException NotOfShape(string iso, WindowsVersion version, string found, string fix) => new(
        ErrorCodes.InstallerIsoNotWindows,
        $"WinVmIso '{iso}' is not Windows installation media of the shape WinVmWindowsVersion={version.SettingName()} needs " +
        $"({(version.AnswerFileKind() == AnswerFileKind.WinntSif ? TextModeSetupCd.Shape : UdfShape)}): {found}. {fix}") { File = iso };

    /// <summary>The path, as the ISO spells it, of the boot image <paramref name="firmware"/> needs.</summary>
    private static async Task<string> BootImageAsync(string iso, WindowsVersion version, Firmware firmware, CancellationToken cancellationToken)
    {
        var files = await SevenZip.ListUdfAsync(iso, cancellationToken).ConfigureAwait(false)
            ?? throw await NoUdfAsync(iso, version, cancellationToken).ConfigureAwait(false);
        if (InstallImages.All(image => Find(files, image) is null))
        {
            throw NotOfShape(iso, version, $"it has neither {string.Join(" nor ", InstallImages)}", "Set WinVmIso to a Windows ISO from Microsoft.");
        }

        var wanted = firmware == Firmware.Bios ? BiosBootImage : UefiBootImage;
        return Find(files, wanted) ?? throw new WinVmException(
            ErrorCodes.InstallerIsoNotBootable,
            $"The ISO '{iso}' has no {wanted}, which booting it with {firmware} firmware needs. Use media that have it " +
            $"(Microsoft's x64 ISOs of Vista SP1 and later do), or set WinVmFirmware to {(firmware == Firmware.Bios ? "uefi" : "bios")}.") { File = iso };
    }

    /// <summary>The error for media without UDF, which says so when they are an XP or Server 2003 CD.</summary>
    private static async Task<WinVmException> NoUdfAsync(string iso, WindowsVersion version, CancellationToken cancellationToken) =>
        await TextModeSetupCd.IsSetupCdAsync(iso, cancellationToken).ConfigureAwait(false)
            ? NotOfShape(
                iso,
                version,
                "it has no UDF file system; it is a Windows XP or Server 2003 CD, whose setup is under I386 or AMD64",
                $"Set WinVmWindowsVersion to xp or 2003, whichever this CD installs, or WinVmIso to media of {version.DisplayName()}.")
            : NotOfShape(iso, version, "it has no UDF file system", "Set WinVmIso to a Windows ISO from Microsoft.");

    private static string? Find(IReadOnlyList<string> files, string path) =>
        files.FirstOrDefault(file => string.Equals(file, path, StringComparison.OrdinalIgnoreCase));

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
}
