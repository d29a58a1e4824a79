using System.Diagnostics;
using System.Globalization;
using WinVmBuild.Cache;
using WinVmBuild.Host;
using WinVmBuild.IntegrationTests.EndToEnd;

namespace WinVmBuild.Bench;

/// <summary>
/// Whether provisioning layers cost a build anything once they are made: two projects on one cache, one with three
/// <c>WinVmProvision</c> steps (each writing 8 MB into the image), one without, each built once to make its image, then
/// rebuilt in turns with <c>dotnet build --no-incremental</c> (nothing changed; the guest command runs): the time from
/// starting `dotnet build` to the guest's first output line, and to the build's end. Then the layer entries' sizes on disk.
/// </summary>
internal static class ProvisionBenchmark
{
    private const int Rounds = 5;
    private const string FirstOutput = "bench-first-output";

    public static async Task<int> RunAsync()
    {
        Directory.CreateDirectory(TestPaths.RuntimeFolder);
        Environment.SetEnvironmentVariable("XDG_RUNTIME_DIR", TestPaths.RuntimeFolder);
        var plain = await ProjectAsync("bench-plain", steps: 0);
        var layered = await ProjectAsync("bench-layered", steps: 3);

        // The images: install once, the three layers, a snapshot each.
        foreach (var project in new[] { plain, layered })
        {
            var made = await SdkPackage.RunDotnetAsync(project.Folder, ["build"], CancellationToken.None);
            if (!made.Succeeded)
            {
                Console.Error.WriteLine(made.StandardOutput);
                return 1;
            }
        }

        var samples = new Dictionary<SdkTestProject, List<(double First, double Whole)>> { [plain] = [], [layered] = [] };
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var project in round % 2 == 0 ? new[] { plain, layered } : [layered, plain])
            {
                samples[project].Add(await TimedBuildAsync(project));
            }
        }

        Console.WriteLine(
            $"test guest, TCG, {Environment.ProcessorCount} host cores, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}; " +
            $"{Rounds} no-change builds each (dotnet build --no-incremental), in turns; medians:");
        foreach (var (name, project) in new[] { ("no layers", plain), ("3 layers", layered) })
        {
            var first = Median(samples[project].Select(sample => sample.First));
            var whole = Median(samples[project].Select(sample => sample.Whole));
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  {name,-10} first guest output {first,5:0.00} s, whole build {whole,5:0.00} s  (first: {string.Join(' ', samples[project].Select(sample => sample.First.ToString("0.00", CultureInfo.InvariantCulture)))})"));
        }

        var layout = new CacheLayout(TestGuestProject.CacheDir);
        foreach (var (kind, label) in new[] { (EntryKind.Install, "install"), (EntryKind.Layer, "layer"), (EntryKind.Suspend, "snapshot") })
        {
            foreach (var entry in Directory.EnumerateDirectories(layout.Entries(kind)).Where(folder => !Path.GetFileName(folder).StartsWith('.')))
            {
                var bytes = Directory.EnumerateFiles(entry, "*", SearchOption.AllDirectories).Sum(file => FileStatus.Of(file).AllocatedBytes);
                Console.WriteLine($"  {label,-8} {Path.GetFileName(entry)[..12]}  {bytes / (1024.0 * 1024):0.0} MB on disk");
            }
        }

        return 0;
    }

    private static async Task<SdkTestProject> ProjectAsync(string name, int steps)
    {
        var items = string.Concat(Enumerable.Range(1, steps).Select(step => $"""<WinVmProvision Include="provision/{step}0-step.sh" />"""));
        var files = new Dictionary<string, string>(TestGuestProject.Sources("benchmark\n"))
        {
            ["Hello.proj"] = await TestGuestProject.StandaloneProjectAsync($"echo {FirstOutput} &amp;&amp; make", $"<ItemGroup>{items}</ItemGroup>"),
        };
        for (var step = 1; step <= steps; step++)
        {
            files[$"provision/{step}0-step.sh"] = $"mkdir -p /opt/bench && dd if=/dev/urandom of=/opt/bench/{step} bs=1M count=8 2> /dev/null\n";
        }

        return await SdkTestProject.CreateAsync(name, files);
    }

    /// <summary>Seconds from starting `dotnet build` to the guest's first line, and to the build's end.</summary>
    private static async Task<(double First, double Whole)> TimedBuildAsync(SdkTestProject project)
    {
        var clock = Stopwatch.StartNew();
        var first = TimeSpan.Zero;
        await using var build = RunningProcess.Start(SdkPackage.DotnetSpec(project.Folder, ["build", "--no-incremental"], line =>
        {
            if (first == TimeSpan.Zero && line.Contains(FirstOutput, StringComparison.Ordinal))
            {
                first = clock.Elapsed;
            }
        }));
        var result = await build.Completion;
        var whole = clock.Elapsed;
        if (!result.Succeeded || first == TimeSpan.Zero)
        {
            throw new InvalidOperationException("The benchmark's build failed:\n" + result.StandardOutput);
        }

        return (first.TotalSeconds, whole.TotalSeconds);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
