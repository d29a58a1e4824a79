using WinVmBuild.Host;
using WinVmBuild.Media;
using WinVmBuild.Media.AnswerFiles;

namespace WinVmBuild.Tests.Media;

[TestClass]
public sealed class BootstrapScriptTests
{
    [TestMethod]
    public async Task The_script_parses_with_bash_and_passes_shellcheck()
    {
        var script = Path.Combine(TestPaths.NewScratchFolder("bootstrap"), CygwinCd.BootstrapFileName);
        await File.WriteAllTextAsync(script, BootstrapScript.Create(MediaTestInputs.Create(WindowsVersion.Windows11)));

        await ProcessRunner.RunCheckedAsync(new ProcessSpec("bash", ["-n", script]), CancellationToken.None);
        var lint = await ProcessRunner.RunAsync(new ProcessSpec("shellcheck", ["--shell=bash", script]) { DebianPackage = "shellcheck" }, CancellationToken.None);
        Assert.AreEqual(0, lint.ExitCode, lint.StandardOutput);
    }

    [TestMethod]
    public void The_script_authorizes_the_key_starts_sshd_waits_for_the_acknowledgement_and_powers_off()
    {
        var lines = BootstrapScript.Create(MediaTestInputs.Create(WindowsVersion.Windows10)).Split('\n');

        var key = Array.IndexOf(lines, MediaTestInputs.PublicKey);
        Assert.IsTrue(key > 0 && lines[key - 1].Contains(".ssh/authorized_keys", StringComparison.Ordinal), "the key is written to authorized_keys");
        var hostConfig = Array.FindIndex(lines, l => l.StartsWith($"ssh-host-config --yes --user cyg_server --pwd '{MediaTestInputs.SshdPassword}'", StringComparison.Ordinal));
        var start = Array.FindIndex(lines, l => l.StartsWith("cygrunsrv -S sshd", StringComparison.Ordinal));
        var wait = Array.FindIndex(lines, l => l.Contains(BootstrapScript.AcknowledgementFile, StringComparison.Ordinal));
        Assert.IsTrue(key < hostConfig && hostConfig < start && start < wait, "key, sshd set-up, sshd start, then the wait");
        Assert.IsTrue(lines.Any(l => l.Contains("shutdown.exe\" /s /t 0", StringComparison.Ordinal)));
        Assert.IsTrue(lines.Contains("trap power_off EXIT"));
    }

    [TestMethod]
    public async Task Run_by_bash_the_script_powers_off_once_the_acknowledgement_exists()
    {
        // Cygwin's commands replaced by stubs that record their calls: the script's own logic runs for real.
        var scratch = TestPaths.NewScratchFolder("bootstrap-run");
        var bin = Directory.CreateDirectory(Path.Combine(scratch, "bin")).FullName;
        var calls = Path.Combine(scratch, "calls");
        foreach (var stub in new[] { "ssh-host-config", "cygrunsrv", "shutdown.exe" })
        {
            var path = Path.Combine(bin, stub);
            await File.WriteAllTextAsync(path, $"#!/bin/bash\necho \"{stub} $*\" >>{calls}\n");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        await File.WriteAllTextAsync(Path.Combine(bin, "cygpath"), $"#!/bin/bash\necho {bin}\n");
        File.SetUnixFileMode(Path.Combine(bin, "cygpath"), UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var script = BootstrapScript.Create(MediaTestInputs.Create(WindowsVersion.Windows10))
            .Replace(BootstrapScript.LogFile, Path.Combine(scratch, "log"), StringComparison.Ordinal)
            .Replace(BootstrapScript.AcknowledgementFile, Path.Combine(scratch, "acknowledged"), StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(scratch, "acknowledged"), string.Empty);
        var scriptPath = Path.Combine(scratch, "bootstrap.sh");
        await File.WriteAllTextAsync(scriptPath, script);
        var home = Directory.CreateDirectory(Path.Combine(scratch, "home")).FullName;

        var result = await ProcessRunner.RunAsync(
            new ProcessSpec("bash", [scriptPath]) { Environment = new Dictionary<string, string> { ["HOME"] = home, ["PATH"] = $"{bin}:/usr/bin:/bin" } },
            CancellationToken.None);

        Assert.AreEqual(0, result.ExitCode, await File.ReadAllTextAsync(Path.Combine(scratch, "log")));
        Assert.AreEqual(MediaTestInputs.PublicKey + "\n", await File.ReadAllTextAsync(Path.Combine(home, ".ssh", "authorized_keys")));
        CollectionAssert.AreEqual(
            new[] { $"ssh-host-config --yes --user cyg_server --pwd {MediaTestInputs.SshdPassword}", "cygrunsrv -S sshd", "shutdown.exe /s /t 0" },
            await File.ReadAllLinesAsync(calls));
    }
}
