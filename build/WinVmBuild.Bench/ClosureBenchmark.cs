using System.Diagnostics;
using System.Globalization;
using WinVmBuild.Cygwin;
using WinVmBuild.Diagnostics;
using WinVmBuild.Host;

namespace WinVmBuild.Bench;

/// <summary>
/// Parse + closure of openssh on the real setup.ini, in process, against nixpkgs' mkclosure.py under Python 2.7
/// on the same decompressed file. Prints <c>closure-ms: &lt;median&gt; seed-ms: &lt;median&gt; speedup: &lt;ratio&gt;</c>.
/// Usage: bench.sh closure [setup.xz or setup.ini]
/// </summary>
internal static class ClosureBenchmark
{
    // Tiered compilation starts the parser and the span helpers it calls as unoptimised code, then recompiles them
    // twice (instrumented, then optimised with the profile), each step after 30 calls and 100 ms without new
    // compilations: on this machine the runs take ~70 ms, then ~30 ms from the 8th, and ~18 ms from the 18th. The
    // first run is printed too, as a build that parses once pays it.
    private const int WarmUpRuns = 20;
    private const int MeasuredRuns = 15;
    private const int SeedRuns = 5;

    public static async Task<int> RunAsync(string[] args)
    {
        var root = FindRepositoryRoot();
        var source = args.FirstOrDefault() ?? Path.Combine(root, "tests", "WinVmBuild.Tests", "Cygwin", "Fixtures", "mirror", "x86_64", "setup.xz");
        var plain = Path.Combine(Path.GetTempPath(), $"winvmbuild-bench-{Environment.ProcessId}.ini");
        try
        {
            await SetupIniFile.DecompressAsync(source, plain, CancellationToken.None);
            var closureMs = await MeasureInProcessAsync(plain);
            // The seed's script is other people's code: it stays outside the repository, beside it.
            var seedMs = await MeasureSeedAsync(Path.Combine(root, "..", "shared", "reference", "mkclosure.py"), plain);
            var speedup = seedMs is null ? "n/a" : Format(seedMs.Value / closureMs);
            Console.WriteLine($"closure-ms: {Format(closureMs)} seed-ms: {(seedMs is null ? "n/a" : Format(seedMs.Value))} speedup: {speedup}");
            return 0;
        }
        finally
        {
            File.Delete(plain);
        }
    }

    private static async Task<double> MeasureInProcessAsync(string setupIni)
    {
        var times = new List<double>();
        for (var run = 0; run < WarmUpRuns + MeasuredRuns; run++)
        {
            // Each run starts without the garbage of the runs before, as a build that parses once does (and as
            // BenchmarkDotNet does between iterations): 18.7 MB arrays left behind set off full collections.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var clock = Stopwatch.StartNew();
            var parsed = await SetupIni.LoadAsync(setupIni, CancellationToken.None);
            var closure = new CygwinClosure(parsed, NullBuildLog.Instance).Resolve(["openssh"], []);
            clock.Stop();
            if (run >= WarmUpRuns)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }

            if (run == 0)
            {
                Console.Error.WriteLine($"in process: openssh closure = {closure.Count} archives; first run {Format(clock.Elapsed.TotalMilliseconds)} ms");
            }
        }

        return Median(times);
    }

    /// <summary>The seed's whole run (interpreter included, as a build pays it); null without Python 2.7.</summary>
    private static async Task<double?> MeasureSeedAsync(string script, string setupIni)
    {
        if (!File.Exists(script))
        {
            Console.Error.WriteLine($"seed: nixpkgs' mkclosure.py, the peer, is not at {Path.GetFullPath(script)}; skipped");
            return null;
        }

        var python = await FindPython2Async();
        if (python is null)
        {
            Console.Error.WriteLine("seed: Python 2.7 not found at $(pyenv root)/versions/2.7.18/bin/python2; skipped");
            return null;
        }

        var times = new List<double>();
        for (var run = 0; run < SeedRuns; run++)
        {
            var clock = Stopwatch.StartNew();
            var result = await ProcessRunner.RunCheckedAsync(new ProcessSpec(python, [script, setupIni, "openssh"]), CancellationToken.None);
            clock.Stop();
            times.Add(clock.Elapsed.TotalMilliseconds);
            if (run == 0)
            {
                var count = result.StandardOutput.Split('\n').Count(line => line.TrimStart().StartsWith("url =", StringComparison.Ordinal));
                Console.Error.WriteLine($"seed: mkclosure.py lists {count} archives");
            }
        }

        return Median(times);
    }

    private static async Task<string?> FindPython2Async()
    {
        try
        {
            var root = (await ProcessRunner.RunCheckedAsync(new ProcessSpec("pyenv", ["root"]), CancellationToken.None)).StandardOutput.Trim();
            var python = Path.Combine(root, "versions", "2.7.18", "bin", "python2");
            return File.Exists(python) ? python : null;
        }
        catch (WinVmException)
        {
            return null;
        }
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static string Format(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string FindRepositoryRoot()
    {
        for (var folder = AppContext.BaseDirectory; folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(Path.Combine(folder, "WinVmBuild.sln")))
            {
                return folder;
            }
        }

        throw new InvalidOperationException("WinVmBuild.sln not found above " + AppContext.BaseDirectory);
    }
}
