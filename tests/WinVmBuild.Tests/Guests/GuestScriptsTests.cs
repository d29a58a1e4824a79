using WinVmBuild.Diagnostics;
using WinVmBuild.Guests;
using WinVmBuild.Guests.TestGuest;
using WinVmBuild.Guests.Windows;
using WinVmBuild.Host;
using WinVmBuild.Network;
using WinVmBuild.Tests.Host;

namespace WinVmBuild.Tests.Guests;

[TestClass]
[RequiresHostPackages]
public sealed class GuestScriptsTests
{
    private static readonly GuestShell[] Shells = [TestGuestProfile.CifsShell, WindowsGuestProfile.CygwinShell];

    /// <summary>2025-12-04 00:00:00.001 UTC: a host time a millisecond past a whole second.</summary>
    private static readonly DateTimeOffset HostTime = DateTimeOffset.FromUnixTimeMilliseconds(1_764_806_400_001);

    [TestMethod]
    public async Task Hostile_commands_outputs_and_passwords_stay_literal_and_the_scripts_are_clean_sh()
    {
        var folder = TestPaths.NewScratchFolder("scripts");
        foreach (var hostile in ShellTexts.Hostile.Where(value => !value.Contains('\n')))
        {
            var build = GuestScripts.Build(
                TestGuestProfile.CifsShell, [new SharedFolder("tools", folder, readOnly: true)], new SambaAccount("builder", hostile), "ready",
                $"printf '%s{ShellTexts.End}' {ShellQuote.Literal(hostile)}", HostTime);

            await ShellTexts.AssertShellcheckCleanAsync(build, "build.sh", severity: "warning");
            await ShellTexts.AssertShellcheckCleanAsync(GuestScripts.Collect([$"out/{hostile}"]), "collect.sh", severity: "warning");
            Assert.AreEqual(
                hostile,
                await ShellTexts.SourceAndPrintAsync(build.Split('\n').Single(line => line.StartsWith("share_password=", StringComparison.Ordinal)), "share_password"));
            var commandLine = build.Split('\n').Single(line => line.StartsWith("CHERE_INVOKING=1 sh -lc ", StringComparison.Ordinal));
            var ran = await ProcessRunner.RunCheckedAsync(new ProcessSpec("busybox", ["sh", "-c", commandLine]), CancellationToken.None);
            Assert.AreEqual(hostile, ShellTexts.Printed(ran));
        }
    }

    [TestMethod]
    public async Task With_plain_values_every_script_of_every_guest_is_clean_at_every_shellcheck_severity()
    {
        var folder = TestPaths.NewScratchFolder("scripts-plain");
        foreach (var shell in Shells)
        {
            await ShellTexts.AssertShellcheckCleanAsync(
                GuestScripts.Build(shell, [new SharedFolder("tools", folder, readOnly: true)], new SambaAccount("builder", "secret"), "ready", "make", HostTime), "build.sh");
        }

        await ShellTexts.AssertShellcheckCleanAsync(GuestScripts.Collect(["bin/a.exe", "out"]), "collect.sh");
        foreach (var shell in Shells)
        {
            await ShellTexts.AssertShellcheckCleanAsync(GuestScripts.Provision(shell, "provision", "ready", "bash ./10-tools.sh"), "provision.sh");
        }
    }

    [TestMethod]
    public async Task Over_a_projects_snapshot_the_deleted_paths_go_first_each_literal_then_what_changed_is_unpacked_in_place()
    {
        string[] deleted = ["-rf", "a b/c", .. ShellTexts.Hostile.Where(value => !value.Contains('\n'))];

        var build = GuestScripts.Build(TestGuestProfile.CifsShell, [], null, "ready", "make", HostTime, deleted);

        await ShellTexts.AssertShellcheckCleanAsync(build, "build-delta.sh", severity: "warning");
        await ShellTexts.AssertShellcheckCleanAsync(GuestScripts.ReceiveProject(keepTimes: true), "receive.sh");
        Assert.DoesNotContain("rm -rf '/tmp/winvmbuild/project'", build, "the snapshot's copy is kept");
        StringAssert.Contains(build, "cd '/tmp/winvmbuild/project' || fail");
        var removals = build.Split('\n').Where(line => line.StartsWith("rm -rf -- ", StringComparison.Ordinal)).ToList();
        var words = await ProcessRunner.RunCheckedAsync(
            new ProcessSpec("busybox", ["sh", "-c", string.Join('\n', removals.Select(line => "printf '%s\\0' " + line["rm -rf -- ".Length..^" || fail \"could not delete what the project no longer has\"".Length]))]),
            CancellationToken.None);
        CollectionAssert.AreEqual(deleted, words.StandardOutput.Split('\0')[..^1]);
        Assert.IsLessThan(build.IndexOf("tar -x -f -", StringComparison.Ordinal), build.IndexOf("rm -rf -- ", StringComparison.Ordinal));
    }

    [TestMethod]
    public void A_provisioning_step_runs_in_its_folder_and_its_files_leave_the_image_with_its_exit_status_kept()
    {
        var script = GuestScripts.Provision(WindowsGuestProfile.CygwinShell, "provision/win", "ready", "cmd.exe /c '10-tools.cmd'");

        StringAssert.Contains(script, "cd '/tmp/winvmbuild/provision/provision/win' || exit 1\necho 'ready'\n");
        StringAssert.EndsWith(script, "status=$?\ncd / && rm -rf '/tmp/winvmbuild/provision'\nexit \"$status\"\n");
    }

    [TestMethod]
    public void Shares_are_mounted_when_there_are_some_then_the_command_runs_in_the_project()
    {
        var folder = TestPaths.NewScratchFolder("scripts-shares");
        var alone = GuestScripts.Build(TestGuestProfile.CifsShell, [], null, "ready-1", "make", HostTime);
        var withShares = GuestScripts.Build(
            TestGuestProfile.CifsShell,
            [new SharedFolder("src", folder, readOnly: true), new SharedFolder("tools", folder, readOnly: true)],
            new SambaAccount("builder", "secret"),
            "ready-2",
            "make",
            HostTime);

        Assert.DoesNotContain("mount", alone);
        StringAssert.EndsWith(alone, "cd '/tmp/winvmbuild/project' || exit 1\necho 'ready-1'\nCHERE_INVOKING=1 sh -lc 'make' < /dev/null\n");
        StringAssert.Contains(withShares, "mount -t cifs \"//192.168.0.2/$1\"");
        StringAssert.Contains(withShares, $"exit {GuestScripts.ShareNotMounted}");
        StringAssert.Contains(withShares, "mount_share 'src'\nmount_share 'tools'\ncd ");
    }

    [TestMethod]
    public void With_the_hosts_clock_the_guest_is_set_to_the_host_time_rounded_up_first_and_files_keep_their_host_times()
    {
        var build = GuestScripts.Build(TestGuestProfile.CifsShell, [], null, "ready", "make", HostTime);

        StringAssert.StartsWith(build.Split('\n')[1], "date -u -s @1764806401 > /dev/null 2>&1 || echo ");
        StringAssert.Contains(build, GuestScripts.ClockNotSet);
        StringAssert.Contains(build, "tar -x -f - -C '/tmp/winvmbuild/project'");
    }

    [TestMethod]
    public void With_a_fixed_clock_the_guests_clock_is_left_and_files_get_the_guests_times()
    {
        var build = GuestScripts.Build(TestGuestProfile.CifsShell, [], null, "ready", "make", hostTime: null);

        Assert.DoesNotContain("date ", build);
        StringAssert.Contains(build, "tar -x -m -f - -C '/tmp/winvmbuild/project'");
    }

    [TestMethod]
    public void In_windows_shares_are_connected_with_net_use_and_the_login_shell_stays_in_the_project()
    {
        var folder = TestPaths.NewScratchFolder("scripts-windows");
        var build = GuestScripts.Build(
            WindowsGuestProfile.CygwinShell, [new SharedFolder("src", folder, readOnly: true)], new SambaAccount("builder", "secret"), "ready", "make check", HostTime);

        StringAssert.Contains(build, "net use \"\\\\\\\\192.168.0.2\\\\$1\" \"$share_password\" \"/user:$share_user\" /persistent:no");
        StringAssert.Contains(build, "mount -o binary,noacl \"//192.168.0.2/$1\" \"/mnt/$1\"");
        StringAssert.EndsWith(build, "\nCHERE_INVOKING=1 bash -lc 'make check' < /dev/null\n");
    }

    [TestMethod]
    public void Outputs_outside_the_project_are_refused()
    {
        foreach (var output in new[] { "/etc/passwd", "../secret", "a/../../b", "", "C:/Windows/out.txt", "..\\x" })
        {
            Assert.AreEqual(ErrorCodes.OutputPathOutsideProject, Assert.ThrowsExactly<WinVmException>(() => GuestScripts.Collect([output])).Code, output);
        }
    }
}
