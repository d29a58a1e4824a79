using WinVmBuild.Diagnostics;
using WinVmBuild.Guests.Windows;
using WinVmBuild.Host;
using WinVmBuild.Media;
using WinVmBuild.Stages;

namespace WinVmBuild.Tests.Windows;

/// <summary>The Windows ISO is read through UDF, checked before anything is written, and rebuilt once for UEFI.</summary>
[TestClass]
[RequiresHostPackages]
public sealed class WindowsInstallerIsoTests
{
    [TestMethod]
    public async Task Windows_shaped_media_pass_for_both_firmwares_though_their_iso_9660_layer_shows_only_a_readme()
    {
        var iso = await WindowsStandIn.CreateIsoAsync(TestPaths.NewScratchFolder("standin"), StandInParts.Inert);

        await WindowsInstallerIso.CheckAsync(iso, Firmware.Bios, CancellationToken.None);
        await WindowsInstallerIso.CheckAsync(iso, Firmware.Uefi, CancellationToken.None);
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

        var noUdf = await Assert.ThrowsExactlyAsync<WinVmException>(() => WindowsInstallerIso.CheckAsync(iso9660, Firmware.Bios, CancellationToken.None));
        var noWim = await Assert.ThrowsExactlyAsync<WinVmException>(() => WindowsInstallerIso.CheckAsync(noImage, Firmware.Bios, CancellationToken.None));

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

        var error = await Assert.ThrowsExactlyAsync<WinVmException>(() => WindowsInstallerIso.CheckAsync(iso, firmware, CancellationToken.None));

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

        var bios = await WindowsInstallerIso.ForFirmwareAsync(iso, Firmware.Bios, cache, log, CancellationToken.None);
        var rebuilt = await WindowsInstallerIso.ForFirmwareAsync(iso, Firmware.Uefi, cache, log, CancellationToken.None);
        var again = await WindowsInstallerIso.ForFirmwareAsync(iso, Firmware.Uefi, cache, log, CancellationToken.None);

        Assert.AreEqual(iso, bios);
        Assert.AreEqual(rebuilt, again);
        StringAssert.StartsWith(rebuilt, Path.Combine(cache.Root, WindowsInstallerIso.CacheStage));
        var files = await SevenZip.ListUdfAsync(rebuilt, CancellationToken.None);
        CollectionAssert.IsSubsetOf(new[] { "sources/install.wim", "efi/microsoft/boot/efisys_noprompt.bin" }, files!.ToList());
        var bootImages = Directory.CreateDirectory(Path.Combine(scratch, "boot-images")).FullName;
        await ProcessRunner.RunCheckedAsync(new ProcessSpec("xorriso", ["-osirrox", "on", "-indev", rebuilt, "-extract_boot_images", bootImages]), CancellationToken.None);
        var extracted = Directory.GetFiles(bootImages, "eltorito_img*").Single();
        StringAssert.EndsWith(extracted, "_uefi.img");
        CollectionAssert.AreEqual(StandInParts.Inert.UefiNoPromptBootImage, await File.ReadAllBytesAsync(extracted), "the one boot image is efisys_noprompt.bin");
    }
}
