using Microsoft.Build.Framework;
using WinVmBuild.Cygwin;

namespace WinVmBuild.Tasks;

/// <summary>
/// Writes a Cygwin-format mirror folder from host files, so a guest installs real programs through the real
/// pipeline without the internet.
/// <para>
/// Each <see cref="Packages"/> item: ItemSpec = package name; metadata <c>Version</c> (required, e.g. <c>4.4.1-1</c>),
/// <c>Category</c> (default <c>Base</c>, so setup always installs it), <c>Summary</c>, <c>Depends</c> (package names
/// separated by <c>,</c>), and <c>Files</c>: entries separated by <c>;</c>, each <c>host path=&gt;path in package</c>,
/// or just a host path, which keeps its place (<c>/usr/bin/make</c> becomes <c>usr/bin/make</c>).
/// </para>
/// </summary>
public sealed class CreateCygwinMirror : WinVmTask
{
    [Required]
    public ITaskItem[] Packages { get; set; } = [];

    [Required]
    public string OutputDirectory { get; set; } = string.Empty;

    /// <summary>The mirror's x86_64/setup.ini.</summary>
    [Output]
    public string SetupIni { get; private set; } = string.Empty;

    /// <summary>The mirror as a file:// URL, for FetchCygwinPackages.</summary>
    [Output]
    public string MirrorUrl { get; private set; } = string.Empty;

    protected override async Task ExecuteAsync()
    {
        var folder = Path.GetFullPath(OutputDirectory);
        SetupIni = await LocalMirror.WriteAsync(folder, Packages.Select(ToPackage).ToList(), CancellationToken).ConfigureAwait(false);
        MirrorUrl = new Uri(folder + "/").AbsoluteUri;
    }

    private static MirrorPackage ToPackage(ITaskItem item)
    {
        var category = item.GetMetadata("Category");
        return new MirrorPackage(
            item.ItemSpec,
            item.GetMetadata("Version"),
            category.Length == 0 ? "Base" : category,
            Split(item.GetMetadata("Depends"), ',').ToList(),
            Split(item.GetMetadata("Files"), ';').Select(ToFile).ToList())
        {
            Summary = item.GetMetadata("Summary"),
        };
    }

    private static RepositoryFile ToFile(string entry)
    {
        var arrow = entry.IndexOf("=>", StringComparison.Ordinal);
        return arrow < 0
            ? new RepositoryFile(entry, entry.TrimStart('/'))
            : new RepositoryFile(entry[..arrow].Trim(), entry[(arrow + 2)..].Trim());
    }

    private static IEnumerable<string> Split(string text, char separator) =>
        text.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
