using WinVmBuild.Diagnostics;
using WinVmBuild.Vm;

namespace WinVmBuild.Stages;

/// <summary>What every VM stage runs with: the appliances' kernel, the accelerator, the stage cache and the log.</summary>
public sealed record VmStageEnvironment(HostKernel Kernel, AcceleratorKind Accelerator, StageCache Cache, IBuildLog Log)
{
    /// <summary>Where a timed-out stage leaves its screenshot, outside the work folder that is removed.</summary>
    public string DiagnosticsFolder => Path.Combine(Cache.Root, "diagnostics");
}
