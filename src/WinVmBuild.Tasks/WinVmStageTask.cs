using Microsoft.Build.Framework;
using WinVmBuild.Stages;

namespace WinVmBuild.Tasks;

/// <summary>
/// A stage's task: it works on the project as <see cref="CheckWinVmSettings"/> found it earlier in the same build
/// (its settings read, KVM probed, the guest's kernel found and product key decided, all once), shared through the
/// build engine rather than read again.
/// </summary>
public abstract class WinVmStageTask : WinVmTask
{
    /// <summary>The handle <see cref="CheckWinVmSettings"/> gave the checked project.</summary>
    [Required]
    public string Project { get; set; } = string.Empty;

    /// <summary>The checked project, from the build engine.</summary>
    protected CheckedProject Checked =>
        BuildEngine4.GetRegisteredTaskObject(Project, RegisteredTaskObjectLifetime.Build) as CheckedProject
        ?? throw new InvalidOperationException($"No checked project '{Project}' in this build: WinVmCheckSettings runs before every stage.");
}
