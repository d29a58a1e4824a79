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
