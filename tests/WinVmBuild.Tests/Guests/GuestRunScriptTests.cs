using WinVmBuild.Controller;
using WinVmBuild.Diagnostics;
using WinVmBuild.Guests;
using WinVmBuild.Guests.TestGuest;
using WinVmBuild.Guests.Windows;
using WinVmBuild.Host;
using WinVmBuild.Tests.Controller;

namespace WinVmBuild.Tests.Guests;

[TestClass]
public sealed class GuestRunScriptTests
{
    [TestMethod]
    public async Task Hostile_commands_outputs_and_passwords_stay_literal_and_the_script_is_clean_sh()
    {
        var folder = TestPaths.NewScratchFolder("run-script");
        foreach (var hostile in ShellTexts.Hostile.Where(value => !value.Contains('\n')))
        {
            var request = new GuestRunRequest(
                $"printf '%s{ShellTexts.End}' {ShellQuote.Single(hostile)}",
                [$"out/{hostile}"],
                [new SharedFolder("project", folder, readOnly: true)],
                "project",
                new SambaAccount("winvmbuild", hostile));

            var script = GuestRunScript.Generate(request, TestGuestProfile.Shell);

            await ShellTexts.AssertShellcheckCleanAsync(script, "command.sh", severity: "warning");
            Assert.AreEqual(
                hostile,
                await ShellTexts.SourceAndPrintAsync(script.Split('\n').Single(line => line.StartsWith("share_password=", StringComparison.Ordinal)), "share_password"));
            var commandLine = script.Split('\n').Single(line => line.StartsWith("sh -c ", StringComparison.Ordinal));
            var ran = await ProcessRunner.RunCheckedAsync(new ProcessSpec("busybox", ["sh", "-c", commandLine]), CancellationToken.None);
            Assert.AreEqual(hostile, ShellTexts.Printed(ran));
        }
    }

    [TestMethod]
    public async Task With_plain_values_the_script_is_clean_at_every_shellcheck_severity()
    {
        foreach (var shell in new[] { TestGuestProfile.Shell, WindowsGuestProfile.Shell })
        {
            var script = GuestRunScript.Generate(new GuestRunRequest(
                "make", ["bin/a.exe"], [new SharedFolder("src", TestPaths.NewScratchFolder("plain"), readOnly: true)], "src",
                new SambaAccount("winvmbuild", "secret")), shell);

            await ShellTexts.AssertShellcheckCleanAsync(script, "command.sh");
        }
    }

    [TestMethod]
    public void Every_share_is_mounted_with_cifs_and_the_command_runs_in_a_copy_of_the_project()
    {
        var folder = TestPaths.NewScratchFolder("run-script-shares");
        var script = GuestRunScript.Generate(new GuestRunRequest(
            "make", ["bin/a.exe"], [new SharedFolder("src", folder, readOnly: true), new SharedFolder("tools", folder, readOnly: true)], "src",
            new SambaAccount("winvmbuild", "secret")), TestGuestProfile.Shell);

        StringAssert.Contains(script, "mount -t cifs \"//192.168.0.2/$1\"");
        StringAssert.Contains(script, "mount_share 'xchg'\nmount_share 'src'\nmount_share 'tools'\n");
        StringAssert.Contains(script, "cp -R '/mnt/src'/. \"$work\"");
        StringAssert.Contains(script, "cp -R 'bin/a.exe' \"/mnt/xchg/out/\"'bin/a.exe'");
        Assert.EndsWith("exit \"$status\"\n", script);
    }

    [TestMethod]
    public void Outputs_outside_the_project_are_refused()
    {
        var folder = TestPaths.NewScratchFolder("run-script-outputs");
        foreach (var output in new[] { "/etc/passwd", "../secret", "a/../../b", "", "C:/Windows/out.txt", "..\\x" })
        {
            var request = new GuestRunRequest("true", [output], [new SharedFolder("src", folder, readOnly: true)], "src", new SambaAccount("winvmbuild", "secret"));
            Assert.AreEqual(ErrorCodes.InvalidOutputPath, Assert.ThrowsExactly<WinVmException>(() => GuestRunScript.Generate(request, TestGuestProfile.Shell)).Code, output);
        }
    }

    [TestMethod]
    public void In_windows_every_share_is_connected_with_net_use_and_mounted_in_cygwin()
    {
        var folder = TestPaths.NewScratchFolder("run-script-windows");
        var script = GuestRunScript.Generate(new GuestRunRequest(
            "make check", ["bin/a.exe"], [new SharedFolder("src", folder, readOnly: true)], "src",
            new SambaAccount("winvmbuild", "secret")), WindowsGuestProfile.Shell);

        StringAssert.Contains(script, "net use \"\\\\\\\\192.168.0.2\\\\$1\" \"$share_password\" \"/user:$share_user\" /persistent:no");
        StringAssert.Contains(script, "mount -o binary,noacl \"//192.168.0.2/$1\" \"/mnt/$1\"");
        StringAssert.Contains(script, "cp -R '/mnt/src'/. \"$work\"");
        StringAssert.Contains(script, "bash -lc 'make check' < /dev/null");
        StringAssert.Contains(script, "cp -R 'bin/a.exe' \"/mnt/xchg/out/\"'bin/a.exe'");
    }
}
