using WinVmBuild.IntegrationTests.EndToEnd;

namespace WinVmBuild.IntegrationTests.Faults;

/// <summary>Builds that meet on one cache at once, as a CI runner's parallel jobs or a developer's two terminals do.</summary>
[TestClass]
[RequiresHostPackages]
[TestCategory("EndToEnd")]
[TestCategory("Faults")]
public sealed class ConcurrentBuildTests
{
    [TestMethod]
    public async Task Three_builds_at_once_on_one_cache_install_once_snapshot_each_image_once_and_all_succeed()
    {
        var cache = TestPaths.NewScratchFolder("concurrent-cache");
        var projects = await Task.WhenAll(
            TestGuestProject.StandaloneAsync("concurrent-a", "make", "from a\n"),
            TestGuestProject.StandaloneAsync("concurrent-b", "make", "from b\n"),
            TestGuestProject.StandaloneAsync("concurrent-c", "make", "from c\n"));
        string[][] settings =
        [
            [$"-p:WinVmCacheDir={cache}"],
            [$"-p:WinVmCacheDir={cache}"],
            [$"-p:WinVmCacheDir={cache}", "-p:WinVmMemory=352"], // another image: the same install, a snapshot of its own
        ];

        var builds = await Task.WhenAll(projects.Select((project, i) => project.BuildAsync(settings[i])));

        FaultReport.Record(
            "Three builds at once on one cache, two of one image", $"{builds.Count(build => build.ExitCode == 0)} of 3 succeed",
            await Leftovers.MeasureAsync(TimeSpan.Zero, caches: [cache]));
        foreach (var build in builds)
        {
            BuildAssert.Succeeded(build);
        }

        // The lines of the work itself: a build that waits for another's entry says so in a line of the stage too.
        int Count(string text, params int[] which) => which.Count(i => builds[i].StandardOutput.Contains(text, StringComparison.Ordinal));
        Assert.AreEqual(1, Count(BuildAssert.MediaMade, 0, 1, 2), "the media were made more than once");
        Assert.AreEqual(1, Count("WinVmBuild: install: installing the guest", 0, 1, 2), "the guest was installed more than once");
        Assert.AreEqual(1, Count("WinVmBuild: suspend: booting the installed guest", 0, 1), "one image was snapshotted twice");
        Assert.AreEqual(1, Count("WinVmBuild: suspend: booting the installed guest", 2), "the other image was not snapshotted");
        for (var i = 0; i < projects.Length; i++)
        {
            Assert.AreEqual($"from {(char)('a' + i)}\n", await File.ReadAllTextAsync(BuildAssert.Collected(projects[i])));
        }

    }
}
