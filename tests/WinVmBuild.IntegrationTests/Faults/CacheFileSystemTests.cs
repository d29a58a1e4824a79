using System.Collections.Concurrent;
using WinVmBuild.Host;
using WinVmBuild.IntegrationTests.EndToEnd;

namespace WinVmBuild.IntegrationTests.Faults;

/// <summary>
/// A cache folder on a file system that refuses what a build needs: `dotnet build` in a private mount namespace
/// (unshare) whose cache folder is a small tmpfs, so that nothing is mounted on the machine and the namespace, with its
/// mount, is gone with the build.
/// </summary>
[TestClass]
[RequiresHostPackages]
[TestCategory("EndToEnd")]
[TestCategory("Faults")]
public sealed class CacheFileSystemTests
{
    private const string Marker = "winvmbuild-test:";

    [TestMethod]
    public async Task A_read_only_cache_folder_is_WVB0410_before_any_stage()
    {
        var cache = TestPaths.NewScratchFolder("ro-cache");
        var project = await TestGuestProject.StandaloneAsync("ro-cache", "make", "unused\n");

        var build = await ProcessRunner.RunAsync(
            OnTmpfs(cache, "ro,size=1m", "exec \"$@\"", SdkPackage.DotnetSpec(project.Folder, ["build", $"-p:WinVmCacheDir={cache}"])),
            CancellationToken.None);

        Assert.AreNotEqual(0, build.ExitCode);
        StringAssert.Contains(build.StandardOutput, "error WVB0410");
        BuildAssert.None(build.StandardOutput, BuildAssert.MediaMade, BuildAssert.InstallLine);
        FaultReport.Record("The cache folder is read-only", "WVB0410, before any stage", await Leftovers.MeasureAsync(TimeSpan.Zero, caches: [cache]));
    }

    [TestMethod]
    public async Task A_cache_that_fills_up_while_the_snapshot_is_taken_fails_with_a_code_keeps_nothing_half_written_and_the_next_build_succeeds()
    {
        var cache = TestPaths.NewScratchFolder("full-cache");
        var project = await TestGuestProject.StandaloneAsync("full-cache", "make", "after a full disk\n");
        var lines = new ConcurrentQueue<string>();
        var firstEnded = new TaskCompletionSource();
        var dotnet = SdkPackage.DotnetSpec(project.Folder, ["build", $"-p:WinVmCacheDir={cache}"], line =>
        {
            lines.Enqueue(line);
            if (line.StartsWith($"{Marker} first build exited", StringComparison.Ordinal))
            {
                firstEnded.TrySetResult();
            }
        });

        // Two builds in one namespace, so that the second finds what the first left on the tmpfs; between them, the
        // namespace waits until the test has audited the cache through it.
        var audited = cache + ".audited";
        var script = $"""
            "$@"; echo "{Marker} first build exited with $?"
            while [ ! -e "$0.audited" ]; do sleep 0.1; done
            rm -f "$0/filler"
            "$@"; echo "{Marker} second build exited with $?"
            """;
        var build = RunningProcess.Start(OnTmpfs(cache, "size=1g", script, dotnet));
        await using (build)
        {
            // The snapshot's guest runs: fill its cache's file system, seen through QEMU's own root.
            var (qemu, _) = await LiveSessions.WaitForQemuAsync("suspend", TimeSpan.FromMinutes(10));
            await ProcessRunner.RunAsync(new ProcessSpec("dd", ["if=/dev/zero", $"of=/proc/{qemu}/root{cache}/filler", "bs=1M"]), CancellationToken.None);

            // What the failed build left, its cache seen through the namespace's shell (unshare ran it in its own place).
            await firstEnded.Task.WaitAsync(TimeSpan.FromMinutes(5));
            var left = await Leftovers.MeasureAsync(TimeSpan.FromSeconds(15), caches: [$"/proc/{build.Id}/root{cache}"]);
            await File.WriteAllTextAsync(audited, string.Empty);
            await build.Completion.WaitAsync(TimeSpan.FromMinutes(10));

            var output = string.Join('\n', lines);
            var first = output[..output.IndexOf($"{Marker} first build exited", StringComparison.Ordinal)];
            StringAssert.Contains(first, "error WVB0");
            StringAssert.Contains(first, "no space left");
            StringAssert.Contains(output, $"{Marker} first build exited with 1");
            var code = System.Text.RegularExpressions.Regex.Match(first, @"error (WVB\d{4})").Groups[1].Value;
            FaultReport.Record(
                "The cache's file system fills up while the snapshot is taken", $"{code}, whose message says the cache is full; the next build succeeds", left);
            StringAssert.Contains(output, $"{Marker} second build exited with 0", output);
            BuildAssert.InOrder(output[first.Length..], BuildAssert.SuspendLine, BuildAssert.RunLine);
            BuildAssert.None(output, "WVB0406");
        }
    }

    /// <summary>
    /// <paramref name="inner"/> run by <paramref name="script"/> (its arguments are the command, $0 the folder) in a
    /// private mount namespace where <paramref name="folder"/> is a new tmpfs mounted with <paramref name="options"/>.
    /// </summary>
    private static ProcessSpec OnTmpfs(string folder, string options, string script, ProcessSpec inner) => inner with
    {
        FileName = "unshare",
        Arguments =
        [
            .. Environment.IsPrivilegedProcess ? Array.Empty<string>() : ["--map-root-user"], // mount needs root, or a user namespace
            "--mount", "--propagation", "private", "sh", "-c", $"mount -t tmpfs -o {options} tmpfs \"$0\" || exit 90\n{script}",
            folder, inner.FileName, .. inner.Arguments,
        ],
    };
}
