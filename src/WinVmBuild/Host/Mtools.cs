namespace WinVmBuild.Host;

/// <summary>FAT floppy images through mtools: the only place the engine writes or reads a floppy image.</summary>
public static class Mtools
{
    private const string Package = "mtools";

    /// <summary>A fixed volume serial ("WINV"): with fixed dates, the same files always give the same image bytes.</summary>
    private const string VolumeSerial = "57494E56";

    /// <summary>
    /// mtools refuses images whose geometry it cannot check against a drive (these are plain image files); the
    /// dates it writes come from <see cref="ReproducibleImages"/>.
    /// </summary>
    private static readonly Dictionary<string, string> Environment = new(ReproducibleImages.Environment) { ["MTOOLS_SKIP_CHECK"] = "1" };

    /// <summary>Creates <paramref name="imagePath"/> as an empty 1.44 MB FAT12 floppy named <paramref name="volumeLabel"/>.</summary>
    public static Task FormatFloppyAsync(string imagePath, string volumeLabel, CancellationToken cancellationToken) =>
        Run("mformat", ["-C", "-f", "1440", "-N", VolumeSerial, "-v", volumeLabel, "-i", imagePath, "::"], cancellationToken);

    /// <summary>Copies a host file to the image's root as <paramref name="name"/>, with a long (VFAT) name when it needs one.</summary>
    public static Task CopyToAsync(string imagePath, string sourceFile, string name, CancellationToken cancellationToken) =>
        Run("mcopy", ["-i", imagePath, sourceFile, "::/" + name], cancellationToken);

    /// <summary>The long names of the files in the image's root, as mdir lists them.</summary>
    public static async Task<IReadOnlyList<string>> ListRootAsync(string imagePath, CancellationToken cancellationToken)
    {
        var result = await Run("mdir", ["-b", "-i", imagePath, "::/"], cancellationToken).ConfigureAwait(false);
        return result.StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.StartsWith("::/", StringComparison.Ordinal) ? line[3..] : line)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A file's content, read back with mtype.</summary>
    public static async Task<string> ReadTextAsync(string imagePath, string name, CancellationToken cancellationToken) =>
        (await Run("mtype", ["-i", imagePath, "::/" + name], cancellationToken).ConfigureAwait(false)).StandardOutput;

    private static Task<ProcessResult> Run(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        ProcessRunner.RunCheckedAsync(new ProcessSpec(program, arguments) { DebianPackage = Package, Environment = Environment }, cancellationToken);
}
