using WinVmBuild.Cache;
using WinVmBuild.Diagnostics;
using WinVmBuild.Network;
using WinVmBuild.Reaper;
using WinVmBuild.Vm;

namespace WinVmBuild.Stages;

/// <summary>What every VM stage runs with: the accelerator, the stage cache, the log and the session registry.</summary>
public sealed record VmStageEnvironment(AcceleratorKind Accelerator, StageCache Cache, IBuildLog Log)
{
    /// <summary>The guest's <c>-cpu</c> model; null for the accelerator's default.</summary>
    public string? CpuModel { get; init; }

    /// <summary>What time the guest sees (<c>WinVmClock</c>).</summary>
    public GuestClock Clock { get; init; }

    /// <summary>
    /// How long a VM stage's guest stays up after the stage failed, for a person to look at (WinVmKeepOnFailure); null:
    /// it stops with the stage.
    /// </summary>
    public TimeSpan? KeepOnFailure { get; init; }

    /// <summary>The slot of a VM of <paramref name="name"/> that runs with this environment.</summary>
    public VmSlot Slot(string name) => new(name, Accelerator) { CpuModel = CpuModel, Clock = Clock };

    /// <summary>The smbd QEMU starts for the guest's shares.</summary>
    public string Smbd { get; init; } = SambaServer.DefaultSmbd;

    /// <summary>Where the stages' VM sessions are registered, for the reaper.</summary>
    public SessionRegistry Sessions { get; init; } = SessionRegistry.ForCurrentUser();

    /// <summary>Where a timed-out stage leaves its screenshot, outside the work folder that is removed.</summary>
    public string DiagnosticsFolder => Path.Combine(Cache.Root, "diagnostics");
}
