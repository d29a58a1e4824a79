using System.Formats.Tar;

namespace WinVmBuild.Stages;

/// <summary>
/// The project as the guest receives it: a tar stream of the project folder (links kept as links, never followed),
/// written straight into the SSH channel that unpacks it, so no share and no copy in between.
/// </summary>
internal static class ProjectArchive
{
    /// <summary>A tar archive's end: two empty records, which TarWriter leaves out of an archive without entries.</summary>
    private static readonly byte[] EndOfArchive = new byte[1024];

    /// <summary>A tar stream of <paramref name="files"/> (host path, path in the archive with '/'), each folder before what it holds.</summary>
    public static async Task WriteFilesAsync(IReadOnlyList<(string HostPath, string ArchivePath)> files, Stream destination, CancellationToken cancellationToken)
    {
        if (files.Count == 0)
        {
            await destination.WriteAsync(EndOfArchive, cancellationToken).ConfigureAwait(false);
            return;
        }

        await using var tar = new TarWriter(destination, TarEntryFormat.Pax, leaveOpen: true);
        var folders = files.SelectMany(file => Parents(file.ArchivePath)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, folder + "/") { Mode = (UnixFileMode)0b111_101_101 }, cancellationToken)
                .ConfigureAwait(false);
        }

        foreach (var (hostPath, archivePath) in files)
        {
            await tar.WriteEntryAsync(hostPath, archivePath, cancellationToken).ConfigureAwait(false);
        }

        static IEnumerable<string> Parents(string path)
        {
            for (var slash = path.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = path.IndexOf('/', slash + 1))
            {
                yield return path[..slash];
            }
        }
    }

    public static async Task WriteAsync(string projectFolder, Stream destination, CancellationToken cancellationToken)
    {
        if (Directory.EnumerateFileSystemEntries(projectFolder).Any())
        {
            await TarFile.CreateFromDirectoryAsync(projectFolder, destination, includeBaseDirectory: false, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await destination.WriteAsync(EndOfArchive, cancellationToken).ConfigureAwait(false);
        }
    }
}
