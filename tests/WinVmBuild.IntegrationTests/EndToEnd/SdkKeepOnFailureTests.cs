using WinVmBuild.Diagnostics;
using WinVmBuild.Host;

namespace WinVmBuild.IntegrationTests.EndToEnd;

/// <summary>
/// `WinVmKeepOnFailure`: a failed command's guest stays up after `dotnet build` has ended, the ssh command the build
/// prints logs in to a shell in the project's folder as the command left it (OpenSSH's own client, as a person runs
/// it), other builds leave the kept guest alone, and once the guest powers off its watcher ends the session at once,
/// long before `WinVmKeepMinutes` are up; a guest nobody powers off is stopped at that bound, not before.
/// </summary>
[TestClass]
[RequiresHostPackages]
[TestCategory("EndToEnd")]
public sealed class SdkKeepOnFailureTests
{
    private static readonly TimeSpan Kept = TimeSpan.FromMinutes(10);

    [TestMethod]
    public async Task A_failed_commands_guest_stays_up_for_the_printed_ssh_command_until_it_powers_off()
    {
        var project = await TestGuestProject.StandaloneAsync("keep-on-failure", "echo left-by-the-command > state.txt; exit 3", "kept");

        var build = await project.BuildAsync("-p:WinVmKeepOnFailure=true", $"-p:WinVmKeepMinutes={Kept.TotalMinutes}");
        var ended = DateTime.UtcNow;

        Assert.AreNotEqual(0, build.ExitCode, build.StandardOutput);
        StringAssert.Contains(build.StandardOutput, ErrorCodes.GuestCommandFailed);
        StringAssert.Contains(build.StandardOutput, ErrorCodes.GuestKept);
        var login = build.StandardOutput.Split('\n').Select(line => line.Trim()).Single(line => line.StartsWith("ssh -i ", StringComparison.Ordinal));
        Assert.HasCount(1, LiveSessions.Folders(), "the kept guest's session");

        // Another build's start reaps the sessions of dead builds: not this one, whose build is gone but whose time is not up.
        BuildAssert.Succeeded(await project.BuildAsync("-t:WinVmCheckSettings"));
        var shell = await ProcessRunner.RunAsync(
            new ProcessSpec("sh", ["-c", login]) { StandardInput = "pwd\ncat state.txt\nexit\n" }, CancellationToken.None);

        Assert.AreEqual(0, shell.ExitCode, $"{login}\n{shell.StandardOutput}{shell.StandardError}");
        Assert.AreEqual("/tmp/winvmbuild/project\nleft-by-the-command\n", shell.StandardOutput, shell.StandardError);
        await ProcessRunner.RunAsync(new ProcessSpec("sh", ["-c", login]) { StandardInput = "poweroff -f\n" }, CancellationToken.None);
        var left = await Leftovers.MeasureAsync(TimeSpan.FromSeconds(30), []);
        Assert.IsEmpty(left.Processes, string.Join('\n', left.Processes));
        Assert.IsEmpty(left.SessionFolders, string.Join('\n', left.SessionFolders));
        Assert.IsLessThan(Kept / 2, DateTime.UtcNow - ended, "the session ended with its guest, not at its bound");
    }

    [TestMethod]
    public async Task A_kept_guest_nobody_powers_off_is_stopped_at_its_bound_and_not_before()
    {
        var bound = TimeSpan.FromSeconds(15);
        var project = await TestGuestProject.StandaloneAsync("keep-bound", "exit 4", "kept");

        var build = await project.BuildAsync("-p:WinVmKeepOnFailure=true", FormattableString.Invariant($"-p:WinVmKeepMinutes={bound.TotalMinutes}"));
        var ended = DateTime.UtcNow;

        Assert.AreNotEqual(0, build.ExitCode, build.StandardOutput);
        StringAssert.Contains(build.StandardOutput, ErrorCodes.GuestKept);
        Assert.HasCount(1, LiveSessions.Folders(), "the kept guest's session");
        Assert.IsNotEmpty(LiveSessions.Processes(), "the kept guest's QEMU");
        var left = await Leftovers.MeasureAsync(bound + TimeSpan.FromSeconds(30), []);
        var stoppedAfter = DateTime.UtcNow - ended;

        Assert.IsEmpty(left.Processes, string.Join('\n', left.Processes));
        Assert.IsEmpty(left.SessionFolders, string.Join('\n', left.SessionFolders));
        // Its time is counted from when the build handed it over, a moment before the build ended.
        Assert.IsGreaterThan(bound - TimeSpan.FromSeconds(3), stoppedAfter, "the kept guest was stopped before its bound");
    }
}
