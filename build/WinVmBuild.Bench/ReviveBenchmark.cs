using System.Diagnostics;
using WinVmBuild.Controller;
using WinVmBuild.Diagnostics;
using WinVmBuild.Host;
using WinVmBuild.IntegrationTests.Stages;
using WinVmBuild.Stages;
using WinVmBuild.Vm;

namespace WinVmBuild.Bench;

/// <summary>
/// The real pipeline on the test guest, all in one run: media, install and suspend as the stage tests make them,
/// then what a build costs — RunStage's revive of the snapshot to the first output line of <c>echo</c> — against a
/// cold boot of the same installed disk running the same run script, and the memory state saved with zstd and
/// with gzip. Options: --runs N (revives timed, default 3; the median is reported).
/// </summary>
internal static class ReviveBenchmark
{
    private const string Command = "echo first-output";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length == 2 && args[0] == "--runs" ? int.Parse(args[1]) : 3;
        var folder = Path.Combine(Path.GetTempPath(), $"winvmbuild-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var clock = Stopwatch.StartNew();
            var image = await TestGuestImage.CreateAsync(folder, NullBuildLog.Instance, CancellationToken.None);
            var prepared = clock.Elapsed;
            var project = Directory.CreateDirectory(Path.Combine(folder, "project")).FullName;

            var revives = new List<TimeSpan>();
            for (var run = 1; run < runs; run++)
            {
                revives.Add(await ReviveToFirstOutputAsync(image, project, NullBuildLog.Instance));
            }

            // The last run also notes when the controller gets there, to show where a build's seconds go.
            var timeline = new TimelineLog("smbd listening", "guest port 22 open", "command finished");
            revives.Add(await ReviveToFirstOutputAsync(image, project, timeline));

            var revive = revives.Order().ElementAt(runs / 2);
            var zstd = Path.Combine(folder, "cold.zst");
            var gzip = Path.Combine(folder, "cold.gz");
            var (coldBoot, zstdSave) = await ColdBootToFirstOutputAsync(image, project, folder, zstd);
            var (zstdLoad, gzipSave) = await LoadAndSaveAsync(image, folder, zstd, gzip);
            var (gzipLoad, _) = await LoadAndSaveAsync(image, folder, gzip, null);

            Console.WriteLine($"test guest, 256 MB, TCG, {Environment.ProcessorCount} host cores; media + install + suspend took {prepared.TotalSeconds:0} s");
            Console.WriteLine($"cold boot to first output:         {coldBoot.TotalSeconds,7:0.00} s");
            Console.WriteLine($"RunStage revive to first output:   {revive.TotalSeconds,7:0.00} s   {Ratio(revive, coldBoot)} of cold boot " +
                              $"(median of {runs}: {string.Join(", ", revives.Select(r => r.TotalSeconds.ToString("0.00")))})");
            Console.WriteLine($"  last revive's controller: {timeline.Describe()}");
            Console.WriteLine($"state load + continue (zstd):      {zstdLoad.TotalSeconds,7:0.00} s");
            Console.WriteLine($"state load + continue (gzip):      {gzipLoad.TotalSeconds,7:0.00} s");
            Console.WriteLine($"save (zstd -1):                    {zstdSave.TotalSeconds,7:0.00} s   {Megabytes(zstd),7:0.0} MB");
            Console.WriteLine($"save (gzip -1):                    {gzipSave.TotalSeconds,7:0.00} s   {Megabytes(gzip),7:0.0} MB");
            Console.WriteLine($"zstd / gzip: save time {Ratio(zstdSave, gzipSave)}, size {Megabytes(zstd) / Megabytes(gzip):0.00}x, " +
                              $"load time {Ratio(zstdLoad, gzipLoad)}");
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>What every build pays: RunStage from its call to the command's first output line.</summary>
    private static async Task<TimeSpan> ReviveToFirstOutputAsync(TestGuestImage image, string project, IBuildLog log)
    {
        var firstOutput = new TaskCompletionSource<TimeSpan>();
        var clock = Stopwatch.StartNew();
        var request = new RunRequest(Command, project, [], [], Path.Combine(project, "bin"));
        await RunStage.RunAsync(
            image.Environment with { Log = log }, image.Guest, image.SnapshotEntry, image.Key.PrivateKeyFile, request, Patience,
            _ => firstOutput.TrySetResult(clock.Elapsed), CancellationToken.None);
        return await firstOutput.Task;
    }

    /// <summary>
    /// The same run without the snapshot: the installed disk booted (through an overlay) in a stage session beside a
    /// controller running the same run script, timed like a revive to its first output line; then the running
    /// guest's memory is saved.
    /// </summary>
    private static async Task<(TimeSpan FirstOutput, TimeSpan Save)> ColdBootToFirstOutputAsync(
        TestGuestImage image, string project, string folder, string state)
    {
        var disk = Path.Combine(Directory.CreateDirectory(Path.Combine(folder, "cold")).FullName, "disk.qcow2");
        await QemuImg.CreateOverlayAsync(disk, Path.Combine(image.InstallEntry, InstallStage.DiskFile), CancellationToken.None);
        var shares = new[] { new SharedFolder("project", project, readOnly: true) };
        var account = VmSession.NewSambaAccount();
        var script = image.Guest.RunScript(new Guests.GuestRunRequest(Command, [], shares, "project", account));

        var clock = Stopwatch.StartNew();
        var firstOutput = new TaskCompletionSource<TimeSpan>();
        await using var session = await VmSession.StartAsync(image.Environment, "cold", Patience, CancellationToken.None);
        var guest = await session.StartGuestAsync(slot => image.Guest.BootMachine(slot, disk), CancellationToken.None);
        var result = await session.RunInGuestAsync(
            image.Guest.SshUser, image.Key.PrivateKeyFile, shares, account, script, _ => firstOutput.TrySetResult(clock.Elapsed), CancellationToken.None);
        result.EnsureExitCode();

        var save = await SaveAsync(guest, state);
        await guest.QuitAsync(CancellationToken.None);
        return (await firstOutput.Task, save);
    }

    /// <summary>Revives <paramref name="state"/> without a controller (QEMU loads it and continues), then optionally saves it again.</summary>
    private static async Task<(TimeSpan Load, TimeSpan Save)> LoadAndSaveAsync(TestGuestImage image, string folder, string state, string? saveTo)
    {
        var work = Path.Combine(folder, "load" + Path.GetExtension(state));
        await using var network = await VdeSwitch.StartAsync(work + ".switch", NullBuildLog.Instance, CancellationToken.None);
        var spec = RunStage.Revived(
            image.Guest.BootMachine(new VmSlot("load", AcceleratorKind.Tcg, network.Folder), Path.Combine(folder, "cold", "disk.qcow2")), state);
        var clock = Stopwatch.StartNew();
        await using var machine = await QemuMachine.StartAsync(spec, work, NullBuildLog.Instance, null, CancellationToken.None);
        var load = clock.Elapsed;
        var save = saveTo is null ? TimeSpan.Zero : await SaveAsync(machine, saveTo);
        await machine.QuitAsync(CancellationToken.None);
        return (load, save);
    }

    private static async Task<TimeSpan> SaveAsync(QemuMachine machine, string state)
    {
        var compression = state.EndsWith(".gz", StringComparison.Ordinal) ? StateCompression.Gzip : StateCompression.Zstd;
        var clock = Stopwatch.StartNew();
        await machine.SaveStateAsync(state, compression, CancellationToken.None);
        return clock.Elapsed;
    }

    private static double Megabytes(string file) => new FileInfo(file).Length / 1e6;

    private static string Ratio(TimeSpan part, TimeSpan whole) => $"{part / whole:0.00}x";
}
