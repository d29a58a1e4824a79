using WinVmBuild.Guests;
using WinVmBuild.Guests.Windows;
using WinVmBuild.Host;
using WinVmBuild.Tests.Host;

namespace WinVmBuild.Tests.Guests;

/// <summary>
/// The setup command a quiet Windows runs before its snapshot: golden files, shellcheck, and runs under bash with
/// Windows' commands replaced by stubs, so its own logic (the bounded wait, the checks) runs for real.
/// </summary>
[TestClass]
[RequiresHostPackages]
public sealed class SettleScriptTests
{
    [TestMethod]
    [DataRow("xp", "settle-xp.sh")]
    [DataRow("10", "settle-10.sh")]
    public void The_suspend_setup_script_of_a_quiet_windows_matches_its_golden_file(string version, string golden) =>
        GoldenFiles.AssertMatches(golden, Profile(WindowsVersionTraits.Names[version], quiet: true).SuspendSetupScript);

    [TestMethod]
    public void A_windows_kept_as_it_is_only_syncs_before_its_snapshot()
    {
        Assert.AreEqual("sync\n", Profile(WindowsVersion.Windows10, quiet: false).SuspendSetupScript);
    }

    [TestMethod]
    public async Task Every_versions_script_parses_with_bash_and_passes_shellcheck()
    {
        foreach (var (name, version) in WindowsVersionTraits.Names)
        {
            var script = SettleScript.Create(version);
            await ShellTexts.AssertShellcheckCleanAsync(script, $"settle-{name}.sh", shell: "bash");
            var file = Path.Combine(TestPaths.NewScratchFolder("settle-parse"), "settle.sh");
            await File.WriteAllTextAsync(file, script);
            await ProcessRunner.RunCheckedAsync(new ProcessSpec("bash", ["-n", file]), CancellationToken.None);
        }
    }

    [TestMethod]
    public async Task It_runs_the_queued_native_images_waits_for_servicing_to_end_then_names_what_is_not_quiet()
    {
        var run = await RunAsync(busyCalls: 2, hibernating: false, bound: null);

        Assert.AreEqual(0, run.ExitCode, run.Output);
        CollectionAssert.AreEqual(new[] { "ngen executeQueuedItems /nologo /silent" }, run.NgenCalls, "the .NET 2.0 and later queues, not 1.1's");
        CollectionAssert.AreEqual(
            new[]
            {
                QuietReport.ProgressMarker + "running the queued native-image generation of " + run.Ngen,
                QuietReport.ProgressMarker + "waiting for TiWorker.exe TrustedInstaller.exe",
                QuietReport.ProgressMarker + "waiting for TiWorker.exe TrustedInstaller.exe",
                QuietReport.NotQuietMarker + "Microsoft Defender Antivirus: stub",
                QuietReport.NotQuietMarker + "Update Orchestrator (the service UsoSvc has start type 0x2, not 0x4: disabled)",
                QuietReport.NotQuietMarker + "the High performance power plan is not active",
            },
            run.Lines,
            run.Output);
        StringAssert.Contains(run.DefenderScript, "Get-MpComputerStatus", "the Defender check ran the script it wrote");
    }

    [TestMethod]
    public async Task The_wait_is_bounded_and_what_still_runs_is_named()
    {
        var run = await RunAsync(busyCalls: int.MaxValue, hibernating: true, bound: 2);

        Assert.AreEqual(0, run.ExitCode, run.Output);
        CollectionAssert.Contains(
            run.Lines.ToList(),
            QuietReport.NotQuietMarker + $"Windows' servicing or native-image work, still running after {SettleScript.BoundMinutes} minutes: TiWorker.exe TrustedInstaller.exe",
            run.Output);
        CollectionAssert.Contains(run.Lines.ToList(), QuietReport.NotQuietMarker + @"hibernation (C:\hiberfil.sys is there)", run.Output);
    }

    private static WindowsGuestProfile Profile(WindowsVersion version, bool quiet) =>
        new("winvm", version, 2048, 2, Firmware.Bios) { QuietWindows = quiet };

    /// <summary>
    /// Runs Windows 10's script with stubs for Windows' commands: wuauserv disabled, UsoSvc automatic, DiagTrack absent;
    /// servicing busy for <paramref name="busyCalls"/> looks; the Balanced power plan; Defender's check printing one line.
    /// </summary>
    private static async Task<SettleRun> RunAsync(int busyCalls, bool hibernating, int? bound)
    {
        var scratch = TestPaths.NewScratchFolder("settle-run");
        var bin = Directory.CreateDirectory(Path.Combine(scratch, "bin")).FullName;
        var windir = Path.Combine(scratch, "windir");
        var calls = Path.Combine(scratch, "ngen-calls");
        var ngen = WriteStub(Directory.CreateDirectory(Path.Combine(windir, "Microsoft.NET", "Framework64", "v4.0.30319")).FullName, "ngen.exe", $"echo \"ngen $*\" >>{calls}");
        WriteStub(Directory.CreateDirectory(Path.Combine(windir, "Microsoft.NET", "Framework", "v1.1.4322")).FullName, "ngen.exe", $"echo \"ngen 1.1 $*\" >>{calls}");
        var hiberfil = Path.Combine(scratch, "hiberfil.sys");
        if (hibernating)
        {
            await File.WriteAllTextAsync(hiberfil, string.Empty);
        }

        var looks = Path.Combine(scratch, "looks");
        var defender = Path.Combine(scratch, "defender.ps1");
        var stubs = new Dictionary<string, string>
        {
            ["reg"] = """
                case "$2" in
                    *\\wuauserv) start=0x4 ;;
                    *\\UsoSvc) start=0x2 ;;
                    *\\DiagTrack) exit 1 ;;
                    *) start=0x4 ;;
                esac
                printf '\r\nHKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\x\r\n    Start    REG_DWORD    %s\r\n\r\n' "$start"
                """,
            ["tasklist"] = $"""
                echo . >>{looks}
                [ "$(wc -l <{looks})" -le {busyCalls} ] || exit 0
                printf '"TrustedInstaller.exe","1","Services","0","9 K"\r\n"svchost.exe","2","Services","0","9 K"\r\n"TiWorker.exe","3","Services","0","9 K"\r\n'
                """,
            ["powercfg"] = "echo 'Power Scheme GUID: 381b4222-f694-41f0-9685-ff5bb260df2e  (Balanced)'",
            ["powershell"] = $$"""
                cp "${@: -1}" {{defender}}
                printf '{{QuietReport.NotQuietMarker}}Microsoft Defender Antivirus: stub\r\n'
                """,
            ["cygpath"] = $"""
                case "$1" in
                    -W) echo {windir} ;;
                    -u) echo {hiberfil} ;;
                    *) echo "$2" ;;
                esac
                """,
            ["sleep"] = "exec /bin/sleep 0.2",
        };
        foreach (var (name, body) in stubs)
        {
            WriteStub(bin, name, body);
        }

        var script = SettleScript.Create(WindowsVersion.Windows10);
        if (bound is { } seconds)
        {
            script = script.Replace($"SECONDS + {SettleScript.BoundMinutes * 60}", $"SECONDS + {seconds}", StringComparison.Ordinal);
        }

        var scriptPath = Path.Combine(scratch, "settle.sh");
        await File.WriteAllTextAsync(scriptPath, script);
        var result = await ProcessRunner.RunAsync(
            new ProcessSpec("bash", [scriptPath]) { Environment = new Dictionary<string, string> { ["PATH"] = $"{bin}:/usr/bin:/bin" } },
            CancellationToken.None);
        return new SettleRun(
            result.ExitCode,
            result.StandardOutput,
            ngen,
            File.Exists(calls) ? await File.ReadAllLinesAsync(calls) : [],
            File.Exists(defender) ? await File.ReadAllTextAsync(defender) : string.Empty);
    }

    private static string WriteStub(string folder, string name, string body)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, "#!/bin/bash\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private sealed record SettleRun(int ExitCode, string Output, string Ngen, string[] NgenCalls, string DefenderScript)
    {
        public string[] Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')).ToArray();
    }
}
