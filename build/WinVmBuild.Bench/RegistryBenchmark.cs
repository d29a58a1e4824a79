using System.Diagnostics;
using WinVmBuild.Cache;
using WinVmBuild.Diagnostics;
using WinVmBuild.IntegrationTests.Registry;
using WinVmBuild.IntegrationTests.Stages;
using WinVmBuild.Media;
using WinVmBuild.Registry;
using WinVmBuild.Stages;
using WinVmBuild.Vm;

namespace WinVmBuild.Bench;

/// <summary>
/// What a CI runner with an empty cache saves by pulling the test guest's image from a registry instead of making
/// it, in one run on this machine: runner A makes the image (install and suspend timed) and pushes it to a
/// docker-registry on 127.0.0.1; runner B, with an empty cache, gets the same entries from the registry; then B
/// revives the pulled snapshot once, to show it is the real thing.
/// </summary>
internal static class RegistryBenchmark
{
    private const int Memory = 512;

    public static async Task<int> RunAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"winvmbuild-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        Directory.CreateDirectory(TestPaths.RuntimeFolder);
        Environment.SetEnvironmentVariable("XDG_RUNTIME_DIR", TestPaths.RuntimeFolder);
        try
        {
            await using var registry = await DistributionRegistry.StartAsync(RegistryAuth.None);
            var project = await TestGuestImage.ProjectAsync(folder, Memory, NullBuildLog.Instance, CancellationToken.None);
            var reference = RegistryReference.Parse(registry.Reference);

            // Runner A: made here, then pushed.
            var made = await MakeAsync(project, project.Cache);
            var pushed = await MakeAsync(
                project, new StageCache(project.Settings.CacheDir) { Registry = new RegistryCache(new RegistrySettings(reference, Push: true, Required: false)) });

            // Runner B: an empty cache, pulled.
            var pulledCache = new StageCache(Path.Combine(folder, "runner-b")) { Registry = new RegistryCache(new RegistrySettings(reference, Push: false, Required: false)) };
            var pulled = await MakeAsync(project, pulledCache);
            var revive = await ReviveOnceAsync(project, pulledCache, pulled);

            var stored = Directory.EnumerateFiles(registry.BlobsFolder, "data", SearchOption.AllDirectories).Sum(file => new FileInfo(file).Length);
            var snapshot = Directory.EnumerateFiles(pulled.Suspend).Sum(file => new FileInfo(file).Length);
            Console.WriteLine($"test guest, {Memory} MB, TCG, {Environment.ProcessorCount} host cores, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}; registry: docker-registry 2.8 on 127.0.0.1");
            Console.WriteLine($"made here:          media {made.MediaTime.TotalSeconds,5:0.0} s, install {made.InstallTime.TotalSeconds,5:0.0} s, suspend {made.SuspendTime.TotalSeconds,5:0.0} s");
            Console.WriteLine($"pushed:             media {pushed.MediaTime.TotalSeconds,5:0.0} s, install {pushed.InstallTime.TotalSeconds,5:0.0} s, suspend {pushed.SuspendTime.TotalSeconds,5:0.0} s ({stored >> 20} MB in the registry for {snapshot >> 20} MB of snapshot files, sparse)");
            Console.WriteLine($"pulled (empty cache): media {pulled.MediaTime.TotalSeconds,3:0.0} s, install {pulled.InstallTime.TotalSeconds,5:0.0} s, suspend {pulled.SuspendTime.TotalSeconds,5:0.0} s");
            Console.WriteLine($"install + suspend: made {made.ImageTime.TotalSeconds:0.0} s, pulled {pulled.ImageTime.TotalSeconds:0.0} s: reuse speedup {made.ImageTime / pulled.ImageTime:0.0}x");
            Console.WriteLine($"first revive of the pulled snapshot to its command's end: {revive.TotalSeconds:0.00} s");
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The media, install and suspend stages over <paramref name="cache"/>, each timed.</summary>
    private static async Task<Image> MakeAsync(CheckedProject project, StageCache cache)
    {
        var clock = Stopwatch.StartNew();
        var media = await MediaStage.RunAsync(
            project.Guest, project.Settings.CygwinPackages, project.Settings.CygwinMirror, cache, NullBuildLog.Instance, CancellationToken.None);
        var mediaTime = clock.Elapsed;
        var environment = new VmStageEnvironment(AcceleratorKind.Tcg, cache, NullBuildLog.Instance);
        var guest = project.Profile(media);
        clock.Restart();
        var install = await InstallStage.RunAsync(environment, guest, media, installerIso: null, TestGuestImage.StageTimeout, CancellationToken.None);
        var installTime = clock.Elapsed;
        clock.Restart();
        var suspend = await SuspendStage.RunAsync(environment, guest, media, install, TestGuestImage.StageTimeout, CancellationToken.None);
        return new Image(media, suspend, mediaTime, installTime, clock.Elapsed);
    }

    private static async Task<TimeSpan> ReviveOnceAsync(CheckedProject checkedProject, StageCache cache, Image image)
    {
        var project = Directory.CreateDirectory(Path.Combine(cache.Root, "..", "project")).FullName;
        var environment = new VmStageEnvironment(AcceleratorKind.Tcg, cache, NullBuildLog.Instance);
        var clock = Stopwatch.StartNew();
        await RunStage.RunAsync(
            environment, checkedProject.Profile(image.Media), image.Media, image.Suspend,
            new RunRequest("echo revived", project, [], [], Path.Combine(project, "bin")), TestGuestImage.StageTimeout, _ => { }, CancellationToken.None);
        return clock.Elapsed;
    }

    private sealed record Image(MediaEntry Media, string Suspend, TimeSpan MediaTime, TimeSpan InstallTime, TimeSpan SuspendTime)
    {
        public TimeSpan ImageTime => InstallTime + SuspendTime;
    }
}
