using System.Collections.Concurrent;
using System.Security.Cryptography;
using WinVmBuild.Stages;

namespace WinVmBuild.IntegrationTests.Stages;

/// <summary>Builds in the test guest: each revives the shared snapshot in a real VM under TCG, beside a fresh controller.</summary>
[TestClass]
[TestCategory("Vm")]
public sealed class RunStageTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    [TestMethod]
    public async Task Echo_output_arrives_line_by_line_through_the_callback()
    {
        var run = await RunAsync("echo first line && echo 'second line'");

        Assert.AreEqual(0, run.Result.ExitCode, run.Result.LastOutputLines);
        CollectionAssert.AreEqual(new[] { "first line", "second line" }, run.Lines.ToArray());
    }

    [TestMethod]
    public async Task The_commands_exit_code_comes_back()
    {
        var run = await RunAsync("echo failing on purpose; exit 7");

        Assert.AreEqual(7, run.Result.ExitCode, run.Result.LastOutputLines);
        StringAssert.Contains(run.Result.LastOutputLines, "failing on purpose");
    }

    [TestMethod]
    public async Task A_declared_output_is_collected_into_the_output_folder_with_its_bytes()
    {
        var project = NewProject();
        var input = RandomNumberGenerator.GetBytes(4096);
        await File.WriteAllBytesAsync(Path.Combine(project, "input.bin"), input);
        var outputs = TestPaths.NewScratchFolder("stage-outputs");

        var run = await RunAsync("mkdir -p out && { cat input.bin; echo made-in-guest; } > out/result.bin", project, ["out/result.bin"], outputs);

        Assert.AreEqual(0, run.Result.ExitCode, run.Result.LastOutputLines);
        var collected = Path.Combine(outputs, "out", "result.bin");
        CollectionAssert.AreEqual(new[] { collected }, run.Result.CollectedOutputs.ToArray());
        CollectionAssert.AreEqual(input.Concat("made-in-guest\n"u8.ToArray()).ToArray(), await File.ReadAllBytesAsync(collected));
        Assert.IsFalse(File.Exists(Path.Combine(project, "out", "result.bin")), "the command ran in the guest's copy of the project");
    }

    [TestMethod]
    public async Task A_project_file_written_after_the_snapshot_is_seen_as_it_is_now()
    {
        var image = await TestGuestImage.SharedAsync();
        var project = NewProject();
        var content = $"written at {DateTime.UtcNow:O}, {Guid.NewGuid():N}";
        await File.WriteAllTextAsync(Path.Combine(project, "version.txt"), content + "\n");
        Assert.IsTrue(File.GetLastWriteTimeUtc(Path.Combine(project, "version.txt")) > Directory.GetLastWriteTimeUtc(image.SnapshotEntry));

        var run = await RunAsync("cat version.txt", project);

        Assert.AreEqual(0, run.Result.ExitCode, run.Result.LastOutputLines);
        CollectionAssert.AreEqual(new[] { content }, run.Lines.ToArray());
    }

    [TestMethod]
    public async Task Programs_from_the_test_built_packages_run_in_the_guest()
    {
        var run = await RunAsync($"command -v {TestGuestImage.ProbeProgram} && {TestGuestImage.ProbeProgram} 3 && make --version | head -n 1");

        Assert.AreEqual(0, run.Result.ExitCode, run.Result.LastOutputLines);
        CollectionAssert.AreEqual(
            new[] { $"/cygwin/usr/bin/{TestGuestImage.ProbeProgram}", "1", "2", "3", "GNU Make 4.3" },
            run.Lines.ToArray());
    }

    [TestMethod]
    public async Task Two_runs_from_one_snapshot_at_once_both_succeed_with_their_own_output()
    {
        var runs = await Task.WhenAll(RunAsync("echo run one; exit 3"), RunAsync("echo run two"));

        Assert.AreEqual(3, runs[0].Result.ExitCode, runs[0].Result.LastOutputLines);
        Assert.AreEqual(0, runs[1].Result.ExitCode, runs[1].Result.LastOutputLines);
        CollectionAssert.AreEqual(new[] { "run one" }, runs[0].Lines.ToArray());
        CollectionAssert.AreEqual(new[] { "run two" }, runs[1].Lines.ToArray());
    }

    [TestMethod]
    public async Task Cancelled_after_the_first_line_it_throws_and_leaves_no_process_and_no_work_folder()
    {
        var image = await TestGuestImage.SharedAsync();
        var log = new RecordingLog();
        using var cancellation = new CancellationTokenSource();
        var request = new RunRequest("echo started; sleep 600", NewProject(), [], [], TestPaths.NewScratchFolder("stage-cancel"));

        await Assert.ThrowsAsync<OperationCanceledException>(() => RunStage.RunAsync(
            image.Environment with { Log = log }, image.Guest, image.SnapshotEntry, image.Key.PrivateKeyFile, request, RunTimeout,
            _ => cancellation.Cancel(), cancellation.Token));

        var session = log.SessionFolders.Single();
        Assert.IsEmpty(HostProcesses.FindByCommandLine(session), $"a process still uses {session}");
        Assert.IsFalse(Directory.Exists(session), $"{session} is left behind");
    }

    private static async Task<(RunResult Result, ConcurrentQueue<string> Lines)> RunAsync(
        string command, string? project = null, IReadOnlyList<string>? outputs = null, string? outputFolder = null)
    {
        var image = await TestGuestImage.SharedAsync();
        var lines = new ConcurrentQueue<string>();
        var request = new RunRequest(command, project ?? NewProject(), [], outputs ?? [], outputFolder ?? TestPaths.NewScratchFolder("stage-outputs"));
        var result = await RunStage.RunAsync(
            image.Environment, image.Guest, image.SnapshotEntry, image.Key.PrivateKeyFile, request, RunTimeout, lines.Enqueue, CancellationToken.None);
        return (result, lines);
    }

    private static string NewProject() => TestPaths.NewScratchFolder("stage-project");
}
