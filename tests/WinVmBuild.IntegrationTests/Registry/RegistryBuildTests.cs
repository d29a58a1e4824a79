using WinVmBuild.Host;
using WinVmBuild.IntegrationTests.EndToEnd;

namespace WinVmBuild.IntegrationTests.Registry;

/// <summary>
/// Two CI runners sharing one registry, as `dotnet build`s: the first pushes the test guest's image from its cache,
/// the second, with an empty cache, revives it without installing or snapshotting anything, and its guest prints the
/// same output. The registry asks for Bearer tokens, as GHCR, GitLab, Harbor and Docker Hub do.
/// </summary>
[TestClass]
[RequiresHostPackages]
[TestCategory("EndToEnd")]
[TestCategory("Registry")]
public sealed class RegistryBuildTests
{
    private const string Command = "make &amp;&amp; cat out/hello.txt";
    private const string Message = "revived from the registry\n";
    private const string Installing = "WinVmBuild: install: installing the guest";
    private const string Snapshotting = "WinVmBuild: suspend: booting the installed guest";
    private static readonly TimeSpan Reaped = TimeSpan.FromSeconds(15);

    [TestMethod]
    public async Task An_image_pushed_by_one_runner_is_revived_by_a_runner_with_an_empty_cache_without_install_or_suspend()
    {
        await using var registry = await DistributionRegistry.StartAsync(RegistryAuth.Token);
        var registryProperty = $"-p:WinVmCacheRegistry={registry.Reference}";

        // Runner A: the end-to-end tests' shared cache (built here if no test built it before), pushed.
        var publisher = await TestGuestProject.StandaloneAsync("registry-publisher", Command, Message);
        var pushed = await publisher.BuildAsync(registryProperty, "-p:WinVmCachePush=true");
        BuildAssert.Succeeded(pushed);
        BuildAssert.InOrder(pushed.StandardOutput, "WinVmBuild: media: pushed", "WinVmBuild: install: pushed", "WinVmBuild: suspend: pushed", Message.Trim(), BuildAssert.RunLine);

        // Runner B: an empty cache, pull only.
        var emptyCache = TestPaths.NewScratchFolder("registry-runner-cache");
        var runner = await TestGuestProject.StandaloneAsync("registry-runner", Command, Message);
        var revived = await runner.BuildAsync(registryProperty, $"-p:WinVmCacheDir={emptyCache}");

        BuildAssert.Succeeded(revived);
        BuildAssert.InOrder(
            revived.StandardOutput,
            "WinVmBuild: media: pulled",
            "WinVmBuild: install: pulled",
            "WinVmBuild: suspend: pulled",
            Message.Trim(),
            BuildAssert.RunLine);
        BuildAssert.None(revived.StandardOutput, BuildAssert.MediaMade, Installing, Snapshotting, ": pushing", "warning");
        Assert.AreEqual(
            await File.ReadAllTextAsync(BuildAssert.Collected(publisher)),
            await File.ReadAllTextAsync(BuildAssert.Collected(runner)),
            "the same output on both runners");
    }

    [TestMethod]
    [TestCategory("Faults")]
    public async Task A_build_killed_during_a_pull_leaves_no_skopeo_and_the_next_build_resumes_the_pull_and_succeeds()
    {
        await using var registry = await DistributionRegistry.StartAsync(RegistryAuth.None);
        var publisher = await TestGuestProject.StandaloneAsync("registry-kill-publisher", Command, Message);
        BuildAssert.Succeeded(await publisher.BuildAsync($"-p:WinVmCacheRegistry={registry.Reference}", "-p:WinVmCachePush=true"));
        var whole = Directory.EnumerateFiles(registry.BlobsFolder, "data", SearchOption.AllDirectories).Sum(blob => new FileInfo(blob).Length);
        var emptyCache = TestPaths.NewScratchFolder("registry-kill-cache");
        var runner = await TestGuestProject.StandaloneAsync("registry-kill-runner", Command, Message);

        // A far registry (1 MB/s): the build is killed once it has pulled a stage's entry whole and bytes of the next
        // one have arrived, while that one's skopeo runs.
        await using (var far = TcpRelay.Start(registry.Port, bytesPerSecond: 1 << 20))
        {
            var entryPulled = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            var build = RunningProcess.Start(SdkPackage.DotnetSpec(
                runner.Folder,
                ["build", $"-p:WinVmCacheRegistry={far.Reference}", $"-p:WinVmCacheDir={emptyCache}"],
                line =>
                {
                    if (line.Contains(": pulled from", StringComparison.Ordinal))
                    {
                        entryPulled.TrySetResult(far.BytesRelayed);
                    }
                }));
            await using (build)
            {
                var afterEntry = await entryPulled.Task.WaitAsync(TimeSpan.FromMinutes(5));
                var (skopeo, _) = await LiveSessions.WaitForAsync("registry", "skopeo", TimeSpan.FromMinutes(2));
                await WaitUntilAsync(() => far.BytesRelayed > afterEntry + (64 << 10), TimeSpan.FromMinutes(2));
                await HostProcesses.KillAsync(HostProcesses.ParentOf(skopeo));
                await build.Completion.WaitAsync(TimeSpan.FromMinutes(2));
                Assert.IsTrue(await HostProcesses.WaitUntilGoneAsync(skopeo, Reaped), $"skopeo outlived the killed build by {Reaped.TotalSeconds:0} s");
            }
        }

        var left = await Leftovers.MeasureAsync(Reaped, caches: []);
        await using var near = TcpRelay.Start(registry.Port);
        var next = await runner.BuildAsync($"-p:WinVmCacheRegistry={near.Reference}", $"-p:WinVmCacheDir={emptyCache}");

        BuildAssert.Succeeded(next);
        BuildAssert.InOrder(next.StandardOutput, "WinVmBuild: suspend: pulled", Message.Trim());
        BuildAssert.None(next.StandardOutput, Installing, Snapshotting);
        Assert.IsLessThan(whole, near.BytesRelayed, $"the next build downloaded {near.BytesRelayed} bytes: as much as a whole pull ({whole} bytes of blobs)");
        FaultReport.Record(
            "SIGKILL of the build during a registry pull, once some of it arrived",
            "its skopeo is stopped at once; the next build pulls only the rest and succeeds",
            await left.WithCachesAuditedAsync(emptyCache));
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.IsTrue(DateTime.UtcNow < deadline, $"not within {timeout.TotalMinutes:0} min");
            await Task.Delay(20);
        }
    }
}
