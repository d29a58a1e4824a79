using WinVmBuild.Cache;
using WinVmBuild.Diagnostics;
using WinVmBuild.Guests.Windows;
using WinVmBuild.Host;

namespace WinVmBuild.Tests.Windows;

/// <summary>
/// The Windows ISO is checked before anything is written to be of the shape the version's setup needs: UDF media of
/// Vista and later, read through 7-Zip and rebuilt once for UEFI; XP and Server 2003 CDs, read through xorriso and
/// booted as they are.
/// </summary>
[TestClass]
[RequiresHostPackages]
public sealed class WindowsInstallerIsoTests
{
    [TestMethod]
    public async Task Windows_shaped_media_pass_for_both_firmwares_though_their_iso_9660_layer_shows_only_a_readme()
    {
        var iso = await WindowsStandIn.CreateIsoAsync(TestPaths.NewScratchFolder("standin"), StandInParts.Inert);

        await WindowsInstallerIso.CheckAsync(iso, WindowsVersion.Windows10, Firmware.Bios, CancellationToken.None);
        await WindowsInstallerIso.CheckAsync(iso, WindowsVersion.Windows11, Firmware.Uefi, CancellationToken.None);
        CollectionAssert.AreEqual(new[] { "/README.TXT" }, (await Xorriso.ListFilesAsync(iso, CancellationToken.None)).ToArray());
    }

    [TestMethod]
    public async Task An_iso_without_udf_or_without_an_install_image_is_WVB0215()
    {
        var scratch = TestPaths.NewScratchFolder("not-windows");
        var plain = Directory.CreateDirectory(Path.Combine(scratch, "plain")).FullName;
        Directory.CreateDirectory(Path.Combine(plain, "sources"));
        await File.WriteAllTextAsync(Path.Combine(plain, "sources", "install.wim"), "not UDF");
        var iso9660 = Path.Combine(scratch, "plain.iso");
        await Xorriso.CreateImageAsync(plain, iso9660, "PLAIN", CancellationToken.None);
        var noImage = await WindowsStandIn.CreateIsoAsync(Directory.CreateDirectory(Path.Combine(scratch, "no-image")).FullName, StandInParts.Inert with { InstallImages = [] });

        var noUdf = await Assert.ThrowsExactlyAsync<WinVmException>(() => WindowsInstallerIso.CheckAsync(iso9660, WindowsVersion.Windows10, Firmware.Bios, CancellationToken.None));
        var noWim = await Assert.ThrowsExactlyAsync<WinVmException>(() => WindowsInstallerIso.CheckAsync(noImage, WindowsVersion.Windows10, Firmware.Bios, CancellationToken.None));

        Assert.AreEqual(ErrorCodes.InstallerIsoNotWindows, noUdf.Code);
        StringAssert.Contains(noUdf.Message, "no UDF file system");
        Assert.AreEqual(ErrorCodes.InstallerIsoNotWindows, noWim.Code);
        StringAssert.Contains(noWim.Message, "neither sources/install.wim nor sources/install.esd");
    }

    [TestMethod]
    [DataRow(Firmware.Bios, "boot/etfsboot.com")]
    [DataRow(Firmware.Uefi, "efi/microsoft/boot/efisys_noprompt.bin")]
    public async Task Media_without_the_firmwares_boot_image_are_WVB0216(Firmware firmware, string missing)
    {
        var parts = firmware == Firmware.Bios ? StandInParts.Inert with { BiosBootImage = null } : StandInParts.Inert with { UefiNoPromptBootImage = null };
        var iso = await WindowsStandIn.CreateIsoAsync(TestPaths.NewScratchFolder("no-boot-image"), parts);

        var error = await Assert.ThrowsExactlyAsync<WinVmException>(() => WindowsInstallerIso.CheckAsync(iso, WindowsVersion.Windows11, firmware, CancellationToken.None));

        Assert.AreEqual(ErrorCodes.InstallerIsoNotBootable, error.Code);
        StringAssert.Contains(error.Message, missing);
    }

    [TestMethod]
    public async Task Under_uefi_the_iso_is_rebuilt_once_per_content_to_boot_the_no_prompt_image_and_under_bios_it_is_used_as_it_is()
    {
        var scratch = TestPaths.NewScratchFolder("rebuild");
        var iso = await WindowsStandIn.CreateIsoAsync(scratch, StandInParts.Inert);
        var cache = new StageCache(Path.Combine(scratch, "cache"));
        var log = new RecordingLog();

        using var bios = await WindowsInstallerIso.ForFirmwareAsync(iso, WindowsVersion.Windows11, Firmware.Bios, cache, log, CancellationToken.None);
        using var rebuiltIso = await WindowsInstallerIso.ForFirmwareAsync(iso, WindowsVersion.Windows11, Firmware.Uefi, cache, log, CancellationToken.None);
        using var again = await WindowsInstallerIso.ForFirmwareAsync(iso, WindowsVersion.Windows11, Firmware.Uefi, cache, log, CancellationToken.None);
        var rebuilt = rebuiltIso.Path!;

        Assert.AreEqual(iso, bios.Path);
        Assert.AreEqual(rebuilt, again.Path);
        StringAssert.StartsWith(rebuilt, Path.Combine(cache.Root, EntryKind.Installer.Name));
        var files = await SevenZip.ListUdfAsync(rebuilt, CancellationToken.None);
        CollectionAssert.IsSubsetOf(new[] { "sources/install.wim", "efi/microsoft/boot/efisys_noprompt.bin" }, files!.ToList());
        var bootImages = Directory.CreateDirectory(Path.Combine(scratch, "boot-images")).FullName;
        await ProcessRunner.RunCheckedAsync(new ProcessSpec("xorriso", ["-osirrox", "on", "-indev", rebuilt, "-extract_boot_images", bootImages]), CancellationToken.None);
        var extracted = Directory.GetFiles(bootImages, "eltorito_img*").Single();
        StringAssert.EndsWith(extracted, "_uefi.img");
        CollectionAssert.AreEqual(StandInParts.Inert.UefiNoPromptBootImage, await File.ReadAllBytesAsync(extracted), "the one boot image is efisys_noprompt.bin");
    }

    [TestMethod]
    [DataRow(WindowsVersion.Xp)]
    [DataRow(WindowsVersion.Server2003)]
    public async Task An_xp_shaped_cd_passes_for_xp_and_2003_though_it_has_no_udf_and_its_boot_image_is_in_no_folder(WindowsVersion version)
    {
        var iso = await WindowsStandIn.CreateXpIsoAsync(TestPaths.NewScratchFolder("xp-shaped"), XpStandInParts.Inert);

        await WindowsInstallerIso.CheckAsync(iso, version, Firmware.Bios, CancellationToken.None);
        Assert.IsNull(await SevenZip.ListUdfAsync(iso, CancellationToken.None));
        CollectionAssert.AreEqual(new[] { "/I386/TXTSETUP.SIF", "/WIN51" }, (await Xorriso.ListFilesAsync(iso, CancellationToken.None)).ToArray());
    }

    [TestMethod]
    public async Task An_x64_cd_with_its_setup_under_amd64_passes()
    {
        var iso = await WindowsStandIn.CreateXpIsoAsync(TestPaths.NewScratchFolder("xp-amd64"), XpStandInParts.Inert with { SetupFolder = "AMD64" });

        await WindowsInstallerIso.CheckAsync(iso, WindowsVersion.Server2003, Firmware.Bios, CancellationToken.None);
    }

    [TestMethod]
    public async Task An_xp_shaped_cd_given_for_windows_10_is_WVB0215_saying_it_is_an_xp_or_2003_cd()
    {
        var iso = await WindowsStandIn.CreateXpIsoAsync(TestPaths.NewScratchFolder("xp-for-10"), XpStandInParts.Inert);

        var error = await Assert.ThrowsExactlyAsync<WinVmException>(() => WindowsInstallerIso.CheckAsync(iso, WindowsVersion.Windows10, Firmware.Bios, CancellationToken.None));

        Assert.AreEqual(ErrorCodes.InstallerIsoNotWindows, error.Code);
        StringAssert.Contains(error.Message, "the shape WinVmWindowsVersion=10 needs (sources/install.wim or sources/install.esd in a UDF file system");
        StringAssert.Contains(error.Message, "it is a Windows XP or Server 2003 CD");
        StringAssert.Contains(error.Message, "Set WinVmWindowsVersion to xp or 2003");
    }

    [TestMethod]
    public async Task Windows_10_media_given_for_xp_are_WVB0215_saying_they_are_media_of_vista_or_later()
    {
        var iso = await WindowsStandIn.CreateIsoAsync(TestPaths.NewScratchFolder("10-for-xp"), StandInParts.Inert);

        var error = await Assert.ThrowsExactlyAsync<WinVmException>(() => WindowsInstallerIso.CheckAsync(iso, WindowsVersion.Xp, Firmware.Bios, CancellationToken.None));

        Assert.AreEqual(ErrorCodes.InstallerIsoNotWindows, error.Code);
        StringAssert.Contains(error.Message, "the shape WinVmWindowsVersion=xp needs (a CD with I386/TXTSETUP.SIF");
        StringAssert.Contains(error.Message, "it is media of Windows Vista or later, with its install image under sources/ in UDF");
    }

    [TestMethod]
    public async Task A_cd_without_txtsetup_sif_given_for_2003_is_WVB0215_naming_what_it_holds()
    {
        var scratch = TestPaths.NewScratchFolder("not-setup");
        var root = Directory.CreateDirectory(Path.Combine(scratch, "root")).FullName;
        Directory.CreateDirectory(Path.Combine(root, "I386"));
        await File.WriteAllTextAsync(Path.Combine(root, "I386", "WINNT.EXE"), "MZ");
        await File.WriteAllTextAsync(Path.Combine(root, "README.TXT"), "not setup");
        var iso = Path.Combine(scratch, "other.iso");
        await Xorriso.CreateImageAsync(root, iso, "OTHER", CancellationToken.None);

        var error = await Assert.ThrowsExactlyAsync<WinVmException>(() => WindowsInstallerIso.CheckAsync(iso, WindowsVersion.Server2003, Firmware.Bios, CancellationToken.None));

        Assert.AreEqual(ErrorCodes.InstallerIsoNotWindows, error.Code);
        StringAssert.Contains(error.Message, "its ISO 9660/Joliet tree has neither I386/TXTSETUP.SIF nor AMD64/TXTSETUP.SIF; its top level holds I386, README.TXT");
    }

    [TestMethod]
    public async Task An_xp_shaped_cd_without_a_bios_boot_entry_is_WVB0216()
    {
        var scratch = TestPaths.NewScratchFolder("xp-no-boot");
        var none = await WindowsStandIn.CreateXpIsoAsync(Directory.CreateDirectory(Path.Combine(scratch, "none")).FullName, XpStandInParts.Inert with { BootImage = null });
        var uefi = await WindowsStandIn.CreateXpIsoAsync(Directory.CreateDirectory(Path.Combine(scratch, "uefi")).FullName, XpStandInParts.Inert with { UefiBootEntry = true });

        var noCatalog = await Assert.ThrowsExactlyAsync<WinVmException>(() => WindowsInstallerIso.CheckAsync(none, WindowsVersion.Xp, Firmware.Bios, CancellationToken.None));
        var uefiOnly = await Assert.ThrowsExactlyAsync<WinVmException>(() => WindowsInstallerIso.CheckAsync(uefi, WindowsVersion.Xp, Firmware.Bios, CancellationToken.None));

        Assert.AreEqual(ErrorCodes.InstallerIsoNotBootable, noCatalog.Code);
        StringAssert.Contains(noCatalog.Message, "has no BIOS boot image, which booting Windows XP setup from it needs: it has no El Torito boot catalog");
        Assert.AreEqual(ErrorCodes.InstallerIsoNotBootable, uefiOnly.Code);
        StringAssert.Contains(uefiOnly.Message, "its El Torito catalog has only UEFI entries");
    }

    [TestMethod]
    public async Task An_xp_shaped_cd_is_booted_as_it_is()
    {
        var scratch = TestPaths.NewScratchFolder("xp-as-is");
        var iso = await WindowsStandIn.CreateXpIsoAsync(scratch, XpStandInParts.Inert);
        var cache = new StageCache(Path.Combine(scratch, "cache"));

        using var booted = await WindowsInstallerIso.ForFirmwareAsync(iso, WindowsVersion.Xp, Firmware.Bios, cache, new RecordingLog(), CancellationToken.None);

        Assert.AreEqual(iso, booted.Path);
        Assert.IsFalse(Directory.Exists(Path.Combine(cache.Root, EntryKind.Installer.Name)));
    }
}
