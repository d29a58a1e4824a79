using WinVmBuild.Controller;
using WinVmBuild.Diagnostics;

namespace WinVmBuild.Tests.Controller;

[TestClass]
public sealed class ControllerSessionTests
{
    [TestMethod]
    public async Task Prepare_writes_secrets_readable_by_the_owner_only_and_clears_an_earlier_result()
    {
        var folder = TestPaths.NewScratchFolder("session");
        var key = Path.Combine(folder, "id_test");
        await File.WriteAllTextAsync(key, "PRIVATE KEY\n");
        var session = new ControllerSession(Path.Combine(folder, "xchg"));
        Directory.CreateDirectory(Path.Combine(session.OutputFolder, "old"));
        await File.WriteAllTextAsync(Path.Combine(session.XchgFolder, "exitcode"), "3\n");
        var config = new ControllerConfig("root", new SambaAccount("winvmbuild", "secret"), [], TimeSpan.FromMinutes(1));

        await session.PrepareAsync(config, "echo hi\n", key, CancellationToken.None);

        foreach (var name in new[] { "controller.conf", "id_guest", "smb.conf", "command.sh" })
        {
            Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(session.XchgFolder, name)), name);
        }

        Assert.AreEqual("PRIVATE KEY\n", await File.ReadAllTextAsync(Path.Combine(session.XchgFolder, "id_guest")));
        Assert.AreEqual("echo hi\n", await File.ReadAllTextAsync(Path.Combine(session.XchgFolder, "command.sh")));
        Assert.AreEqual(new ControllerResult(null, null), session.ReadResult());
        Assert.IsFalse(Directory.Exists(session.OutputFolder));
    }

    [TestMethod]
    public async Task Follow_passes_lines_as_they_are_appended_and_the_last_line_without_newline()
    {
        var session = new ControllerSession(TestPaths.NewScratchFolder("follow"));
        var lines = new List<string>();
        var firstLineSeen = new TaskCompletionSource();
        var writerDone = new TaskCompletionSource();

        var following = session.FollowAsync(writerDone.Task, line =>
        {
            lines.Add(line);
            firstLineSeen.TrySetResult();
        }, CancellationToken.None);
        await File.AppendAllTextAsync(session.LogPath, "first\r\nsec");
        await firstLineSeen.Task.WaitAsync(TimeSpan.FromSeconds(10));
        CollectionAssert.AreEqual(new[] { "first" }, lines, "a line arrives while the writer still runs");
        await File.AppendAllTextAsync(session.LogPath, "ond ü\nlast");
        await File.WriteAllTextAsync(Path.Combine(session.XchgFolder, "exitcode"), "7\n");
        writerDone.SetResult();
        var result = await following;

        CollectionAssert.AreEqual(new[] { "first", "second ü", "last" }, lines);
        Assert.AreEqual(7, result.EnsureExitCode());
    }

    [TestMethod]
    public async Task A_guest_that_stops_while_the_controller_waits_is_reported()
    {
        var session = new ControllerSession(TestPaths.NewScratchFolder("guest-stopped")) { GuestStopGrace = TimeSpan.Zero };
        var controllerRunsOn = new TaskCompletionSource();

        var result = await session.FollowAsync(controllerRunsOn.Task, _ => { }, CancellationToken.None, guestExited: Task.CompletedTask);

        Assert.AreEqual(ErrorCodes.GuestStopped, Assert.ThrowsExactly<WinVmException>(() => result.EnsureExitCode()).Code);
    }

    [TestMethod]
    public async Task A_wait_for_the_controller_that_times_out_is_that_timeout_not_an_empty_result()
    {
        var session = new ControllerSession(TestPaths.NewScratchFolder("controller-timeout"));
        var neverExits = new TaskCompletionSource();

        await Assert.ThrowsExactlyAsync<TimeoutException>(() => session.FollowAsync(
            neverExits.Task.WaitAsync(TimeSpan.FromMilliseconds(50)), _ => { }, CancellationToken.None, guestExited: neverExits.Task));
    }

    [TestMethod]
    public void Each_way_of_ending_without_an_exit_code_has_its_own_code()
    {
        Assert.AreEqual(ErrorCodes.GuestUnreachable, Code(new ControllerResult(null, "no port 22 within 60 s: the guest at 192.168.0.1 did not start sshd")));
        Assert.AreEqual(ErrorCodes.ControllerFailed, Code(new ControllerResult(null, "smbd did not start")));
        Assert.AreEqual(ErrorCodes.ControllerNoResult, Code(new ControllerResult(null, null)));
        Assert.AreEqual(0, new ControllerResult(0, null).EnsureExitCode());
    }

    private static string Code(ControllerResult result) => Assert.ThrowsExactly<WinVmException>(() => result.EnsureExitCode()).Code;
}
