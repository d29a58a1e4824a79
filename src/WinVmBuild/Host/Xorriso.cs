namespace WinVmBuild.Host;

/// <summary>ISO 9660 images through xorriso: the only place the engine builds or reads a CD image.</summary>
public static class Xorriso
{
    private const string Program = "xorriso";
    private const string Package = "xorriso";

    /// <summary>
    /// Packs <paramref name="sourceFolder"/> into <paramref name="imagePath"/> (replaced atomically) with Rock
    /// Ridge and Joliet names of up to 103 characters, so Windows sees Cygwin's long archive names unchanged. The
    /// same files always give the same bytes (<see cref="ReproducibleImages"/>).
    /// </summary>
    public static Task CreateImageAsync(string sourceFolder, string imagePath, string volumeId, CancellationToken cancellationToken) =>
        AtomicPublish.FileAsync(imagePath, async temporary =>
        {
            await Run(
                [
                    "-as", "mkisofs", "-quiet", "-o", temporary, "-V", volumeId, "-R", "-J", "-joliet-long", "-iso-level", "3",
                    "--set_all_file_dates", "=" + ReproducibleImages.SourceDateEpoch, sourceFolder,
                ],
                cancellationToken,
                ReproducibleImages.Environment).ConfigureAwait(false);

            // The images carry the bootstrap script with its generated passwords; only QEMU, run by this user, reads them.
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        });

    /// <summary>Every file in the image, as absolute paths inside it ("/x86_64/setup.ini").</summary>
    public static async Task<IReadOnlyList<string>> ListFilesAsync(string imagePath, CancellationToken cancellationToken)
    {
        var result = await Run(["-indev", imagePath, "-find", "/", "-type", "f"], cancellationToken).ConfigureAwait(false);
        return result.StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Trim().Trim('\''))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Copies the whole image out into <paramref name="destinationFolder"/>.</summary>
    public static Task ExtractAsync(string imagePath, string destinationFolder, CancellationToken cancellationToken) =>
        Run(["-osirrox", "on", "-indev", imagePath, "-extract", "/", destinationFolder], cancellationToken);

    private static Task<ProcessResult> Run(
        IReadOnlyList<string> arguments, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null) =>
        ProcessRunner.RunCheckedAsync(new ProcessSpec(Program, arguments) { DebianPackage = Package, Environment = environment }, cancellationToken);
}
