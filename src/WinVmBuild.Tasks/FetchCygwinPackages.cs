using Microsoft.Build.Framework;
using TaskItem = Microsoft.Build.Utilities.TaskItem;
using WinVmBuild.Cygwin;

namespace WinVmBuild.Tasks;

/// <summary>
/// Downloads the archives <see cref="ResolveCygwinPackages"/> listed into the content-addressed cache, several at a
/// time, each verified for size and digest before it is kept; an archive already cached is not downloaded again.
/// </summary>
public sealed class FetchCygwinPackages : WinVmTask
{
    /// <summary>http(s):// or file:// URL of the folder that contains x86_64/.</summary>
    [Required]
    public string Mirror { get; set; } = string.Empty;

    /// <summary>The items ResolveCygwinPackages gave (install: path, Size, Sha512 or Md5).</summary>
    [Required]
    public ITaskItem[] Archives { get; set; } = [];

    /// <summary>Defaults to $XDG_CACHE_HOME/winvmbuild or ~/.cache/winvmbuild.</summary>
    public string? CacheDir { get; set; }

    /// <summary>ItemSpec = the cached file; metadata InstallPath plus every metadata of the input item.</summary>
    [Output]
    public ITaskItem[] FetchedArchives { get; private set; } = [];

    protected override async Task ExecuteAsync()
    {
        var fetcher = new CygwinFetcher(new MirrorClient(Mirror, BuildLog), FetchCygwinSetupIni.CacheDirOrDefault(CacheDir), BuildLog);
        var fetched = await fetcher.FetchArchivesAsync(Archives.Select(CygwinArchiveItems.FromItem).ToList(), CancellationToken).ConfigureAwait(false);
        FetchedArchives = Archives.Zip(fetched, (input, archive) =>
        {
            var item = new TaskItem(archive.LocalPath);
            input.CopyMetadataTo(item);
            item.SetMetadata("InstallPath", archive.Archive.Path);
            return (ITaskItem)item;
        }).ToArray();
    }
}
