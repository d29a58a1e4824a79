using System.Text;
using WinVmBuild.Cygwin;

namespace WinVmBuild.Guests.Windows.AnswerFiles;

/// <summary>
/// winvmbuild.cmd, on the Cygwin CD: the one command every Windows answer file runs at the first logon (steps in
/// separate FirstLogonCommands may overlap). It makes Windows quiet (<see cref="QuietScript"/>, unless the project
/// keeps Windows as it is), installs Cygwin offline from the CD it is on, then runs the bootstrap script with a login
/// shell. When Cygwin's setup fails it says so on COM1, where the host reads it, and powers off: the install fails in
/// a minute, not at its timeout. Its only argument is the CD's drive letter.
/// </summary>
public static class InstallScript
{
    public const string FileName = "winvmbuild.cmd";

    public static string Create(AnswerFileInputs inputs)
    {
        // --no-verify: the CD's setup.ini carries no signature file. start /wait: setup is a GUI program, which
        // cmd.exe would otherwise not wait for. A login shell, so /etc/profile creates the user's home folder.
        var cygwin = CygwinSupport.For(inputs.Version);
        var root = cygwin.Architecture.Root();
        var flags = string.Concat(cygwin.SetupFlags.Select(flag => " " + flag));
        string[] quiet = inputs.QuietWindows
            ? [
                "rem Quiet Windows first (WinVmQuietWindows), so that Defender does not scan every file Cygwin's setup writes.",
                $@"call %1:\{QuietScript.FileName} > {QuietScript.LogFile} 2>&1",
            ]
            : [];
        string[] lines =
        [
            "@echo off",
            "rem WinVmBuild: install Cygwin from this CD, then run the bootstrap. %1 is this CD's drive letter.",
            .. quiet,
            $@"start /wait %1:\{cygwin.Architecture.SetupProgram()} --quiet-mode --local-install --local-package-dir %1:\ --root {root} --no-shortcuts --no-verify{flags} --packages {string.Join(',', inputs.Cygwin.PackageNames)}",
            "set status=%errorlevel%",
            $@"if not exist {root}\bin\bash.exe goto failed",
            $@"{root}\bin\bash.exe -l /cygdrive/%1/{BootstrapScript.FileName}",
            "exit /b",
            ":failed",
            $@"echo {Guests.InstallHandOff.FailureMarker}Cygwin's setup exited with %status% and installed no bash; see {root}\var\log\setup.log.full> COM1",
            "shutdown /s /t 0",
        ];
        return new StringBuilder().AppendJoin("\r\n", lines).Append("\r\n").ToString();
    }
}
