using Microsoft.Build.Framework;
using WinVmBuild.Cygwin;

namespace WinVmBuild.Tasks;

/// <summary>
/// Downloads a mirror's setup.ini (x86_64/setup.xz, else .zst, .bz2, .ini) into the cache, once per mirror URL;
/// again only when it is missing or <see cref="Refresh"/> is true.
/// </summary>
public sealed class FetchCygwinSetupIni : WinVmTask
{
    /// <summary>http(s):// or file:// URL of the folder that contains x86_64/.</summary>
    [Required]
    public string Mirror { get; set; } = string.Empty;

    /// <summary>Defaults to $XDG_CACHE_HOME/winvmbuild or ~/.cache/winvmbuild.</summary>
    public string? CacheDir { get; set; }

    public bool Refresh { get; set; }

    /// <summary>The cached local file, compressed as the mirror published it.</summary>
    [Output]
    public string SetupIni { get; private set; } = string.Empty;

    protected override async Task ExecuteAsync()
    {
        var fetcher = new CygwinFetcher(new MirrorClient(Mirror, BuildLog), CacheDirOrDefault(CacheDir), BuildLog);
        SetupIni = await fetcher.FetchSetupIniAsync(Refresh, CancellationToken).ConfigureAwait(false);
    }

    internal static string CacheDirOrDefault(string? cacheDir) => string.IsNullOrEmpty(cacheDir) ? CacheFolder.Default : cacheDir;
}
