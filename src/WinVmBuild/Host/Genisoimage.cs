namespace WinVmBuild.Host;

/// <summary>
/// UDF images through genisoimage, which xorriso cannot write: the only place the engine builds an installation ISO
/// (files over 4 GB, as Windows' install.wim, need UDF).
/// </summary>
public static class Genisoimage
{
    /// <summary>
    /// Packs <paramref name="folder"/> into <paramref name="image"/> (replaced atomically) as UDF, with
    /// <paramref name="efiBootImage"/> (a path inside the folder) as its one El Torito boot image, for UEFI.
    /// </summary>
    public static Task CreateUefiBootableAsync(string folder, string image, string volumeId, string efiBootImage, CancellationToken cancellationToken) =>
        AtomicPublish.FileAsync(image, temporary => ProcessRunner.RunCheckedAsync(
            new ProcessSpec(
                "genisoimage",
                [
                    "-quiet", "-o", temporary, "-udf", "-allow-limited-size", "-iso-level", "3", "-V", volumeId,
                    "-e", efiBootImage, "-no-emul-boot", "-c", "boot.catalog", "-hide", "boot.catalog", folder,
                ])
            {
                DebianPackage = "genisoimage",
            },
            cancellationToken));
}
