using System.Diagnostics;
using WinVmBuild.Diagnostics;
using WinVmBuild.Guests.TestGuest;
using WinVmBuild.Host;
using WinVmBuild.IntegrationTests.Stages;
using WinVmBuild.Network;
using WinVmBuild.Stages;
using WinVmBuild.Vm;

namespace WinVmBuild.Bench;

/// <summary>
/// The real pipeline on the test guest, all in one run: media, install and suspend at 384 MB as the stage tests make
/// them, more snapshots of the same install at the test guest's default memory (512 MB) and at 2048 MB, then what a
/// build costs — RunStage from its call to the first output line of <c>echo</c> — at each size, with a share mounted,
/// and against a cold boot of the same installed disk running the same build. Options: --runs N (builds timed per
/// case, default 5, at most 3 cold boots; medians are reported).
/// </summary>
internal static class ReviveBenchmark
{
    private const string Command = "echo first-output";
    private const int SmallMemory = 384;

    /// <summary>The SDK's default for the test guest (SettingsReader): what a build of it revives.</summary>
    private const int DefaultMemory = 512;
    private const int LargeMemory = 2048;

    /// <summary>Cold boots timed (of the runs): each takes about ten seconds under TCG.</summary>
    private const int ColdBoots = 3;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    /// <summary>The steps GuestSession and QemuMachine log, in the order a build passes them.</summary>
    private static readonly string[] Steps = ["qemu started", "state loaded", "guest running", "ssh connected", "project received"];

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length == 2 && args[0] == "--runs" ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
        var folder = Path.Combine(Path.GetTempPath(), $"winvmbuild-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var clock = Stopwatch.StartNew();
            var image = await TestGuestImage.CreateAsync(folder, NullBuildLog.Instance, CancellationToken.None, SmallMemory);
            var prepared = clock.Elapsed;
            // More snapshots of the same install, each with the guest's memory at another size.
            async Task<(TestGuestProfile Guest, string Snapshot)> SnapshotAsync(int memory)
            {
                var guest = new TestGuestProfile(HostKernel.Find(null), image.Media.GuestFile(TestGuestKind.InitrdFile), memory, TestGuestImage.Cpus);
                return (guest, await SuspendStage.RunAsync(image.Environment, guest, image.Media, image.InstallEntry, Patience, CancellationToken.None));
            }

            clock.Restart();
            var (large, largeSnapshot) = await SnapshotAsync(LargeMemory);
            var largeSuspend = clock.Elapsed;
            var (standard, standardSnapshot) = await SnapshotAsync(DefaultMemory);
            var project = Directory.CreateDirectory(Path.Combine(folder, "project")).FullName;
            var share = new SharedFolder("tools", Directory.CreateDirectory(Path.Combine(folder, "share")).FullName, readOnly: false);

            // The first build of the process also compiles the task's code (SSH.NET included): measured apart. The
            // cases then take turns, so that a busier moment of a shared machine does not weigh on one case alone.
            var first = await ReviveAsync(image.Environment, image.Guest, image.SuspendEntry, image, project, []);
            List<Sample> small = [], standardSize = [], big = [], shared = [], cold = [];
            for (var run = 0; run < runs; run++)
            {
                small.Add(await ReviveAsync(image.Environment, image.Guest, image.SuspendEntry, image, project, []));
                standardSize.Add(await ReviveAsync(image.Environment, standard, standardSnapshot, image, project, []));
                big.Add(await ReviveAsync(image.Environment, large, largeSnapshot, image, project, []));
                shared.Add(await ReviveAsync(image.Environment, image.Guest, image.SuspendEntry, image, project, [share]));
                if (run < ColdBoots)
                {
                    cold.Add(await ColdBootAsync(image, folder, project));
                }
            }

            var ram = FileStatus.Of(Path.Combine(image.SuspendEntry, SuspendStage.MemoryFile));
            var largeRam = FileStatus.Of(Path.Combine(largeSnapshot, SuspendStage.MemoryFile));
            Console.WriteLine($"test guest, TCG, {Environment.ProcessorCount} host cores, load {LoadAverage()}; media + install + suspend ({SmallMemory} MB) took {prepared.TotalSeconds:0} s, suspend at {LargeMemory} MB {largeSuspend.TotalSeconds:0} s");
            Console.WriteLine($"snapshot {SmallMemory} MB: ram.img {Megabytes(ram.AllocatedBytes)} on disk of {Megabytes(ram.Size)}, state.bin {new FileInfo(Path.Combine(image.SuspendEntry, "state.bin")).Length / 1024} KB");
            Console.WriteLine($"snapshot {LargeMemory} MB: ram.img {Megabytes(largeRam.AllocatedBytes)} on disk of {Megabytes(largeRam.Size)}");
            Console.WriteLine($"first revive of the process (JIT):            {first.FirstOutput.TotalSeconds,6:0.000} s");
            Report($"revive to first output, {SmallMemory} MB:", small);
            Report($"revive to first output, {DefaultMemory} MB (default):", standardSize);
            Report($"revive to first output, {LargeMemory} MB:", big);
            Report($"revive to first output, {SmallMemory} MB + share:", shared);
            Report("cold boot to first output:", cold);
            Console.WriteLine($"revive speedup: {Median(cold) / Median(small):0.0}x ({Median(cold) / Median(standardSize):0.0}x at {DefaultMemory} MB)");
            Console.WriteLine($"ram growth: {Median(big) / Median(small):0.00}x");
            Console.WriteLine("where the time goes (median seconds from the call):");
            foreach (var (name, samples) in new[] { ($"revive {SmallMemory} MB", small), ($"revive {DefaultMemory} MB", standardSize), ($"revive {LargeMemory} MB", big), ($"revive {SmallMemory} MB + share", shared), ("cold boot", cold) })
            {
                var steps = Steps.Select(step => (step, samples.Where(s => s.Steps.ContainsKey(step)).Select(s => s.Steps[step]).ToList()))
                    .Where(step => step.Item2.Count > 0)
                    .Select(step => $"{step.step} {MedianOf(step.Item2):0.000}");
                Console.WriteLine($"  {name}: {string.Join(", ", steps)}, first output {Median(samples):0.000}");
            }

            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>What every build pays: RunStage from its call to the command's first output line.</summary>
    private static async Task<Sample> ReviveAsync(
        VmStageEnvironment environment, Guests.IGuestProfile guest, string snapshot, TestGuestImage image, string project, IReadOnlyList<SharedFolder> shares)
    {
        var timeline = new TimelineLog(Steps);
        var firstOutput = new TaskCompletionSource<TimeSpan>();
        var request = new RunRequest(Command, project, shares, [], Path.Combine(project, "bin"));
        await RunStage.RunAsync(
            environment with { Log = timeline }, guest, image.Media, snapshot, request, Patience,
            _ => firstOutput.TrySetResult(timeline.Elapsed), CancellationToken.None);
        return new Sample(await firstOutput.Task, timeline.Seen());
    }

    /// <summary>The same build without the snapshot: the installed disk booted through an overlay, timed the same way.</summary>
    internal static async Task<Sample> ColdBootAsync(TestGuestImage image, string folder, string project)
    {
        var disk = Path.Combine(Directory.CreateDirectory(Path.Combine(folder, "cold", Guid.NewGuid().ToString("N"))).FullName, "disk.qcow2");
        await QemuImg.CreateOverlayAsync(disk, Path.Combine(image.InstallEntry, InstallStage.DiskFile), CancellationToken.None);
        var timeline = new TimelineLog(Steps);
        var firstOutput = new TaskCompletionSource<TimeSpan>();
        await using (var session = GuestSession.Start(image.Environment with { Log = timeline }, "cold", Patience))
        {
            await session.StartAsync(image.Guest.BootMachine(session.Slot, disk), shares: null, CancellationToken.None);
            await session.ConnectAsync(image.Guest.SshUser, image.Media.PrivateKey, HostKeyPin.Read(image.InstallEntry), CancellationToken.None);
            await RunStage.BuildInGuestAsync(
                session, image.Guest, new RunRequest(Command, project, [], [], project), shares: null, _ => firstOutput.TrySetResult(timeline.Elapsed),
                CancellationToken.None);
        }

        return new Sample(await firstOutput.Task, timeline.Seen());
    }

    private static void Report(string name, List<Sample> samples) =>
        Console.WriteLine($"{name,-46}{Median(samples),6:0.000} s median, {samples.Min(s => s.FirstOutput.TotalSeconds):0.000} min " +
                          $"({string.Join(", ", samples.Select(s => s.FirstOutput.TotalSeconds.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)))})");

    private static double Median(List<Sample> samples) => MedianOf(samples.Select(s => s.FirstOutput.TotalSeconds).ToList());

    private static double MedianOf(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Megabytes(long bytes) => $"{bytes / 1e6:0} MB";

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    internal sealed record Sample(TimeSpan FirstOutput, IReadOnlyDictionary<string, double> Steps);
}
