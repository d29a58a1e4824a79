using System.Collections.Concurrent;
using System.Security.Cryptography;
using WinVmBuild.Cache;
using WinVmBuild.Diagnostics;
using WinVmBuild.Host;
using WinVmBuild.Network;
using WinVmBuild.Stages;
using WinVmBuild.Vm;

namespace WinVmBuild.IntegrationTests.Stages;

/// <summary>Builds in the test guest: each revives the shared snapshot in a real VM under TCG, on its own isolated network.</summary>
[TestClass]
[RequiresHostPackages]
[TestCategory("Vm")]
public sealed class RunStageTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    /// <summary>How old the snapshot is at least when a test compares the guest's clock with the host's.</summary>
    private static readonly TimeSpan SnapshotAge = TimeSpan.FromSeconds(30);

    [TestMethod]
    public async Task Echo_output_arrives_line_by_line_through_the_callback()
    {
        var run = await RunAsync("echo first line && echo 'second line' && echo 'on stderr' >&2");

        Assert.AreEqual(0, run.Result.ExitCode, run.Result.LastOutputLines);
        CollectionAssert.AreEquivalent(new[] { "first line", "second line", "on stderr" }, run.Lines.ToArray());
    }

    [TestMethod]
    public async Task The_commands_exit_code_comes_back()
    {
        var run = await RunAsync("echo failing on purpose; exit 7");

        Assert.AreEqual(7, run.Result.ExitCode, run.Result.LastOutputLines);
        StringAssert.Contains(run.Result.LastOutputLines, "failing on purpose");
    }

    [TestMethod]
    public async Task A_revived_guest_sees_the_hosts_time_not_its_snapshots()
    {
        // A snapshot older than the tolerance: a guest that kept its snapshot's clock would be found out.
        var image = await TestGuestImage.SharedAsync();
        var age = DateTime.UtcNow - File.GetLastWriteTimeUtc(Path.Combine(image.SuspendEntry, "state.bin"));
        if (age < SnapshotAge)
        {
            await Task.Delay(SnapshotAge - age);
        }

        var log = new RecordingLog();
        var run = await RunAsync("date -u +%s", log: log);

        var guest = DateTimeOffset.FromUnixTimeSeconds(long.Parse(run.Lines.Single(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.IsLessThan(TimeSpan.FromSeconds(5), (DateTimeOffset.UtcNow - guest).Duration(), $"guest {guest:O}, host {DateTimeOffset.UtcNow:O}");
        Assert.IsFalse(log.Lines.Any(line => line.Contains(ErrorCodes.GuestClockNotSet, StringComparison.Ordinal)), string.Join("\n", log.Lines));
    }

    [TestMethod]
    public async Task With_a_fixed_clock_the_guest_starts_at_its_fixed_date_at_every_boot()
    {
        var image = await TestGuestImage.SharedAsync();
        var environment = image.Environment with { Clock = GuestClock.Fixed };
        var snapshot = await SuspendStage.RunAsync(environment, image.Guest, image.Media, image.InstallEntry, TestGuestImage.StageTimeout, CancellationToken.None);
        var lines = new ConcurrentQueue<string>();

        var result = await RunStage.RunAsync(environment, image.Guest, image.Media, snapshot, Request("date -u +%Y-%m-%d"), RunTimeout, lines.Enqueue, CancellationToken.None);

        Assert.AreEqual(0, result.ExitCode, result.LastOutputLines);
        Assert.AreNotEqual(image.SuspendEntry, snapshot, "the clock is in the snapshot's key");
        Assert.AreEqual("2025-01-01", lines.Single());
    }

    [TestMethod]
    public async Task A_declared_output_is_collected_into_the_output_folder_with_its_bytes_and_a_missing_one_is_a_warning()
    {
        var project = NewProject();
        var input = RandomNumberGenerator.GetBytes(4096);
        await File.WriteAllBytesAsync(Path.Combine(project, "input.bin"), input);
        var outputs = TestPaths.NewScratchFolder("stage-outputs");
        var log = new RecordingLog();

        var run = await RunAsync(
            "mkdir -p 'out dir' && { cat input.bin; echo made-in-guest; } > 'out dir/result.bin'", project, ["out dir/result.bin", "never-made.txt"], outputs, log);

        Assert.AreEqual(0, run.Result.ExitCode, run.Result.LastOutputLines);
        var collected = Path.Combine(outputs, "out dir", "result.bin");
        CollectionAssert.AreEqual(new[] { collected }, run.Result.CollectedOutputs.ToArray());
        CollectionAssert.AreEqual(input.Concat("made-in-guest\n"u8.ToArray()).ToArray(), await File.ReadAllBytesAsync(collected));
        Assert.IsFalse(File.Exists(Path.Combine(project, "out dir", "result.bin")), "the command ran in the guest's copy of the project");
        CollectionAssert.Contains(log.Lines.ToList(), $"warning {ErrorCodes.OutputNotProduced}: winvmbuild: the declared output never-made.txt was not produced");
    }

    [TestMethod]
    public async Task The_project_arrives_whole_with_folders_long_names_and_links_as_it_is_now_and_the_login_shell_stays_in_it()
    {
        var image = await TestGuestImage.SharedAsync();
        var project = NewProject();
        var content = $"written at {DateTime.UtcNow:O}, {Guid.NewGuid():N}";
        var deep = Directory.CreateDirectory(Path.Combine(project, "src", new string('d', 120), "nested")).FullName;
        await File.WriteAllTextAsync(Path.Combine(deep, "version.txt"), content + "\n");
        File.CreateSymbolicLink(Path.Combine(project, "version-link"), Path.Combine("src", new string('d', 120), "nested", "version.txt"));
        Assert.IsTrue(File.GetLastWriteTimeUtc(Path.Combine(deep, "version.txt")) > Directory.GetLastWriteTimeUtc(image.SuspendEntry));

        // Like Cygwin's, the test guest's login shell changes to the home folder unless CHERE_INVOKING says stay.
        var run = await RunAsync("cat version-link && test -L version-link && pwd && env -u CHERE_INVOKING sh -lc pwd", project);

        Assert.AreEqual(0, run.Result.ExitCode, run.Result.LastOutputLines);
        CollectionAssert.AreEqual(new[] { content, "/tmp/winvmbuild/project", "/root" }, run.Lines.ToArray());
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
    public async Task A_share_is_mounted_over_smb3_and_what_the_guest_writes_there_reaches_the_host()
    {
        var shared = TestPaths.NewScratchFolder("stage-share");
        await File.WriteAllTextAsync(Path.Combine(shared, "from-host.txt"), "host data\n");
        var request = new SharedFolder("tools", shared, readOnly: false);

        var run = await RunAsync(
            "cat /mnt/tools/from-host.txt && echo guest data > /mnt/tools/from-guest.txt && grep -o 'vers=3.0' /proc/mounts | head -n 1",
            shares: [request]);

        Assert.AreEqual(0, run.Result.ExitCode, run.Result.LastOutputLines);
        CollectionAssert.AreEqual(new[] { "host data", "vers=3.0" }, run.Lines.ToArray());
        Assert.AreEqual("guest data\n", await File.ReadAllTextAsync(Path.Combine(shared, "from-guest.txt")));
    }

    [TestMethod]
    public async Task Two_runs_from_one_snapshot_at_once_both_succeed_with_their_own_output()
    {
        var shared = TestPaths.NewScratchFolder("stage-two-shares");
        var runs = await Task.WhenAll(
            RunAsync("echo run one; exit 3"),
            RunAsync("echo run two > /mnt/both/two.txt; echo run two", shares: [new SharedFolder("both", shared, readOnly: false)]));

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
        var shares = new[] { new SharedFolder("tools", TestPaths.NewScratchFolder("stage-cancel-share"), readOnly: false) };
        var request = new RunRequest("ls /mnt/tools; echo started; sleep 600", NewProject(), shares, [], TestPaths.NewScratchFolder("stage-cancel"));

        IReadOnlyList<string> running = [];

        await Assert.ThrowsAsync<OperationCanceledException>(() => RunStage.RunAsync(
            image.Environment with { Log = log }, image.Guest, image.Media, image.SuspendEntry, request, RunTimeout,
            line =>
            {
                if (line == "started")
                {
                    running = HostProcesses.OfSession(log.SessionFolders.Single()).Select(HostProcesses.ProgramName).ToList();
                    cancellation.Cancel();
                }
            },
            cancellation.Token));

        var session = log.SessionFolders.Single();
        Assert.IsTrue(running.Any(name => name.StartsWith("qemu-system", StringComparison.Ordinal)), $"QEMU runs as the work of {session}: {string.Join(", ", running)}");
        Assert.IsTrue(running.Any(name => name.StartsWith("smbd", StringComparison.Ordinal)), $"the smbd of the mounted share runs as the work of {session}: {string.Join(", ", running)}");
        Assert.IsEmpty(HostProcesses.OfSession(session), $"a process (QEMU, smbd) still uses {session}");
        Assert.IsFalse(Directory.Exists(session), $"{session} is left behind");
    }

    [TestMethod]
    [TestCategory("Faults")]
    public async Task A_guest_whose_QEMU_dies_in_the_middle_of_a_command_is_WVB0356_with_its_console_and_leaves_nothing()
    {
        var image = await TestGuestImage.SharedAsync();
        var log = new RecordingLog();
        var request = new RunRequest("echo started; sleep 600", NewProject(), [], [], TestPaths.NewScratchFolder("stage-qemu-killed"));

        var error = await Assert.ThrowsExactlyAsync<WinVmException>(() => RunStage.RunAsync(
            image.Environment with { Log = log }, image.Guest, image.Media, image.SuspendEntry, request, RunTimeout,
            line =>
            {
                if (line == "started")
                {
                    foreach (var pid in HostProcesses.OfSession(log.SessionFolders.Single()))
                    {
                        using var process = System.Diagnostics.Process.GetProcessById(pid);
                        process.Kill();
                    }
                }
            },
            CancellationToken.None));

        Assert.AreEqual(ErrorCodes.GuestStopped, error.Code, error.Message);
        StringAssert.Contains(error.Message, "while a command ran");
        StringAssert.Contains(error.Message, "Last console lines");
        FaultReport.Record(
            "QEMU killed while the guest runs the command", $"{error.Code}, with the console's last lines",
            await Leftovers.MeasureAsync(TimeSpan.Zero, caches: [image.Environment.Cache.Root]));
    }

    [TestMethod]
    public async Task A_snapshot_whose_ram_file_was_modified_is_never_revived()
    {
        var image = await TestGuestImage.SharedAsync();
        var copy = await CopySnapshotAsync(image, "modified-ram");
        await using (var ram = new FileStream(Path.Combine(copy, SuspendStage.MemoryFile), FileMode.Open, FileAccess.Write))
        {
            ram.Position = 1 << 20;
            ram.WriteByte(0x5A);
        }

        var log = new RecordingLog();
        var error = await Assert.ThrowsExactlyAsync<WinVmException>(() => RunStage.RunAsync(
            image.Environment with { Log = log }, image.Guest, image.Media, copy, Request("echo never"), RunTimeout, _ => { }, CancellationToken.None));

        Assert.AreEqual(ErrorCodes.CacheEntryDamaged, error.Code);
        StringAssert.Contains(error.Message, $"'{SuspendStage.MemoryFile}' was modified");
        Assert.IsFalse(log.StartedQemu, "no VM is started from a damaged snapshot");
    }

    [TestMethod]
    public async Task A_guest_with_another_host_key_than_the_recorded_one_is_refused_and_leaves_no_process()
    {
        var image = await TestGuestImage.SharedAsync();
        var copy = await CopySnapshotAsync(image, "other-host-key");
        await new HostKeyPin("ssh-ed25519 SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").WriteAsync(copy, CancellationToken.None);
        await CacheManifest.WriteAsync(copy, CancellationToken.None);
        var log = new RecordingLog();

        var error = await Assert.ThrowsExactlyAsync<WinVmException>(() => RunStage.RunAsync(
            image.Environment with { Log = log }, image.Guest, image.Media, copy, Request("echo never"), RunTimeout, _ => { }, CancellationToken.None));

        Assert.AreEqual(ErrorCodes.HostKeyMismatch, error.Code);
        var session = log.SessionFolders.Single();
        Assert.IsEmpty(HostProcesses.OfSession(session), $"a process still uses {session}");
    }

    [TestMethod]
    public async Task Shares_without_smbd_are_WVB0357_before_any_VM_starts()
    {
        var image = await TestGuestImage.SharedAsync();
        var log = new RecordingLog();
        var request = Request("echo never") with { Shares = [new SharedFolder("tools", TestPaths.NewScratchFolder("no-smbd"), readOnly: false)] };

        var error = await Assert.ThrowsExactlyAsync<WinVmException>(() => RunStage.RunAsync(
            image.Environment with { Log = log, Smbd = "/nonexistent/smbd" }, image.Guest, image.Media, image.SuspendEntry, request,
            RunTimeout, _ => { }, CancellationToken.None));

        Assert.AreEqual(ErrorCodes.ShareServerFailed, error.Code);
        Assert.IsFalse(log.StartedQemu);
        Assert.IsFalse(Directory.Exists(log.SessionFolders.Single()));
    }

    [TestMethod]
    public async Task An_smbd_that_fails_to_serve_is_WVB0357_with_the_guests_words_and_leaves_no_process()
    {
        var image = await TestGuestImage.SharedAsync();
        var log = new RecordingLog();
        var request = Request("echo never") with { Shares = [new SharedFolder("tools", TestPaths.NewScratchFolder("failing-smbd"), readOnly: false)] };

        var error = await Assert.ThrowsExactlyAsync<WinVmException>(() => RunStage.RunAsync(
            image.Environment with { Log = log, Smbd = "/bin/false" }, image.Guest, image.Media, image.SuspendEntry, request,
            RunTimeout, _ => { }, CancellationToken.None));

        Assert.AreEqual(ErrorCodes.ShareServerFailed, error.Code);
        StringAssert.Contains(error.Message, "could not mount the share tools");
        var session = log.SessionFolders.Single();
        Assert.IsEmpty(HostProcesses.OfSession(session), $"a process still uses {session}");
    }

    private static async Task<(RunResult Result, ConcurrentQueue<string> Lines)> RunAsync(
        string command, string? project = null, IReadOnlyList<string>? outputs = null, string? outputFolder = null, RecordingLog? log = null,
        IReadOnlyList<SharedFolder>? shares = null)
    {
        var image = await TestGuestImage.SharedAsync();
        var lines = new ConcurrentQueue<string>();
        var request = new RunRequest(command, project ?? NewProject(), shares ?? [], outputs ?? [], outputFolder ?? TestPaths.NewScratchFolder("stage-outputs"));
        var environment = log is null ? image.Environment : image.Environment with { Log = log };
        var result = await RunStage.RunAsync(environment, image.Guest, image.Media, image.SuspendEntry, request, RunTimeout, lines.Enqueue, CancellationToken.None);
        return (result, lines);
    }

    private static RunRequest Request(string command) => new(command, NewProject(), [], [], TestPaths.NewScratchFolder("stage-outputs"));

    /// <summary>A copy of the shared snapshot beside it (its disk's backing path is relative), holes kept.</summary>
    private static async Task<string> CopySnapshotAsync(TestGuestImage image, string name)
    {
        var copy = Path.Combine(Path.GetDirectoryName(image.SuspendEntry)!, $"{name}-{Guid.NewGuid():N}");
        await ProcessRunner.RunCheckedAsync(new ProcessSpec("cp", ["-a", "--sparse=always", image.SuspendEntry, copy]), CancellationToken.None);
        return copy;
    }

    private static string NewProject() => TestPaths.NewScratchFolder("stage-project");
}
