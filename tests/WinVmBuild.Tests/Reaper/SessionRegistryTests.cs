using WinVmBuild.Host;
using WinVmBuild.Reaper;

namespace WinVmBuild.Tests.Reaper;

/// <summary>
/// The registry and its reaper with real processes: a `sleep` marked as the session's work stands for the session's
/// QEMU, found the way the reaper finds QEMU and every process it starts, by the session's mark in its environment.
/// </summary>
[TestClass]
public sealed class SessionRegistryTests
{
    private static readonly TimeSpan Seconds10 = TimeSpan.FromSeconds(10);

    [TestMethod]
    public async Task A_live_session_is_left_alone_and_disposing_it_deletes_its_folder()
    {
        var registry = new SessionRegistry(TestPaths.NewScratchFolder("sessions"));
        var lease = registry.Register("run");
        await using var member = StartMember(lease.Folder);

        await new SessionRegistry(registry.Root).ReapDeadAsync(new RecordingLog(), CancellationToken.None);

        Assert.IsTrue(Directory.Exists(lease.Folder), "a live session's folder was reaped");
        Assert.IsTrue(HostProcesses.IsAlive(member.Id), "a live session's process was stopped");
        StringAssert.StartsWith(Path.GetFileName(lease.Folder), "run-");
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(lease.Folder));

        var watcher = lease.WatcherId;
        await member.DisposeAsync();
        await lease.DisposeAsync();
        Assert.IsFalse(Directory.Exists(lease.Folder));
        Assert.IsTrue(await HostProcesses.WaitUntilGoneAsync(watcher, Seconds10), "the watcher outlived its session");
    }

    [TestMethod]
    public async Task Reaping_stops_the_processes_of_a_dead_builds_session_deletes_its_folder_and_leaves_live_ones()
    {
        var registry = new SessionRegistry(TestPaths.NewScratchFolder("sessions"));
        var dead = Path.Combine(registry.Root, "suspend-0123456789ab");
        Directory.CreateDirectory(Path.Combine(dead, "guest"));
        await File.WriteAllTextAsync(Path.Combine(dead, "secret"), "a private key");
        await File.WriteAllTextAsync(Path.Combine(dead, SessionRegistry.LockFile), string.Empty); // its build is gone: nobody holds it
        await using var orphan = StartMember(Path.Combine(dead, "guest"));
        var log = new RecordingLog();

        await using (var live = registry.Register("run"))
        {
            await registry.ReapDeadAsync(log, CancellationToken.None);

            Assert.IsTrue(await HostProcesses.WaitUntilGoneAsync(orphan.Id, Seconds10), "the dead session's process still runs");
            Assert.IsFalse(Directory.Exists(dead), "the dead session's folder, with its secrets, is still there");
            StringAssert.Contains(log.Text, "reaped the session 'suspend-0123456789ab'");
            Assert.IsTrue(Directory.Exists(live.Folder), "a live session was reaped");
        }

        Assert.IsEmpty(Directory.GetFileSystemEntries(registry.Root));
    }

    [TestMethod]
    public async Task The_watcher_reaps_its_session_as_soon_as_the_process_holding_its_input_dies()
    {
        var folder = Path.Combine(TestPaths.NewScratchFolder("sessions"), "run-0123456789ab");
        Directory.CreateDirectory(folder);
        await using var member = StartMember(folder);
        var script = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot, "src", "WinVmBuild", "Reaper", "session-reaper.sh"));

        // `sleep 1` holds the watcher's input, as the build does, and dies: the watcher reaps without being told.
        var watched = await ProcessRunner.RunAsync(
            new ProcessSpec("sh", ["-c", "sleep 1 | sh -c \"$1\" session-reaper.sh --watch \"$2\"", "build", script, folder]),
            CancellationToken.None);

        Assert.AreEqual(0, watched.ExitCode, watched.StandardError);
        Assert.IsTrue(await HostProcesses.WaitUntilGoneAsync(member.Id, Seconds10), "the session's process outlived its build");
        Assert.IsFalse(Directory.Exists(folder));
    }

    [TestMethod]
    public async Task Reaping_stops_a_sessions_processes_that_left_its_folder_renamed_themselves_and_lost_their_parent()
    {
        var folder = Path.Combine(TestPaths.NewScratchFolder("sessions"), "run-0123456789ab");
        Directory.CreateDirectory(Path.Combine(folder, "guest"));
        var members = TestPaths.NewScratchFolder("session-members");
        var pids = Path.Combine(members, "pids");
        var renamed = Path.Combine(members, "smbd-notifyd");
        File.CreateSymbolicLink(renamed, "/bin/sleep");
        var outsider = RunningProcess.Start(new ProcessSpec("sleep", ["600"]) { WorkingDirectory = folder });
        await using (outsider)
        {
            // As smbd does, started by QEMU in the session's folder: into another folder, under another name, and on its
            // own once its parent (here the shell) is gone.
            await ProcessRunner.RunCheckedAsync(
                new ProcessSpec("sh", ["-c", "cd / && \"$1\" 600 > /dev/null 2>&1 & echo $! > \"$0\"", pids, renamed])
                {
                    Session = Path.Combine(folder, "guest"),
                },
                CancellationToken.None);
            var orphan = int.Parse((await File.ReadAllTextAsync(pids)).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.AreEqual("/", new DirectoryInfo($"/proc/{orphan}/cwd").LinkTarget);
            Assert.AreEqual("smbd-notifyd", HostProcesses.ProgramName(orphan));
            CollectionAssert.Contains(HostProcesses.OfSession(folder).ToList(), orphan);

            await SessionReaper.ReapAsync(folder, CancellationToken.None);

            Assert.IsTrue(await HostProcesses.WaitUntilGoneAsync(orphan, Seconds10), "the session's process that left its folder survived");
            Assert.IsTrue(HostProcesses.IsAlive(outsider.Id), "a process that only works in the session's folder, unmarked, is not the session's");
            Assert.IsFalse(Directory.Exists(folder));
        }
    }

    /// <summary>A process marked as the work of <paramref name="folder"/>'s session, as a session's QEMU is.</summary>
    private static RunningProcess StartMember(string folder) =>
        RunningProcess.Start(new ProcessSpec("sleep", ["600"]) { Session = folder });
}
