using Microsoft.Build.Framework;
using WinVmBuild.Cygwin;
using WinVmBuild.Media;

namespace WinVmBuild.Tasks;

/// <summary>
/// Downloads a mirror's setup.ini (&lt;arch&gt;/setup.xz, else .zst, .bz2, .ini) into the cache, once per mirror URL;
/// again only when it is missing or <see cref="Refresh"/> is true. The architecture is the one the Windows version
/// gets: x86 for XP and 2003, x86_64 for every later one.
/// </summary>
public sealed class FetchCygwinSetupIni : WinVmTask
{
    /// <summary>http(s):// or file:// URL of the folder that contains x86_64/ (or x86/).</summary>
    [Required]
    public string Mirror { get; set; } = string.Empty;

    /// <summary>The Windows version (<c>WinVmWindowsVersion</c>, or <c>test</c>), which decides the architecture.</summary>
    public string WindowsVersion { get; set; } = "10";

    /// <summary>Defaults to $XDG_CACHE_HOME/winvmbuild or ~/.cache/winvmbuild.</summary>
    public string? CacheDir { get; set; }

    public bool Refresh { get; set; }

    /// <summary>The cached local file, compressed as the mirror published it.</summary>
    [Output]
    public string SetupIni { get; private set; } = string.Empty;

    protected override async Task ExecuteAsync()
    {
        var fetcher = new CygwinFetcher(new MirrorClient(Mirror, BuildLog), CacheDirOrDefault(CacheDir), BuildLog);
        var architecture = CygwinSupport.For(WindowsVersionTraits.Parse(WindowsVersion)).Architecture;
        SetupIni = await fetcher.FetchSetupIniAsync(architecture, Refresh, CancellationToken).ConfigureAwait(false);
    }

    internal static string CacheDirOrDefault(string? cacheDir) => string.IsNullOrEmpty(cacheDir) ? CacheFolder.Default : cacheDir;
}
