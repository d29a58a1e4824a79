using System.Formats.Tar;

namespace WinVmBuild.Stages;

/// <summary>
/// The project as the guest receives it: a tar stream of the project folder (links kept as links, never followed),
/// written straight into the SSH channel that unpacks it, so no share and no copy in between.
/// </summary>
internal static class ProjectArchive
{
    public static Task WriteAsync(string projectFolder, Stream destination, CancellationToken cancellationToken) =>
        TarFile.CreateFromDirectoryAsync(projectFolder, destination, includeBaseDirectory: false, cancellationToken);
}
