using WinVmBuild.Guests;
using WinVmBuild.Guests.Windows;
using WinVmBuild.Guests.Windows.AnswerFiles;
using WinVmBuild.Host;

namespace WinVmBuild.Tests.Media;

[TestClass]
[RequiresHostPackages]
public sealed class BootstrapScriptTests
{
    [TestMethod]
    public async Task The_script_parses_with_bash_and_passes_shellcheck()
    {
        var script = Path.Combine(TestPaths.NewScratchFolder("bootstrap"), BootstrapScript.FileName);
        await File.WriteAllTextAsync(script, BootstrapScript.Create(MediaTestInputs.Create(WindowsVersion.Windows11)));

        await ProcessRunner.RunCheckedAsync(new ProcessSpec("bash", ["-n", script]), CancellationToken.None);
        var lint = await ProcessRunner.RunAsync(new ProcessSpec("shellcheck", ["--shell=bash", script]) { DebianPackage = "shellcheck" }, CancellationToken.None);
        Assert.AreEqual(0, lint.ExitCode, lint.StandardOutput);
    }

    [TestMethod]
    public void The_script_authorizes_the_key_sets_up_sshd_from_no_input_waits_for_the_acknowledgement_and_powers_off()
    {
        var lines = BootstrapScript.Create(MediaTestInputs.Create(WindowsVersion.Windows10)).Split('\n');

        var key = Array.IndexOf(lines, MediaTestInputs.PublicKey);
        Assert.IsTrue(key > 0 && lines[key - 1].Contains(".ssh/authorized_keys", StringComparison.Ordinal), "the key is written to authorized_keys");
        var hostConfig = Array.IndexOf(lines, $"ssh-host-config --yes --user cyg_server --pwd '{MediaTestInputs.SshdPassword}'");
        var start = Array.FindIndex(lines, l => l.StartsWith("cygrunsrv -S \"$service\"", StringComparison.Ordinal));
        var wait = Array.FindIndex(lines, l => l.Contains(BootstrapScript.AcknowledgementFile, StringComparison.Ordinal));
        Assert.IsTrue(key < hostConfig && hostConfig < start && start < wait, "key, sshd set-up, sshd start, then the wait");
        Assert.IsTrue(lines.Contains("exec >>/var/log/winvmbuild-bootstrap.log 2>&1 </dev/null"), "nothing waits on standard input");
        Assert.IsTrue(lines.Any(l => l.Contains("shutdown.exe\" /s /t 0", StringComparison.Ordinal)));
        Assert.IsTrue(lines.Contains("trap power_off EXIT"));
    }

    [TestMethod]
    [DataRow("cygsshd", 0, "current Cygwin names the service cygsshd")]
    [DataRow("sshd", 0, "old releases (XP, Vista) name it sshd")]
    [DataRow("cygsshd", 3, "ssh-host-config's exit status counts warnings, not failure")]
    public async Task Run_by_bash_it_starts_the_service_ssh_host_config_installed_and_powers_off_once_acknowledged(string service, int warnings, string why)
    {
        var run = await RunAsync(service, warnings, acknowledged: true);

        Assert.AreEqual(0, run.ExitCode, why + "\n" + run.Log);
        Assert.AreEqual(MediaTestInputs.PublicKey + "\n", await File.ReadAllTextAsync(Path.Combine(run.Home, ".ssh", "authorized_keys")));
        CollectionAssert.AreEqual(
            new[]
            {
                $"ssh-host-config --yes --user cyg_server --pwd {MediaTestInputs.SshdPassword}",
                "cygrunsrv -L", $"cygrunsrv -S {service}", $"cygrunsrv -Q {service}", "shutdown.exe /s /t 0",
            },
            run.Calls,
            why);
        Assert.AreEqual(string.Empty, run.Serial);
    }

    [TestMethod]
    public async Task Without_an_sshd_service_it_says_so_on_the_serial_port_and_powers_off()
    {
        var run = await RunAsync(service: null, warnings: 1, acknowledged: true);

        Assert.AreEqual(1, run.ExitCode);
        StringAssert.StartsWith(run.Serial, InstallHandOff.FailureMarker + "ssh-host-config installed no sshd service");
        Assert.AreEqual("shutdown.exe /s /t 0", run.Calls[^1]);
    }

    private static async Task<BootstrapRun> RunAsync(string? service, int warnings, bool acknowledged)
    {
        // Cygwin's commands replaced by stubs that record their calls: the script's own logic runs for real.
        var scratch = TestPaths.NewScratchFolder("bootstrap-run");
        var bin = Directory.CreateDirectory(Path.Combine(scratch, "bin")).FullName;
        var calls = Path.Combine(scratch, "calls");
        var stubs = new Dictionary<string, string>
        {
            ["ssh-host-config"] = $"exit {warnings}",
            ["cygrunsrv"] = service is null
                ? "true"
                : $"case $1 in -L) echo cygserver; echo {service} ;; -Q) echo 'Current State      : Running' ;; esac",
            ["shutdown.exe"] = "true",
            ["cygpath"] = $"echo {bin}; exit",
        };
        foreach (var (name, body) in stubs)
        {
            var path = Path.Combine(bin, name);
            await File.WriteAllTextAsync(path, $"#!/bin/bash\n[ {name} = cygpath ] || echo \"{name} $*\" >>{calls}\n{body}\n");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var serial = Path.Combine(scratch, "ttyS0");
        await File.WriteAllTextAsync(serial, string.Empty);
        var script = BootstrapScript.Create(MediaTestInputs.Create(WindowsVersion.Windows10))
            .Replace(BootstrapScript.LogFile, Path.Combine(scratch, "log"), StringComparison.Ordinal)
            .Replace(BootstrapScript.SerialPort, serial, StringComparison.Ordinal)
            .Replace("/etc/sshd_config", Path.Combine(scratch, "sshd_config"), StringComparison.Ordinal)
            .Replace(BootstrapScript.AcknowledgementFile, Path.Combine(scratch, "acknowledged"), StringComparison.Ordinal);
        if (acknowledged)
        {
            await File.WriteAllTextAsync(Path.Combine(scratch, "acknowledged"), string.Empty);
        }

        var scriptPath = Path.Combine(scratch, "bootstrap.sh");
        await File.WriteAllTextAsync(scriptPath, script);
        var home = Directory.CreateDirectory(Path.Combine(scratch, "home")).FullName;

        var result = await ProcessRunner.RunAsync(
            new ProcessSpec("bash", [scriptPath]) { Environment = new Dictionary<string, string> { ["HOME"] = home, ["PATH"] = $"{bin}:/usr/bin:/bin" } },
            CancellationToken.None);
        return new BootstrapRun(
            result.ExitCode,
            home,
            File.Exists(calls) ? await File.ReadAllLinesAsync(calls) : [],
            await File.ReadAllTextAsync(serial),
            await File.ReadAllTextAsync(Path.Combine(scratch, "log")));
    }

    private sealed record BootstrapRun(int ExitCode, string Home, string[] Calls, string Serial, string Log);
}
