using System.Diagnostics;
using WinVmBuild.Diagnostics;
using WinVmBuild.IntegrationTests.Vm;
using WinVmBuild.Vm;

namespace WinVmBuild.Bench;

/// <summary>
/// Revive from a memory snapshot against a cold boot; snapshot save time and size, zstd against gzip. Until the
/// full pipeline exists this measures the busybox guest of the VM tests, with its memory filled with ~60 MB
/// of program files so the state has something to compress. Options: --memory MB (default 384).
/// </summary>
internal static class ReviveBenchmark
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    private const string Script = """
        echo guest-started
        i=0
        while [ $i -lt 24 ]; do cat /bin/busybox /modules/*.ko > /tmp/fill$i; i=$((i+1)); done
        echo memory-filled
        i=0
        while true; do echo "count $i"; i=$((i+1)); sleep 0.2; done
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var memory = args.Length == 2 && args[0] == "--memory" ? int.Parse(args[1]) : 384;
        var folder = Path.Combine(Path.GetTempPath(), $"winvmbuild-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var spec = await BusyboxGuest.CreateAsync(folder, "bench", Script, memory);
            var zstd = Path.Combine(folder, "state.zst");
            var gzip = Path.Combine(folder, "state.gz");

            var (coldBoot, zstdSave) = await BootAndSaveAsync(spec, folder, zstd);
            var (zstdRevive, gzipSave) = await ReviveAndSaveAsync(spec, folder, zstd, gzip);
            var (gzipRevive, _) = await ReviveAndSaveAsync(spec, folder, gzip, null);

            Console.WriteLine($"busybox guest, {memory} MB, TCG, {Environment.ProcessorCount} host cores");
            Console.WriteLine($"cold boot to first output:        {coldBoot.TotalSeconds,7:0.00} s");
            Console.WriteLine($"revive (zstd) to first output:    {zstdRevive.TotalSeconds,7:0.00} s   {Ratio(zstdRevive, coldBoot)} of cold boot");
            Console.WriteLine($"revive (gzip) to first output:    {gzipRevive.TotalSeconds,7:0.00} s   {Ratio(gzipRevive, coldBoot)} of cold boot");
            Console.WriteLine($"save (zstd -1):                   {zstdSave.TotalSeconds,7:0.00} s   {Megabytes(zstd),7:0.0} MB");
            Console.WriteLine($"save (gzip -1):                   {gzipSave.TotalSeconds,7:0.00} s   {Megabytes(gzip),7:0.0} MB");
            Console.WriteLine($"zstd / gzip: save time {Ratio(zstdSave, gzipSave)}, size {Megabytes(zstd) / Megabytes(gzip):0.00}x, " +
                              $"revive time {Ratio(zstdRevive, gzipRevive)}");
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Boots, times the first line the guest's init prints, saves the state once memory is filled.</summary>
    private static async Task<(TimeSpan FirstOutput, TimeSpan Save)> BootAndSaveAsync(QemuMachineSpec spec, string folder, string state)
    {
        var clock = Stopwatch.StartNew();
        await using var machine = await QemuMachine.StartAsync(spec, Path.Combine(folder, "cold"), NullBuildLog.Instance, null, CancellationToken.None);
        await machine.WaitForConsoleLineAsync("guest-started", Patience, CancellationToken.None);
        var firstOutput = clock.Elapsed;
        await machine.WaitForConsoleLineAsync("count 5", Patience, CancellationToken.None);
        var save = await SaveAsync(machine, state);
        await machine.QuitAsync(CancellationToken.None);
        return (firstOutput, save);
    }

    /// <summary>Revives <paramref name="state"/>, times the first line printed after it, optionally saves again.</summary>
    private static async Task<(TimeSpan FirstOutput, TimeSpan Save)> ReviveAndSaveAsync(QemuMachineSpec spec, string folder, string state, string? saveTo)
    {
        var clock = Stopwatch.StartNew();
        await using var machine = await QemuMachine.StartAsync(
            spec with { IncomingState = state }, Path.Combine(folder, "revive" + Path.GetExtension(state)), NullBuildLog.Instance, null, CancellationToken.None);
        await machine.WaitForConsoleLineAsync("count", Patience, CancellationToken.None);
        var firstOutput = clock.Elapsed;
        var save = saveTo is null ? TimeSpan.Zero : await SaveAsync(machine, saveTo);
        await machine.QuitAsync(CancellationToken.None);
        return (firstOutput, save);
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
