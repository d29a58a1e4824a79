using WinVmBuild.Cache;
using WinVmBuild.Diagnostics;
using WinVmBuild.Stages;

namespace WinVmBuild.IntegrationTests.Faults;

/// <summary>What a fault may never leave in a stage cache: an entry that is half-written or does not match its manifest.</summary>
internal static class CacheAudit
{
    private static readonly string[] Stages = [MediaStage.Name, InstallStage.Name, SuspendStage.Name];

    /// <summary>The half-written temporaries and the entries whose files are not those of their manifest.</summary>
    public static async Task<IReadOnlyList<string>> BadEntriesAsync(string cacheRoot)
    {
        var bad = new List<string>();
        foreach (var stage in Stages.Select(stage => Path.Combine(cacheRoot, stage)).Where(Directory.Exists))
        {
            foreach (var entry in Directory.EnumerateDirectories(stage))
            {
                if (Path.GetFileName(entry).StartsWith('.'))
                {
                    bad.Add(entry + " (half-written)");
                    continue;
                }

                try
                {
                    await new StageCache(cacheRoot) { VerifyEveryUse = true }.EnsureIntactAsync(entry, CancellationToken.None);
                }
                catch (WinVmException e)
                {
                    bad.Add($"{entry} ({e.Message})");
                }
            }
        }

        return bad;
    }
}
