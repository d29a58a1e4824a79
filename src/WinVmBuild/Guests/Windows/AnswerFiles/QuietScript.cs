using System.Text;
using WinVmBuild.Guests.Windows.Quiet;

namespace WinVmBuild.Guests.Windows.AnswerFiles;

/// <summary>
/// winvmbuild-quiet.cmd, on the Cygwin CD: the version's <see cref="QuietSteps"/>, which <see cref="InstallScript"/>
/// runs at the first logon before Cygwin's setup, so that Defender does not scan every file setup writes. Only what
/// every version of a step has: cmd.exe with reg, sc, schtasks and powercfg (XP and 2003 have no PowerShell, Vista none
/// by default, 7 one without the Defender module); PowerShell for the steps of 8.1 and later that need it. A step
/// whose service, task or feature is absent is skipped and one that fails is logged: nothing here stops the install.
/// </summary>
public static class QuietScript
{
    public const string FileName = "winvmbuild-quiet.cmd";

    /// <summary>Where the guest keeps what the script did (winvmbuild.cmd sends its output there).</summary>
    public const string LogFile = @"C:\winvmbuild-quiet.log";

    // Each subroutine says what it did; goto, not a parenthesized block, so that no name's characters can end one.
    private static readonly string[] Subroutines =
    [
        "exit /b 0",
        "",
        ":value",
        "rem %1: a registry key, %2: a value name (both quoted), %3: its type, %4: its data.",
        "reg add %1 /v %2 /t %3 /d %4 /f >nul 2>&1 && goto value_set",
        "echo   could not set %~2 in %~1",
        "exit /b 0",
        ":value_set",
        "echo   set %~2 to %4 in %~1",
        "exit /b 0",
        "",
        ":service",
        "rem %1: a service to stop and disable. sc refuses some (WaaSMedicSvc): then its Start value becomes 4, disabled.",
        "sc query %1 >nul 2>&1 || goto service_absent",
        "sc stop %1 >nul 2>&1",
        "sc config %1 start= disabled >nul 2>&1 && goto service_disabled",
        @"reg add HKLM\SYSTEM\CurrentControlSet\Services\%1 /v Start /t REG_DWORD /d 4 /f >nul 2>&1 && goto service_disabled",
        "echo   could not disable the service %1",
        "exit /b 0",
        ":service_absent",
        "echo   no service %1 here: skipped",
        "exit /b 0",
        ":service_disabled",
        "echo   disabled the service %1",
        "exit /b 0",
        "",
        ":task",
        "rem %1: a scheduled task's full path, quoted.",
        "schtasks /query /tn %1 >nul 2>&1 || goto task_absent",
        "schtasks /change /tn %1 /disable >nul 2>&1 && goto task_disabled",
        "echo   could not disable the task %~1",
        "exit /b 0",
        ":task_absent",
        "echo   no task %~1 here: skipped",
        "exit /b 0",
        ":task_disabled",
        "echo   disabled the task %~1",
        "exit /b 0",
    ];

    public static string Create(WindowsVersion version)
    {
        var lines = new List<string>
        {
            "@echo off",
            $"rem WinVmBuild: make Windows {version.SettingName()} quiet before its snapshot, as CI images are (docs/windows.md, \"A quiet Windows in the snapshot\").",
            $"rem What this Windows lacks is skipped, what fails is logged; winvmbuild.cmd keeps the log in {LogFile}.",
        };
        foreach (var step in QuietSteps.For(version))
        {
            lines.Add("echo " + step.Name);
            lines.AddRange(step.Values.Select(value => $"call :value \"{value.Key}\" \"{value.Name}\" {value.Type} {value.Data}"));
            lines.AddRange(step.Services.Select(service => "call :service " + service));
            lines.AddRange(step.Tasks.Select(task => $"call :task \"{task}\""));

            // No input: PowerShell would otherwise wait on the console's.
            lines.AddRange(step.PowerShell.Select(command => $"powershell -NoProfile -NonInteractive -ExecutionPolicy Bypass -Command \"{command}\" < nul"));
            lines.AddRange(step.Commands.Select(command => $"{command} || echo   failed: {command}"));
        }

        lines.AddRange(Subroutines);
        return new StringBuilder().AppendJoin("\r\n", lines).Append("\r\n").ToString();
    }
}
