using WinVmBuild.Host;

namespace WinVmBuild.Testing;

/// <summary>What goes into a <see cref="WindowsStandIn"/> ISO; a missing part makes media that are wrong on purpose.</summary>
/// <param name="BiosBootImage">boot/etfsboot.com, the BIOS's no-emulation El Torito image.</param>
/// <param name="UefiBootImage">efi/microsoft/boot/efisys.bin, the FAT image UEFI boots, which asks for a key.</param>
/// <param name="UefiNoPromptBootImage">efi/microsoft/boot/efisys_noprompt.bin, the same without the question.</param>
internal sealed record StandInParts(byte[]? BiosBootImage, byte[]? UefiBootImage, byte[]? UefiNoPromptBootImage)
{
    /// <summary>Placeholder boot images, one sector each: media to read, not to boot.</summary>
    public static StandInParts Inert { get; } = new(Sector(1), Sector(2), Sector(3));

    /// <summary>The images of sources/install.wim, from index 1; none: the ISO has no install.wim. An evaluation image needs no key.</summary>
    public IReadOnlyList<StandInImage> InstallImages { get; init; } = [StandInImage.Evaluation];

    /// <summary>A one-sector placeholder image filled with <paramref name="fill"/>.</summary>
    internal static byte[] Sector(byte fill) => Enumerable.Repeat(fill, 2048).ToArray();
}

/// <summary>What goes into an XP-shaped <see cref="WindowsStandIn"/> CD; a missing or odd part makes media that are wrong on purpose.</summary>
/// <param name="BootImage">The no-emulation boot image of the El Torito catalog; null: no catalog at all.</param>
/// <param name="SetupFolder">Where TXTSETUP.SIF is: I386 on 32-bit CDs, AMD64 on x64 ones.</param>
/// <param name="UefiBootEntry">Whether the catalog names the image for UEFI instead of the BIOS.</param>
internal sealed record XpStandInParts(byte[]? BootImage, string SetupFolder = "I386", bool UefiBootEntry = false)
{
    /// <summary>A placeholder boot image: media to read, not to boot.</summary>
    public static XpStandInParts Inert { get; } = new(StandInParts.Sector(4));
}

/// <summary>
/// One image of a <see cref="WindowsStandIn"/>'s install.wim, with the XML data setup and WinVmBuild read in Microsoft's
/// images: NAME, WINDOWS/EDITIONID (FLAGS too, as Microsoft's carry it) and WINDOWS/VERSION (10.0.<paramref name="Build"/>).
/// </summary>
internal sealed record StandInImage(string Name, string EditionId, int Build = 22631)
{
    public static StandInImage Evaluation { get; } = new("Windows 11 Enterprise Evaluation", "EnterpriseEval");

    public static StandInImage Home { get; } = new("Windows 11 Home", "Core");

    public static StandInImage Professional { get; } = new("Windows 11 Pro", "Professional");

    public static StandInImage ServerEvaluation { get; } = new("Windows Server 2022 SERVERSTANDARDCORE", "ServerStandardEval", 20348);

    /// <summary>wimlib-imagex's options that write the image's XML data.</summary>
    public IReadOnlyList<string> Properties =>
    [
        "--image-property", $"WINDOWS/EDITIONID={EditionId}",
        "--image-property", $"FLAGS={EditionId}",
        "--image-property", "WINDOWS/VERSION/MAJOR=10",
        "--image-property", "WINDOWS/VERSION/MINOR=0",
        "--image-property", $"WINDOWS/VERSION/BUILD={Build}",
    ];
}

/// <summary>
/// A Windows-shaped installation ISO, laid out and built like Microsoft's: UDF, with an ISO 9660 layer that holds only a
/// README; boot/etfsboot.com, efi/microsoft/boot/efisys.bin and efisys_noprompt.bin; a real sources/install.wim holding
/// <see cref="StandInParts.InstallImages"/> (wimtools). <see cref="BootablePartsAsync"/> makes boot images from GRUB that
/// behave like Windows' at boot: the BIOS one says on the serial port that it booted; the UEFI one asks to press a key,
/// waits a few seconds, and returns to the firmware when none comes, as cdboot.efi does; the no-prompt one boots at
/// once. Each powers the VM off once it has said it booted. <see cref="CreateXpIsoAsync"/> makes the other shape, an XP
/// or Server 2003 CD, whose bootable image (<see cref="BootableXpPartsAsync"/>) says so with its own marker.
/// </summary>
internal static class WindowsStandIn
{
    public const string BiosBooted = "winvmbuild-standin: booted by the BIOS from the installer CD";
    public const string UefiBooted = "winvmbuild-standin: booted by UEFI from the installer CD";
    public const string UefiPrompt = "Press any key to boot from CD or DVD...";
    public const string UefiNoKey = "winvmbuild-standin: no key pressed, back to the firmware";

    public const string XpBiosBooted = "winvmbuild-standin: booted by the BIOS from the XP installer CD";

    public const string BiosBootImagePath = "boot/etfsboot.com";
    public const string UefiBootImagePath = "efi/microsoft/boot/efisys.bin";
    public const string UefiNoPromptBootImagePath = "efi/microsoft/boot/efisys_noprompt.bin";

    /// <summary>Builds the ISO in <paramref name="folder"/> and returns its path; it boots as Microsoft's do (BIOS image, then UEFI's efisys.bin).</summary>
    public static async Task<string> CreateIsoAsync(string folder, StandInParts parts)
    {
        var root = Directory.CreateDirectory(Path.Combine(folder, "iso-root")).FullName;
        await File.WriteAllTextAsync(
            Path.Combine(root, "README.TXT"),
            "This disc contains a UDF file system and requires an operating system that supports the ISO-13346 UDF file system specification.\r\n");
        var boot = new List<string>();
        if (parts.BiosBootImage is { } bios)
        {
            await WriteAsync(root, BiosBootImagePath, bios);
            boot.AddRange(["-b", BiosBootImagePath, "-no-emul-boot", "-boot-load-size", "4", "-boot-info-table"]);
        }

        if (parts.UefiBootImage is { } uefi)
        {
            await WriteAsync(root, UefiBootImagePath, uefi);
            boot.AddRange(boot.Count > 0 ? ["-eltorito-alt-boot"] : []);
            boot.AddRange(["-e", UefiBootImagePath, "-no-emul-boot"]);
        }

        if (parts.UefiNoPromptBootImage is { } noPrompt)
        {
            await WriteAsync(root, UefiNoPromptBootImagePath, noPrompt);
        }

        if (parts.InstallImages.Count > 0)
        {
            var image = Directory.CreateDirectory(Path.Combine(folder, "install-image", "Windows", "System32")).FullName;
            await File.WriteAllTextAsync(Path.Combine(image, "winvmbuild-standin.txt"), "stand-in\n");
            Directory.CreateDirectory(Path.Combine(root, "sources"));
            foreach (var (each, index) in parts.InstallImages.Select((each, index) => (each, index)))
            {
                await Run("wimlib-imagex", [
                    index == 0 ? "capture" : "append", Path.Combine(folder, "install-image"), Path.Combine(root, "sources", "install.wim"), each.Name,
                    "--compress=none", .. each.Properties,
                ]);
            }
        }

        var iso = Path.Combine(folder, "windows-standin.iso");
        await Run("genisoimage", [
            "-quiet", "-o", iso, "-udf", "-V", "STANDIN", .. boot, "-c", "boot.catalog",
            "-hide", "boot", "-hide", "efi", "-hide", "sources", "-hide", "boot.catalog", root,
        ]);
        return iso;
    }

    /// <summary>
    /// An XP or Server 2003 CD, laid out as Microsoft's: ISO 9660 with Joliet names, no UDF and no Rock Ridge;
    /// TXTSETUP.SIF under I386 (or AMD64); the boot image in the El Torito catalog only, in no folder of either tree.
    /// </summary>
    public static async Task<string> CreateXpIsoAsync(string folder, XpStandInParts parts)
    {
        const string BootImagePath = "BOOTSECT.BIN";
        const string CatalogPath = "BOOT.CAT";
        var root = Directory.CreateDirectory(Path.Combine(folder, "xp-iso-root")).FullName;
        await WriteAsync(root, $"{parts.SetupFolder}/TXTSETUP.SIF", "[Version]\r\nSignature = \"$Windows NT$\"\r\n"u8.ToArray());
        await WriteAsync(root, "WIN51", "Windows stand-in\r\n"u8.ToArray());
        var boot = new List<string>();
        if (parts.BootImage is { } image)
        {
            await WriteAsync(root, BootImagePath, image);
            boot.AddRange([parts.UefiBootEntry ? "-e" : "-b", BootImagePath, "-no-emul-boot"]);
            boot.AddRange(parts.UefiBootEntry ? [] : ["-boot-load-size", "4", "-boot-info-table"]);
            boot.AddRange(["-c", CatalogPath, .. Hidden(BootImagePath), .. Hidden(CatalogPath)]);
        }

        var iso = Path.Combine(folder, "xp-standin.iso");
        await Run("genisoimage", ["-quiet", "-o", iso, "-J", "-V", "XPSTANDIN", .. boot, root]);
        return iso;
    }

    /// <summary>GRUB images that behave at boot as Windows' do (see the class), built with grub-mkstandalone and mtools.</summary>
    public static async Task<StandInParts> BootablePartsAsync(string folder)
    {
        var bios = await BiosBootImageAsync(folder, "etfsboot.com", BiosBooted);
        var prompt = await GrubImageAsync(folder, "x86_64-efi", "bootx64-prompt.efi", $$"""
            serial --unit=0 --speed=115200
            terminal_output serial
            echo "{{UefiPrompt}}"
            if sleep --interruptible 5; then
              echo "{{UefiNoKey}}"
              exit
            fi
            echo "{{UefiBooted}}"
            halt
            """, string.Empty);
        var noPrompt = await GrubImageAsync(folder, "x86_64-efi", "bootx64-noprompt.efi", $$"""
            serial --unit=0 --speed=115200
            terminal_output serial
            echo "{{UefiBooted}}"
            halt
            """, string.Empty);
        return new StandInParts(bios, await EfiSystemImageAsync(folder, prompt, "efisys.bin"), await EfiSystemImageAsync(folder, noPrompt, "efisys_noprompt.bin"));
    }

    /// <summary>An XP-shaped CD's boot image, built as <see cref="BootablePartsAsync"/>'s BIOS one, with a marker of its own.</summary>
    public static async Task<XpStandInParts> BootableXpPartsAsync(string folder) =>
        new(await BiosBootImageAsync(folder, "xp-bootsect.bin", XpBiosBooted));

    /// <summary>A no-emulation El Torito image that says <paramref name="marker"/> on the serial port and halts.</summary>
    private static Task<byte[]> BiosBootImageAsync(string folder, string name, string marker) =>
        GrubImageAsync(folder, "i386-pc-eltorito", name, $$"""
            serial --unit=0 --speed=115200
            terminal_output serial
            echo "{{marker}}"
            halt
            """, "biosdisk iso9660");

    /// <summary>genisoimage's options that keep <paramref name="path"/> out of both the ISO 9660 and the Joliet tree.</summary>
    private static string[] Hidden(string path) => ["-hide", path, "-hide-joliet", path];

    private static async Task<byte[]> GrubImageAsync(string folder, string format, string name, string config, string modules)
    {
        var configFile = Path.Combine(folder, name + ".cfg");
        await File.WriteAllTextAsync(configFile, config + "\n");
        var image = Path.Combine(folder, name);
        await Run("grub-mkstandalone", [
            "-O", format, "-o", image, "--locales=", "--fonts=", "--themes=",
            $"--install-modules=normal serial sleep echo test terminal minicmd halt {modules}", $"--modules=serial {modules}",
            $"boot/grub/grub.cfg={configFile}",
        ]);
        return await File.ReadAllBytesAsync(image);
    }

    /// <summary>The FAT image UEFI boots from the CD: EFI/BOOT/BOOTX64.EFI on a 2.88 MB floppy image, as Microsoft's efisys.bin.</summary>
    private static async Task<byte[]> EfiSystemImageAsync(string folder, byte[] bootx64, string name)
    {
        var efi = Path.Combine(folder, name + ".efi");
        await File.WriteAllBytesAsync(efi, bootx64);
        var image = Path.Combine(folder, name);
        var mtools = new Dictionary<string, string> { ["MTOOLS_SKIP_CHECK"] = "1" };
        await Run("mformat", ["-C", "-f", "2880", "-i", image, "::"], mtools);
        await Run("mmd", ["-i", image, "::/EFI", "::/EFI/BOOT"], mtools);
        await Run("mcopy", ["-i", image, efi, "::/EFI/BOOT/BOOTX64.EFI"], mtools);
        return await File.ReadAllBytesAsync(image);
    }

    private static async Task WriteAsync(string root, string path, byte[] content)
    {
        var file = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllBytesAsync(file, content);
    }

    private static Task Run(string program, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        ProcessRunner.RunCheckedAsync(new ProcessSpec(program, arguments) { Environment = environment }, CancellationToken.None);
}
