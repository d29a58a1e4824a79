namespace WinVmBuild.Host;

/// <summary>ISO 9660 images through xorriso: the only place the engine builds a CD image or reads one's ISO 9660 tree and El Torito catalog.</summary>
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
        return FoundPaths(Lines(result));
    }

    /// <summary>
    /// The image's files and its El Torito boot entries, read in one pass. The file tree is the first of Rock Ridge,
    /// Joliet and plain ISO 9660 the image has (<c>-read_fs any</c>, xorriso's default, said here), so a CD made for Windows, which has
    /// Joliet and no Rock Ridge, shows its Joliet names. A file that is no ISO 9660 image reads as empty: xorriso takes
    /// it for blank media.
    /// </summary>
    public static async Task<IsoImageContent> ReadContentAsync(string imagePath, CancellationToken cancellationToken)
    {
        const string BootEntryLine = "El Torito boot img :";
        var result = await Run(["-read_fs", "any", "-indev", imagePath, "-report_el_torito", "plain", "-find", "/", "-type", "f"], cancellationToken)
            .ConfigureAwait(false);
        var lines = Lines(result);

        // "El Torito boot img :   1  BIOS  y   none  0x0000  0x00      4          34": number, platform, bootable, ...
        var entries = lines
            .Where(line => line.StartsWith(BootEntryLine, StringComparison.Ordinal))
            .Select(line => line[BootEntryLine.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 3)
            .Select(fields => new ElToritoEntry(fields[1], fields[2] == "y"))
            .ToList();
        return new IsoImageContent(FoundPaths(lines.Where(line => line.StartsWith('\''))), entries);
    }

    /// <summary>Copies the whole image out into <paramref name="destinationFolder"/>.</summary>
    public static Task ExtractAsync(string imagePath, string destinationFolder, CancellationToken cancellationToken) =>
        Run(["-osirrox", "on", "-indev", imagePath, "-extract", "/", destinationFolder], cancellationToken);

    private static List<string> Lines(ProcessResult result) =>
        result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Trim()).ToList();

    /// <summary>The paths <c>-find</c> printed, each in single quotes, in order.</summary>
    private static List<string> FoundPaths(IEnumerable<string> lines) =>
        lines.Select(line => line.Trim('\'')).Order(StringComparer.Ordinal).ToList();

    private static Task<ProcessResult> Run(
        IReadOnlyList<string> arguments, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null) =>
        ProcessRunner.RunCheckedAsync(new ProcessSpec(Program, arguments) { DebianPackage = Package, Environment = environment }, cancellationToken);
}
