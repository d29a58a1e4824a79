using WinVmBuild.Cygwin;
using WinVmBuild.Host;

namespace WinVmBuild.Guests.Windows.Quiet;

/// <summary>
/// What a quiet, CI-grade Windows has turned off before its memory snapshot, per version: the background work a fresh
/// Windows spends its first hours on (Windows Update, Defender scans, maintenance, native-image generation), which a
/// snapshot would otherwise freeze into every revive, and Defender's real-time scanning, which slows Cygwin builds
/// several times. The steps follow GitHub's runner images (actions/runner-images, images/windows/scripts/build:
/// Configure-WindowsDefender.ps1, Configure-System.ps1, Configure-BaseImage.ps1) and rgl/windows-vagrant
/// (disable-windows-defender.ps1, disable-windows-updates.ps1, provision.ps1); docs/windows.md has the table of steps
/// and versions with the source of each fact. Each step is here only for the versions that have what it turns off.
/// </summary>
public static class QuietSteps
{
    /// <summary>The High performance power plan, which powercfg's alias SCHEME_MIN names (Vista and later).</summary>
    public const string HighPerformancePlan = "8c5e7fda-e8bf-4a96-9a85-a6e23a8c635c";

    private const string DefenderPolicy = @"HKLM\SOFTWARE\Policies\Microsoft\Windows Defender";

    public static IReadOnlyList<QuietStep> For(WindowsVersion version)
    {
        var root = CygwinSupport.For(version).Architecture.Root();
        QuietStep?[] steps =
        [
            Defender(version, [root, ProjectFolder(root)]),
            WindowsUpdate(),
            IsNt10(version) ? UpdateOrchestrator() : null,

            // From Windows 10 1803 (so Server 2019) on; it restarts Windows Update, and refuses sc, not the registry.
            IsNt10(version) && version != WindowsVersion.Server2016 ? new QuietStep("Windows Update Medic") { Services = ["WaaSMedicSvc"] } : null,
            AtLeast81(version) ? AutomaticMaintenance() : null,
            AtLeastVista(version) ? new QuietStep("Scheduled defragmentation") { Tasks = [@"\Microsoft\Windows\Defrag\ScheduledDefrag"] } : null,
            AtLeast81(version) ? NativeImageTasks() : null,
            IsNt10(version) ? Telemetry() : null,
            AtLeastVista(version) ? new QuietStep("SysMain (Superfetch)") { Services = ["SysMain"] } : null,
            AtLeastVista(version) ? new QuietStep("Windows Search indexing") { Services = ["WSearch"] } : null,

            // The runner images keep PcaSvc on Windows Server 2025 (Configure-System.ps1).
            AtLeastVista(version) && version != WindowsVersion.Server2025
                ? new QuietStep("Program Compatibility Assistant") { Services = ["PcaSvc"] }
                : null,
            AtLeastVista(version) ? PowerPlan() : null,
            Hibernation(),
        ];
        return steps.OfType<QuietStep>().ToList();
    }

    /// <summary>
    /// The guest's project folder in Windows' terms (the parent of <see cref="GuestScripts.WorkFolder"/> under the Cygwin
    /// root), where every build unpacks and compiles.
    /// </summary>
    public static string ProjectFolder(string cygwinRoot) =>
        cygwinRoot + Path.GetDirectoryName(GuestScripts.WorkFolder)!.Replace('/', '\\');

    /// <summary>
    /// Real-time protection off and the Cygwin root and project folder excluded from it, by each way the version
    /// heeds: Vista and 7's antispyware Defender has a service the administrator may disable; 8.1's antivirus heeds the
    /// policy that turns it off. Windows 10 and 11 ignore that policy, and Tamper Protection (on by default) silently
    /// ignores the real-time policy and Set-MpPreference alike, but not the exclusions. Servers remove the feature,
    /// which takes effect at the next boot (the suspend stage's), and have real-time protection off until then.
    /// </summary>
    private static QuietStep? Defender(WindowsVersion version, string[] excluded)
    {
        if (!AtLeastVista(version))
        {
            return null;
        }

        if (version is WindowsVersion.Vista or WindowsVersion.Windows7)
        {
            return new QuietStep("Windows Defender") { Values = [RegistryValue.Dword(DefenderPolicy, "DisableAntiSpyware", 1)], Services = ["WinDefend"] };
        }

        var preferences = $"Set-MpPreference -DisableRealtimeMonitoring $true; Add-MpPreference -ExclusionPath {PowerShellList(excluded)}";
        var checks = DefenderCheck(excluded);
        if (IsServer(version))
        {
            return new QuietStep("Microsoft Defender Antivirus")
            {
                PowerShell = [preferences, "Get-WindowsFeature -Name 'Windows-Defender*' | Where-Object { $_.Installed } | Uninstall-WindowsFeature"],
                Checks = checks,
            };
        }

        RegistryValue[] policies =
        [
            .. version == WindowsVersion.Windows81 ? [RegistryValue.Dword(DefenderPolicy, "DisableAntiSpyware", 1)] : Array.Empty<RegistryValue>(),
            RegistryValue.Dword(DefenderPolicy + @"\Real-Time Protection", "DisableRealtimeMonitoring", 1),
            RegistryValue.Dword(DefenderPolicy + @"\Exclusions", "Exclusions_Paths", 1),
            .. excluded.Select(path => RegistryValue.Text(DefenderPolicy + @"\Exclusions\Paths", path, "0")),
        ];
        return new QuietStep("Microsoft Defender Antivirus") { Values = policies, PowerShell = [preferences], Checks = checks };
    }

    /// <summary>
    /// Prints what of Defender is still on: real-time protection (and whether Tamper Protection keeps it so), and then
    /// any exclusion missing. Where Defender is off, removed or has no PowerShell module, it prints nothing; nor does it
    /// guess at exclusions a session without elevation is not shown ("N/A: Must be an administrator…").
    /// </summary>
    private static string[] DefenderCheck(string[] excluded) =>
    [
        "defender=$(mktemp --suffix=.ps1)",
        "cat >\"$defender\" <<'EOF'",
        "try { $status = Get-MpComputerStatus -ErrorAction Stop } catch { exit }",
        "if (-not $status.RealTimeProtectionEnabled) { exit }",
        "$tamper = if ($status.IsTamperProtected) { ', kept on by Tamper Protection' } else { '' }",
        $"'{QuietReport.NotQuietMarker}Defender real-time protection' + $tamper",
        "$excluded = @((Get-MpPreference).ExclusionPath)",
        "if ($excluded -match '^N/A') { exit }",
        $"foreach ($path in {PowerShellList(excluded)}) {{",
        $"    if ($excluded -notcontains $path) {{ \"{QuietReport.NotQuietMarker}Defender's exclusion of $path\" }}",
        "}",
        "EOF",
        "powershell -NoProfile -NonInteractive -ExecutionPolicy Bypass -File \"$(cygpath -w \"$defender\")\" | tr -d '\\r'",
        "rm -f \"$defender\"",
    ];

    /// <summary>Paths as a PowerShell array of single-quoted strings (no path here holds a quote).</summary>
    private static string PowerShellList(IEnumerable<string> paths) => string.Join(", ", paths.Select(path => $"'{path}'"));

    /// <summary>The service and the policy that keeps automatic updates off (every version: KB 328010 covers XP onward).</summary>
    private static QuietStep WindowsUpdate() => new("Windows Update")
    {
        Values = [RegistryValue.Dword(@"HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate\AU", "NoAutoUpdate", 1)],
        Services = ["wuauserv"],
    };

    /// <summary>Windows 10's update scheduler and its tasks, and Windows Update's own (some refuse an administrator).</summary>
    private static QuietStep UpdateOrchestrator() => new("Update Orchestrator")
    {
        Services = ["UsoSvc"],
        PowerShell =
        [
            @"Get-ScheduledTask -TaskPath '\Microsoft\Windows\UpdateOrchestrator\', '\Microsoft\Windows\WindowsUpdate\' -ErrorAction SilentlyContinue | Disable-ScheduledTask",
        ],
    };

    /// <summary>Automatic maintenance (Windows 8 and later) runs scans, defragmentation and native-image generation when idle.</summary>
    private static QuietStep AutomaticMaintenance() => new("Automatic maintenance")
    {
        Values = [RegistryValue.Dword(@"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Schedule\Maintenance", "MaintenanceDisabled", 1)],
    };

    /// <summary>
    /// .NET Framework 4.5 and later, in the box from Windows 8 on, generate native images from these tasks; the queue
    /// itself is run before the snapshot (<see cref="Guests.Windows.SettleScript"/>).
    /// </summary>
    private static QuietStep NativeImageTasks() => new(".NET native-image generation tasks")
    {
        Tasks =
        [
            @"\Microsoft\Windows\.NET Framework\.NET Framework NGEN v4.0.30319",
            @"\Microsoft\Windows\.NET Framework\.NET Framework NGEN v4.0.30319 64",
        ],
    };

    private static QuietStep Telemetry() => new("Telemetry")
    {
        Values = [RegistryValue.Dword(@"HKLM\SOFTWARE\Policies\Microsoft\Windows\DataCollection", "AllowTelemetry", 0)],
        Services = ["DiagTrack"],
    };

    private static QuietStep PowerPlan() => new("High performance power plan")
    {
        Commands = ["powercfg /setactive SCHEME_MIN"],
        Checks =
        [
            $"powercfg /getactivescheme | grep -q -i {HighPerformancePlan} || not_quiet {ShellQuote.Literal("the High performance power plan is not active")}",
        ],
    };

    /// <summary>Hibernation off deletes C:\hiberfil.sys (as big as the memory); XP's and 2003's powercfg know the switch too.</summary>
    private static QuietStep Hibernation() => new("Hibernation")
    {
        Commands = ["powercfg /hibernate off"],
        Checks = [$"[ ! -e \"$(cygpath -u 'C:\\hiberfil.sys')\" ] || not_quiet {ShellQuote.Literal(@"hibernation (C:\hiberfil.sys is there)")}"],
    };

    private static bool AtLeastVista(WindowsVersion version) => version.AnswerFileKind() == AnswerFileKind.Autounattend;

    private static bool AtLeast81(WindowsVersion version) => AtLeastVista(version) && version is not (WindowsVersion.Vista or WindowsVersion.Windows7);

    /// <summary>Windows 10, 11 and the Servers that share their kernel (2016 to 2025).</summary>
    private static bool IsNt10(WindowsVersion version) => version is WindowsVersion.Windows10 or WindowsVersion.Windows11 || IsServer(version);

    /// <summary>The Servers with Defender as a feature (2003 has no Defender).</summary>
    private static bool IsServer(WindowsVersion version) =>
        version is WindowsVersion.Server2016 or WindowsVersion.Server2019 or WindowsVersion.Server2022 or WindowsVersion.Server2025;
}
