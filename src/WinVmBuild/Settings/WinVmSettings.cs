using WinVmBuild.Guests.Provisioning;
using WinVmBuild.Guests.Windows;
using WinVmBuild.Media;
using WinVmBuild.Network;
using WinVmBuild.Registry;
using WinVmBuild.Vm;

namespace WinVmBuild.Settings;

/// <summary>
/// A project's settings, checked: every value here is one the stages can use. Made only by <see cref="SettingsReader"/>,
/// which also owns every default. README.md describes each property.
/// </summary>
public sealed record WinVmSettings
{
    public required GuestKind Guest { get; init; }

    /// <summary>The Windows the media are made for; the test guest takes Windows 10's rules (its Cygwin, its time zones).</summary>
    public required WindowsVersion WindowsVersion { get; init; }

    public required Firmware Firmware { get; init; }

    /// <summary>What carries the answer file: the project's choice, else the version's own.</summary>
    public required MediaKind AnswerMedia { get; init; }

    public required ImageSelection Image { get; init; }

    /// <summary>
    /// The project's key, upper case, or null. Never logged. The key setup gets is decided from it and the ISO's chosen image
    /// (<see cref="Guests.Windows.WindowsProductKey"/>).
    /// </summary>
    public string? ProductKey { get; init; }

    /// <summary>The administrator password the project gave in a file, or null to generate one. Never logged.</summary>
    public string? AdminPassword { get; init; }

    public required string Locale { get; init; }

    /// <summary>As the version's answer file writes it (a Windows zone name, or winnt.sif's index).</summary>
    public required string TimeZone { get; init; }

    /// <summary>The mirror's URL, ending in '/'.</summary>
    public required string CygwinMirror { get; init; }

    /// <summary>Cygwin's setup program (Windows only).</summary>
    public string? CygwinSetupExe { get; init; }

    /// <summary>The packages asked for; the media stage adds what the guest itself needs.</summary>
    public required IReadOnlyList<string> CygwinPackages { get; init; }

    /// <summary>The installation ISO: Windows' own; the test guest carries one as a disk it never reads, when given.</summary>
    public string? InstallerIso { get; init; }

    /// <summary>The test guest's kernel as the project names it; null: the host's newest (found by the settings check).</summary>
    public string? Kernel { get; init; }

    public required int MemoryMegabytes { get; init; }

    public required int Cpus { get; init; }

    public required AcceleratorChoice Accelerator { get; init; }

    /// <summary>
    /// The guest's QEMU CPU model (WinVmCpuModel); null for the accelerator's default, which is the host's own CPU
    /// under KVM — unless a cache registry is set: shared snapshots get a portable named model.
    /// </summary>
    public string? CpuModel { get; init; }

    /// <summary>What time the guest sees: the host's (the default) or a fixed date.</summary>
    public required GuestClock Clock { get; init; }

    public required string CacheDir { get; init; }

    /// <summary>The most bytes the cache's entries may take (WinVmCacheMaxSize); null: no limit, nothing is ever evicted.</summary>
    public long? CacheMaxSize { get; init; }

    /// <summary>Hash every file of a cache entry on every use, not only those whose identity changed.</summary>
    public bool VerifyCache { get; init; }

    /// <summary>
    /// Windows made quiet before the snapshot, as CI images are (Defender, Windows Update, maintenance and other
    /// background work off; docs/windows.md): it changes what the media install, so it is part of the media's key.
    /// </summary>
    public bool QuietWindows { get; init; }

    /// <summary>The registry the cache shares entries through (WinVmCacheRegistry), or null.</summary>
    public RegistrySettings? CacheRegistry { get; init; }

    public required TimeSpan InstallTimeout { get; init; }

    public required TimeSpan SuspendTimeout { get; init; }

    public required TimeSpan RunTimeout { get; init; }

    /// <summary>How long one provisioning step may take.</summary>
    public required TimeSpan ProvisionTimeout { get; init; }

    /// <summary>The steps run in the guest after its install, before its snapshot, each cached as a layer.</summary>
    public required ProvisionPlan Provision { get; init; }

    /// <summary>Shell text the guest runs in a fresh copy of the project on every build.</summary>
    public required string Command { get; init; }

    /// <summary>
    /// The command's lines in a compiler's error and warning formats are logged as MSBuild errors and warnings on the
    /// host files (WinVmParseDiagnostics); otherwise every line is a message.
    /// </summary>
    public bool ParseDiagnostics { get; init; }

    /// <summary>An error line is an error even when the command exits with 0, when it is otherwise a warning (WinVmTreatGuestErrorsAsErrors).</summary>
    public bool TreatGuestErrorsAsErrors { get; init; }

    /// <summary>When the command fails, its guest stays up for <see cref="KeepTime"/>, for a person to log in to (WinVmKeepOnFailure).</summary>
    public bool KeepOnFailure { get; init; }

    /// <summary>How long a guest kept for a person stays up (WinVmKeepMinutes).</summary>
    public required TimeSpan KeepTime { get; init; }

    public required IReadOnlyList<SharedFolder> Shares { get; init; }

    /// <summary>Paths relative to the project, with '/' separators.</summary>
    public required IReadOnlyList<string> Outputs { get; init; }

    /// <summary>Keeps the product key and the password out of anything that formats the settings.</summary>
    public override string ToString() => $"{nameof(WinVmSettings)} {{ {Guest}, {WindowsVersion}, {Firmware}, {MemoryMegabytes} MB, {Cpus} CPUs }}";
}
