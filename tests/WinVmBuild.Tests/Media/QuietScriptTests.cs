using WinVmBuild.Guests.Windows;
using WinVmBuild.Guests.Windows.AnswerFiles;
using WinVmBuild.Guests.Windows.Quiet;

namespace WinVmBuild.Tests.Media;

/// <summary>
/// winvmbuild-quiet.cmd: each version gets the steps it has what they turn off for, and only those (a step for a
/// newer Windows costs nothing but noise; one missing leaves the snapshot busy), with only the tools it has.
/// </summary>
[TestClass]
public sealed class QuietScriptTests
{
    private const string All = "xp,2003,vista,7,8.1,10,11,server2016,server2019,server2022,server2025";
    private const string VistaOn = "vista,7,8.1,10,11,server2016,server2019,server2022,server2025";
    private const string From81 = "8.1,10,11,server2016,server2019,server2022,server2025";
    private const string Nt10 = "10,11,server2016,server2019,server2022,server2025";
    private const string Servers = "server2016,server2019,server2022,server2025";

    [TestMethod]
    [DataRow("xp", "quiet-xp.cmd")]
    [DataRow("7", "quiet-7.cmd")]
    [DataRow("10", "quiet-10.cmd")]
    [DataRow("11", "quiet-11.cmd")]
    [DataRow("server2022", "quiet-server2022.cmd")]
    public void The_quiet_script_matches_its_golden_file(string version, string golden) =>
        GoldenFiles.AssertMatches(golden, QuietScript.Create(WindowsVersionTraits.Names[version]));

    [TestMethod]
    [DataRow("Windows Defender", "vista,7")]
    [DataRow("Microsoft Defender Antivirus", From81)]
    [DataRow("Windows Update", All)]
    [DataRow("Update Orchestrator", Nt10)]
    [DataRow("Windows Update Medic", "10,11,server2019,server2022,server2025")]
    [DataRow("Automatic maintenance", From81)]
    [DataRow("Scheduled defragmentation", VistaOn)]
    [DataRow(".NET native-image generation tasks", From81)]
    [DataRow("Telemetry", Nt10)]
    [DataRow("SysMain (Superfetch)", VistaOn)]
    [DataRow("Windows Search indexing", VistaOn)]
    [DataRow("Program Compatibility Assistant", "vista,7,8.1,10,11,server2016,server2019,server2022")]
    [DataRow("High performance power plan", VistaOn)]
    [DataRow("Hibernation", All)]
    public void Each_step_is_there_exactly_for_the_versions_that_have_what_it_turns_off(string step, string versions)
    {
        var expected = versions.Split(',');
        foreach (var (name, version) in WindowsVersionTraits.Names)
        {
            Assert.AreEqual(expected.Contains(name), QuietSteps.For(version).Any(s => s.Name == step), $"{step} on {name}");
        }
    }

    [TestMethod]
    [DataRow("call :service WinDefend", "vista,7")]
    [DataRow("DisableAntiSpyware", "vista,7,8.1")]
    [DataRow(@"Real-Time Protection"" ""DisableRealtimeMonitoring"" REG_DWORD 1", "8.1,10,11")]
    [DataRow("Set-MpPreference -DisableRealtimeMonitoring $true", From81)]
    [DataRow("Uninstall-WindowsFeature", Servers)]
    [DataRow("powershell ", From81)]
    [DataRow("call :service WaaSMedicSvc", "10,11,server2019,server2022,server2025")]
    [DataRow(@"call :task ""\Microsoft\Windows\.NET Framework\.NET Framework NGEN v4.0.30319""", From81)]
    [DataRow("powercfg /setactive SCHEME_MIN", VistaOn)]
    [DataRow("powercfg /hibernate off", All)]
    [DataRow("call :service wuauserv", All)]
    public void Each_command_is_in_the_scripts_of_the_versions_it_applies_to_and_no_others(string command, string versions)
    {
        var expected = versions.Split(',');
        foreach (var (name, version) in WindowsVersionTraits.Names)
        {
            Assert.AreEqual(expected.Contains(name), QuietScript.Create(version).Contains(command, StringComparison.Ordinal), $"{command} on {name}");
        }
    }

    [TestMethod]
    public void Defender_excludes_the_cygwin_root_and_the_project_folder_by_policy_and_by_preference()
    {
        var ten = QuietScript.Create(WindowsVersion.Windows10);
        var server = QuietScript.Create(WindowsVersion.Server2022);

        StringAssert.Contains(ten, @"call :value ""HKLM\SOFTWARE\Policies\Microsoft\Windows Defender\Exclusions\Paths"" ""C:\cygwin64"" REG_SZ 0");
        StringAssert.Contains(ten, @"call :value ""HKLM\SOFTWARE\Policies\Microsoft\Windows Defender\Exclusions\Paths"" ""C:\cygwin64\tmp\winvmbuild"" REG_SZ 0");
        StringAssert.Contains(ten, @"call :value ""HKLM\SOFTWARE\Policies\Microsoft\Windows Defender\Exclusions"" ""Exclusions_Paths"" REG_DWORD 1");
        StringAssert.Contains(server, @"Add-MpPreference -ExclusionPath 'C:\cygwin64', 'C:\cygwin64\tmp\winvmbuild'");
        Assert.AreEqual(@"C:\cygwin\tmp\winvmbuild", QuietSteps.ProjectFolder(@"C:\cygwin"));
    }

    [TestMethod]
    public void PowerShell_commands_hold_nothing_cmd_exe_would_interpret()
    {
        foreach (var command in WindowsVersionTraits.Names.Values.SelectMany(QuietSteps.For).SelectMany(step => step.PowerShell))
        {
            Assert.IsFalse(command.Contains('"', StringComparison.Ordinal) || command.Contains('%', StringComparison.Ordinal), command);
        }
    }

    [TestMethod]
    public void Every_step_is_called_before_the_subroutines_and_every_line_ends_with_CRLF()
    {
        var text = QuietScript.Create(WindowsVersion.Windows11);
        var lines = text.Split("\r\n");

        Assert.IsFalse(text.Replace("\r\n", string.Empty, StringComparison.Ordinal).Contains('\n'));
        var end = Array.IndexOf(lines, "exit /b 0");
        Assert.IsTrue(end > 0 && end < Array.IndexOf(lines, ":value") && end < Array.IndexOf(lines, ":service") && end < Array.IndexOf(lines, ":task"));
        Assert.IsFalse(lines.Take(end).Any(line => line.StartsWith(':')), "no label before the steps end");
    }

    [TestMethod]
    public void Winvmbuild_cmd_makes_windows_quiet_before_cygwins_setup_and_not_at_all_when_kept_as_it_is()
    {
        var quiet = InstallScript.Create(MediaTestInputs.Create(WindowsVersion.Windows10)).Split("\r\n");
        var kept = InstallScript.Create(MediaTestInputs.Create(WindowsVersion.Windows10) with { QuietWindows = false });

        var call = Array.IndexOf(quiet, @"call %1:\winvmbuild-quiet.cmd > C:\winvmbuild-quiet.log 2>&1");
        var setup = Array.FindIndex(quiet, line => line.StartsWith("start /wait ", StringComparison.Ordinal));
        Assert.IsTrue(call > 0 && call < setup, string.Join('\n', quiet));
        Assert.DoesNotContain(QuietScript.FileName, kept);
    }
}
