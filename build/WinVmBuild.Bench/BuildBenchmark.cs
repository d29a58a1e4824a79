using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using WinVmBuild.Host;
using WinVmBuild.IntegrationTests.EndToEnd;
using WinVmBuild.IntegrationTests.Stages;

namespace WinVmBuild.Bench;

/// <summary>
/// What a person waits for: a warm `dotnet build` of a test-guest project, from starting the process to the guest
/// command's first output line and to the process's end, side by side in one run: (a) an empty project, (b) one of
/// 10,000 files / 100 MB, (c) the same after one file changed, (d) the empty one after its cache folder was copied
/// elsewhere (as a CI cache restore does: every file identity changes), its first build and the next, and the first build
/// of (b), which sends the project whole and saves the project's own snapshot; then where the
/// time of (a) and (c) goes, read from a detailed log's time-stamped lines, and a cold boot of the same guest to its
/// first output for the ratio.
/// </summary>
internal static class BuildBenchmark
{
    private const int Rounds = 5;
    private const string FirstOutput = "bench-first-output";
    private const int LargeFiles = 10_000;
    private const int LargeFileBytes = 10 * 1024;

    /// <summary>Lines of a detailed build log, in the order a build passes them, and the step each one ends.</summary>
    private static readonly (string Line, string Step)[] Milestones =
    [
        ("Task \"CheckWinVmSettings\"", "dotnet start, restore, evaluation"),
        ("Done executing task \"CheckWinVmSettings\"", "settings check"),
        ("Task \"RunGuestCommand\"", "cache lookups (media, install, provision, suspend)"),
        ("run: ssh connected at", "revive (QEMU, state loaded, SSH login)"),
        ("run: project received", "project transfer and shares"),
        (FirstOutput, "to the command's first output"),
    ];

    public static async Task<int> RunAsync()
    {
        Directory.CreateDirectory(TestPaths.RuntimeFolder);
        Environment.SetEnvironmentVariable("XDG_RUNTIME_DIR", TestPaths.RuntimeFolder);
        var empty = await ProjectAsync("bench-empty", files: 0);
        var large = await ProjectAsync("bench-large", files: LargeFiles);
        await TimedBuildAsync(empty, []);
        var snapshotMade = await TimedBuildAsync(large, []);

        List<(double First, double Whole)> a = [], b = [], c = [];
        var changed = Path.Combine(large.Folder, "src", "0", "0.bin");
        for (var round = 0; round < Rounds; round++)
        {
            a.Add(await TimedBuildAsync(empty, []));
            b.Add(await TimedBuildAsync(large, []));
            await File.WriteAllBytesAsync(changed, RandomNumberGenerator.GetBytes(LargeFileBytes));
            c.Add(await TimedBuildAsync(large, []));
        }

        // A CI cache restore: the same bytes under new inodes and times.
        var copy = TestPaths.NewScratchFolder("bench-cache-copy");
        await ProcessRunner.RunCheckedAsync(new ProcessSpec("cp", ["-a", "--sparse=always", TestGuestProject.CacheDir + "/.", copy]), CancellationToken.None);
        var restored = await TimedBuildAsync(empty, [$"-p:WinVmCacheDir={copy}"]);
        var afterRestore = await TimedBuildAsync(empty, [$"-p:WinVmCacheDir={copy}"]);

        var cold = await ColdBootAsync();

        Console.WriteLine(
            $"test guest, TCG, {Environment.ProcessorCount} host cores, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}; warm `dotnet build --no-incremental`, " +
            $"{Rounds} each in turns, medians, from the process's start:");
        Report("(a) empty project", a);
        Report($"(b) {LargeFiles} files / {LargeFiles * (double)LargeFileBytes / 1e6:0} MB", b);
        Report("(c) the same, one file changed", c);
        Report("(b) first build, the project snapshot made", [snapshotMade]);
        Report("(d) empty, cache folder copied: first build", [restored]);
        Report("(d) empty, cache folder copied: next build", [afterRestore]);
        Console.WriteLine(Invariant($"cold boot of the same guest to its first output (no dotnet): {cold:0.00} s; (a) to first output is {cold / Median(a, s => s.First):0.0}x faster"));
        foreach (var (name, project) in new[] { ("(a)", empty), ("(c)", large) })
        {
            if (project == large)
            {
                await File.WriteAllBytesAsync(changed, RandomNumberGenerator.GetBytes(LargeFileBytes));
            }

            Console.WriteLine($"where the time of {name} goes (one build, detailed log):");
            var previous = 0.0;
            foreach (var (step, at) in await BreakdownAsync(project))
            {
                Console.WriteLine(Invariant($"  {step,-52}{at - previous,6:0.00} s  (at {at:0.00} s)"));
                previous = at;
            }
        }

        return 0;
    }

    private static async Task<SdkTestProject> ProjectAsync(string name, int files)
    {
        var project = await SdkTestProject.CreateAsync(name, new Dictionary<string, string>
        {
            ["Bench.proj"] = await TestGuestProject.StandaloneProjectAsync($"echo {FirstOutput}"),
        });
        for (var file = 0; file < files; file++)
        {
            var folder = Directory.CreateDirectory(Path.Combine(project.Folder, "src", (file / 100).ToString(CultureInfo.InvariantCulture))).FullName;
            await File.WriteAllBytesAsync(Path.Combine(folder, $"{file % 100}.bin"), RandomNumberGenerator.GetBytes(LargeFileBytes));
        }

        return project;
    }

    /// <summary>Seconds from starting `dotnet build` to the guest's first line, and to the build's end.</summary>
    private static async Task<(double First, double Whole)> TimedBuildAsync(SdkTestProject project, string[] arguments)
    {
        var lines = await TimedLinesAsync(project, arguments);
        var first = lines.Lines.FirstOrDefault(line => line.Text.Contains(FirstOutput, StringComparison.Ordinal) && !line.Text.Contains("echo", StringComparison.Ordinal));
        if (first.Text is null)
        {
            throw new InvalidOperationException("The benchmark's build printed no first output:\n" + string.Join('\n', lines.Lines.Select(line => line.Text)));
        }

        return (first.At, lines.Whole);
    }

    /// <summary>One build with a detailed log: when each milestone line came.</summary>
    private static async Task<List<(string Step, double At)>> BreakdownAsync(SdkTestProject project)
    {
        var (lines, whole) = await TimedLinesAsync(project, ["-v:d"]);
        var steps = new List<(string, double)>();
        foreach (var (milestone, step) in Milestones)
        {
            var line = lines.FirstOrDefault(line => line.Text.Contains(milestone, StringComparison.Ordinal) && !line.Text.Contains("echo", StringComparison.Ordinal));
            if (line.Text is not null)
            {
                steps.Add((step, line.At));
            }
        }

        steps.Add(("the command, collecting outputs, MSBuild's end", whole));
        return steps;
    }

    private static async Task<(List<(string Text, double At)> Lines, double Whole)> TimedLinesAsync(SdkTestProject project, string[] arguments)
    {
        var clock = Stopwatch.StartNew();
        var lines = new List<(string Text, double At)>();
        await using var build = RunningProcess.Start(SdkPackage.DotnetSpec(project.Folder, ["build", "--no-incremental", .. arguments], line =>
        {
            lock (lines)
            {
                lines.Add((line, clock.Elapsed.TotalSeconds));
            }
        }));
        var result = await build.Completion;
        var whole = clock.Elapsed.TotalSeconds;
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("The benchmark's build failed:\n" + result.StandardOutput);
        }

        lock (lines)
        {
            return ([.. lines], whole);
        }
    }

    /// <summary>The test guest's installed disk booted cold, as the revive benchmark does it, to the first output of the same command.</summary>
    private static async Task<double> ColdBootAsync()
    {
        var folder = TestPaths.NewScratchFolder("bench-cold");
        var image = await TestGuestImage.CreateAsync(folder, Diagnostics.NullBuildLog.Instance, CancellationToken.None, memoryMegabytes: 512);
        var project = Directory.CreateDirectory(Path.Combine(folder, "project")).FullName;
        return (await ReviveBenchmark.ColdBootAsync(image, folder, project)).FirstOutput.TotalSeconds;
    }

    private static void Report(string name, List<(double First, double Whole)> samples) =>
        Console.WriteLine(Invariant(
            $"  {name,-44} build to first output: {Median(samples, s => s.First):0.00} s, whole build {Median(samples, s => s.Whole):0.00} s  (first: {string.Join(' ', samples.Select(s => s.First.ToString("0.00", CultureInfo.InvariantCulture)))})"));

    private static double Median(List<(double First, double Whole)> samples, Func<(double First, double Whole), double> value)
    {
        var sorted = samples.Select(value).Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
