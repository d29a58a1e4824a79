using WinVmBuild.Cache;
using WinVmBuild.Settings;

namespace WinVmBuild.Tasks;

/// <summary>
/// <c>WinVmCachePrune</c>: evicts cache entries until they take at most <c>WinVmCacheMaxSize</c>, the least recently used
/// first, never one a running build holds nor one another entry was made from (<see cref="StageCache.Prune"/>).
/// </summary>
public sealed class PruneWinVmCache : WinVmSettingsTask
{
    protected override Task ExecuteAsync()
    {
        var limit = SettingsReader.ReadCacheLimit(RawSettings);
        new StageCache(limit.CacheDir).Prune(limit.MaxSize, BuildLog, CancellationToken);
        return Task.CompletedTask;
    }
}
