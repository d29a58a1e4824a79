using System.Text;
using WinVmBuild.Guests.Windows.Quiet;
using WinVmBuild.Host;

namespace WinVmBuild.Guests.Windows;

/// <summary>
/// The setup command a quiet Windows runs over SSH before its memory snapshot, in Cygwin's bash. It runs the .NET
/// native-image generation queued since the install (rgl/windows-vagrant's optimize.ps1 does the same), waits, bounded,
/// for Windows' servicing (TrustedInstaller, TiWorker) and native-image work (mscorsvw) to end, so that a revived build
/// gets the whole CPU; then it checks each of the version's <see cref="QuietSteps"/> and prints a
/// <see cref="QuietReport.NotQuietMarker"/> line for each that is not in effect. Nothing here fails the command: a
/// snapshot of a busy Windows still works, and the suspend stage warns (WVB0413). It ends with sync, as the plain
/// setup command does.
/// </summary>
public static class SettleScript
{
    /// <summary>
    /// How long the native-image generation and the wait may take together, in minutes: within the default suspend
    /// timeout (WinVmSuspendTimeout, 20 minutes), with room for the boot before it.
    /// </summary>
    public const int BoundMinutes = 10;

    public static string Create(WindowsVersion version)
    {
        var lines = new List<string>
        {
            $"# WinVmBuild: let Windows {version.SettingName()} settle before its memory snapshot, then say which quiet steps are not in effect.",
            $"not_quiet() {{ echo \"{QuietReport.NotQuietMarker}$*\"; }}",
            $"settling() {{ echo \"{QuietReport.ProgressMarker}$*\"; }}",
            "",
            "# A service is off when its Start value is 4 (disabled), or when this Windows has no such service.",
            "check_service() {",
            "    start=$(reg query \"HKLM\\\\SYSTEM\\\\CurrentControlSet\\\\Services\\\\$1\" /v Start 2>/dev/null | tr -d '\\r' | awk '$1 == \"Start\" { print $3 }')",
            "    [ -z \"$start\" ] || [ \"$start\" = 0x4 ] || not_quiet \"$2 (the service $1 has start type $start, not 0x4: disabled)\"",
            "}",
            "",
            "# Windows' servicing and native-image work, by image name.",
            "busy() {",
            "    tasklist /fo csv /nh 2>/dev/null | tr -d '\\r' | grep -i -o -E '^\"(TiWorker|TrustedInstaller|mscorsvw)\\.exe\"' | tr -d '\"' | /usr/bin/sort -u | paste -s -d ' ' -",
            "}",
            "",
            $"# The queued native images, then the wait, within {BoundMinutes} minutes. /usr/bin's sort and timeout: System32 has namesakes.",
            $"deadline=$((SECONDS + {BoundMinutes * 60}))",
            "for ngen in \"$(cygpath -W)\"/Microsoft.NET/Framework*/v[2-9]*/ngen.exe; do",
            "    if [ -f \"$ngen\" ] && [ \"$SECONDS\" -lt \"$deadline\" ]; then",
            "        settling \"running the queued native-image generation of $ngen\"",
            "        /usr/bin/timeout \"$((deadline - SECONDS))\" \"$ngen\" executeQueuedItems /nologo /silent >/dev/null 2>&1",
            "    fi",
            "done",
            "while working=$(busy) && [ -n \"$working\" ] && [ \"$SECONDS\" -lt \"$deadline\" ]; do",
            "    settling \"waiting for $working\"",
            "    sleep 15",
            "done",
            $"[ -z \"$working\" ] || not_quiet \"Windows' servicing or native-image work, still running after {BoundMinutes} minutes: $working\"",
        };
        foreach (var step in QuietSteps.For(version).Where(step => step.Services.Count > 0 || step.Checks.Count > 0))
        {
            lines.Add("");
            lines.Add("# " + step.Name);
            lines.AddRange(step.Services.Select(service => $"check_service {service} {ShellQuote.Literal(step.Name)}"));
            lines.AddRange(step.Checks);
        }

        lines.Add("");
        lines.Add("sync");
        return new StringBuilder().AppendJoin('\n', lines).Append('\n').ToString();
    }
}
