using WinVmBuild.Cache;
using WinVmBuild.Host;
using WinVmBuild.IntegrationTests.EndToEnd;

namespace WinVmBuild.IntegrationTests.Faults;

/// <summary>
/// A cache with a maximum size (<c>WinVmCacheMaxSize</c>) filled past it by two builds at once: neither loses what it
/// uses, and <c>WinVmCachePrune</c> then takes the cache back under the limit, least recently used image first, whole
/// chains only.
/// </summary>
[TestClass]
[RequiresHostPackages]
[TestCategory("EndToEnd")]
[TestCategory("Faults")]
public sealed class CacheEvictionTests
{
    [TestMethod]
    public async Task Two_builds_past_the_limit_both_succeed_and_the_prune_keeps_the_newest_image_whole()
    {
        var cache = TestPaths.NewScratchFolder("eviction-cache");
        var signal = TestPaths.NewScratchFolder("eviction-signal");
        var running = Path.Combine(signal, "running");

        // A's command says it runs, then waits for the test's word: it holds its snapshot while B makes another image.
        var a = await TestGuestProject.StandaloneAsync(
            "eviction-a",
            "make &amp;&amp; touch /mnt/signal/running &amp;&amp; while [ ! -e /mnt/signal/go ]; do sleep 1; done",
            "from a\n",
            $"""<ItemGroup><WinVmShare Include="{signal}" Name="signal" /></ItemGroup>""");
        var b = await TestGuestProject.StandaloneAsync("eviction-b", "make", "from b\n");

        // A's image first, alone, to know its size; the limit leaves room for one image and half a snapshot more.
        BuildAssert.Succeeded(await a.BuildAsync("-t:WinVmSuspend", $"-p:WinVmCacheDir={cache}"));
        var snapshotA = Entries(cache, EntryKind.Suspend).Single();
        var limit = Total(cache) + (snapshotA.AllocatedBytes() / 2);
        string[] settings = [$"-p:WinVmCacheDir={cache}", $"-p:WinVmCacheMaxSize={limit}"];

        var buildA = a.BuildAsync(settings);
        while (!File.Exists(running) && !buildA.IsCompleted)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        ProcessResult builtB;
        try
        {
            Assert.IsTrue(File.Exists(running), $"A's build ended before its command ran:\n{(await buildA).StandardOutput}");

            // Another image (other memory, so another snapshot of the same install) while A's run uses its snapshot.
            builtB = await b.BuildAsync([.. settings, "-p:WinVmMemory=352"]);
        }
        finally
        {
            await File.WriteAllTextAsync(Path.Combine(signal, "go"), string.Empty);
        }

        var builtA = await buildA;
        BuildAssert.Succeeded(builtA);
        BuildAssert.Succeeded(builtB);
        var snapshotB = Entries(cache, EntryKind.Suspend).Single(entry => entry != snapshotA);
        Assert.IsGreaterThan(limit, Total(cache), "the two images did not fill the cache past its limit: the test proves nothing");
        StringAssert.Contains(builtB.StandardOutput, $"running builds use {snapshotA.Name}, {snapshotB.Name}", "B evicted A's snapshot while A used it");
        Assert.IsTrue(snapshotA.Exists);

        var pruned = await b.DotnetAsync("build", "-t:WinVmCachePrune", $"-p:WinVmCacheDir={cache}", $"-p:WinVmCacheMaxSize={limit}");

        BuildAssert.Succeeded(pruned);
        StringAssert.Contains(pruned.StandardOutput, $"WinVmBuild: cache: evicted {snapshotA.Name} (");
        Assert.IsLessThanOrEqualTo(limit, Total(cache));
        Assert.IsFalse(snapshotA.Exists, "the least recently used image goes");
        Assert.IsTrue(snapshotB.Exists, "the most recently used image stays");
        foreach (var snapshot in Entries(cache, EntryKind.Suspend))
        {
            var madeFrom = snapshot.MadeFrom!;
            CollectionAssert.AreEquivalent(new[] { EntryKind.Install.Name, EntryKind.Media.Name }, madeFrom.Select(entry => entry.KindName).ToList());
            Assert.IsTrue(madeFrom.All(entry => entry.Exists), $"{snapshot.Name} lost what it was made from");
        }

        Assert.AreEqual("from b\n", await File.ReadAllTextAsync(BuildAssert.Collected(b)));
        Assert.AreEqual("from a\n", await File.ReadAllTextAsync(BuildAssert.Collected(a)));
        FaultReport.Record(
            "Two builds fill the cache past WinVmCacheMaxSize, one while its command runs",
            "both succeed, the snapshot in use is kept; the prune evicts the least recently used image, whole",
            await Leftovers.MeasureAsync(TimeSpan.Zero, caches: [cache]));
    }

    private static List<CacheEntry> Entries(string cache, EntryKind kind) =>
        Directory.GetDirectories(Path.Combine(cache, kind.Name)).Where(folder => !Path.GetFileName(folder).StartsWith('.')).Select(folder => new CacheEntry(folder)).ToList();

    /// <summary>The bytes the cache's entries take, as WinVmCacheMaxSize counts them.</summary>
    private static long Total(string cache) =>
        new[] { EntryKind.Media, EntryKind.Install, EntryKind.Suspend }.SelectMany(kind => Entries(cache, kind)).Sum(entry => entry.AllocatedBytes());
}
