using Microsoft.Build.Framework;
using WinVmBuild.Stages;

namespace WinVmBuild.Tasks;

/// <summary>
/// A stage's task: it works on the project as <see cref="CheckWinVmSettings"/> found it earlier in the same build
/// (its settings read, KVM probed, the guest's kernel found and product key decided, all once), shared through the
/// build engine rather than read again.
/// <para>
/// A stage may run a VM, download packages or pull from a registry for minutes: it yields its MSBuild node for that
/// time (<see cref="IBuildEngine3.Yield"/>, as ToolTask does around its tool), so that the node builds other projects
/// of the same build meanwhile. While yielded a task may log, and nothing else through the engine; MSBuild may change
/// the process's current folder and environment for the project it builds then. So the checked project is taken from
/// the engine before yielding, and the stages work with absolute paths only (the targets pass every folder as one).
/// </para>
/// </summary>
public abstract class WinVmStageTask : WinVmTask
{
    /// <summary>The handle <see cref="CheckWinVmSettings"/> gave the checked project.</summary>
    [Required]
    public string Project { get; set; } = string.Empty;

    /// <summary>
    /// Waits for the stage on MSBuild's thread, as <see cref="WinVmTask.Execute"/> waits for every task's work: MSBuild
    /// takes the node back (<see cref="IBuildEngine3.Reacquire"/>) only on the thread that yielded it.
    /// </summary>
    protected sealed override Task ExecuteAsync()
    {
        var project = BuildEngine4.GetRegisteredTaskObject(Project, RegisteredTaskObjectLifetime.Build) as CheckedProject
            ?? throw new InvalidOperationException($"No checked project '{Project}' in this build: WinVmCheckSettings runs before every stage.");
        BuildEngine3.Yield();
        try
        {
            RunStageAsync(project).GetAwaiter().GetResult();
        }
        finally
        {
            BuildEngine3.Reacquire();
        }

        return Task.CompletedTask;
    }

    /// <summary>The stage's one engine call on <paramref name="project"/>, with the node yielded: read parameters, set outputs, log; nothing else of the engine.</summary>
    protected abstract Task RunStageAsync(CheckedProject project);
}
