using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using WinVmBuild.Cache;
using WinVmBuild.Diagnostics;
using WinVmBuild.Tasks;

namespace WinVmBuild.Tests.Sdk;

/// <summary><c>dotnet build -t:WinVmCachePrune</c>: it reads the cache and its limit only, and says what to set.</summary>
[TestClass]
public sealed class PruneWinVmCacheTests
{
    [TestMethod]
    public void Without_a_maximum_size_it_says_to_set_WinVmCacheMaxSize()
    {
        var (engine, passed) = Run(new() { ["WinVmCacheDir"] = TestPaths.NewScratchFolder("prune-unset") });

        Assert.IsFalse(passed);
        Assert.AreEqual(ErrorCodes.RequiredSettingMissing, engine.Errors.Single().Code);
        StringAssert.StartsWith(engine.Errors.Single().Message, "WinVmCacheMaxSize is not set. Set it to the most the cache's entries may take, e.g. 100GB");
    }

    [TestMethod]
    public void A_maximum_size_that_is_no_size_is_refused()
    {
        var (engine, passed) = Run(new() { ["WinVmCacheDir"] = TestPaths.NewScratchFolder("prune-bad"), ["WinVmCacheMaxSize"] = "half" });

        Assert.IsFalse(passed);
        Assert.AreEqual(ErrorCodes.CacheMaxSizeInvalid, engine.Errors.Single().Code);
    }

    [TestMethod]
    public async System.Threading.Tasks.Task It_prunes_the_cache_to_the_size_and_reports_it_whatever_the_other_settings_are()
    {
        var root = TestPaths.NewScratchFolder("prune-task");
        var cache = new StageCache(root);
        using (await cache.GetOrCreateAsync(EntryKind.Media, "old", NullBuildLog.Instance, folder => File.WriteAllTextAsync(Path.Combine(folder, "f"), "x"), CancellationToken.None))
        {
        }

        // A project whose other settings would not pass the settings check (no command, a missing ISO) still prunes.
        var (engine, passed) = Run(new() { ["WinVmCacheDir"] = root, ["WinVmCacheMaxSize"] = "0 B", ["WinVmIso"] = "/nonexistent.iso" });

        Assert.IsTrue(passed, string.Join('\n', engine.Errors.Select(error => error.Message)));
        Assert.IsFalse(Directory.Exists(cache.EntryPath(EntryKind.Media, "old")));
        var messages = engine.Messages.Where(message => message.Importance == MessageImportance.High).Select(message => message.Message).ToList();
        StringAssert.StartsWith(messages[0], "WinVmBuild: cache: evicted media/old (");
        StringAssert.StartsWith(messages[1], "WinVmBuild: cache: 1 entry evicted, the entries took ");
        StringAssert.EndsWith(messages[1], " and take 0 B (WinVmCacheMaxSize 0 B)");
    }

    private static (RecordingBuildEngine Engine, bool Passed) Run(Dictionary<string, string> properties)
    {
        var engine = new RecordingBuildEngine();
        var task = new PruneWinVmCache
        {
            BuildEngine = engine,
            Settings = properties.Select(property => (ITaskItem)new TaskItem(property.Key, new Dictionary<string, string> { ["Value"] = property.Value })).ToArray(),
        };
        return (engine, task.Execute());
    }
}
