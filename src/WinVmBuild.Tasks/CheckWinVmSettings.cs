using Microsoft.Build.Framework;
using WinVmBuild.Reaper;
using WinVmBuild.Stages;

namespace WinVmBuild.Tasks;

/// <summary>
/// Checks the project's settings before any stage starts and reports every problem at once, each with its code and
/// the property to change; probes what they name on this host (KVM, the ISO, the kernel) once for the whole build, and
/// hands the result to the stage tasks through the build engine. First, it reaps the VM sessions of builds that died
/// (<see cref="SessionRegistry"/>).
/// </summary>
public sealed class CheckWinVmSettings : WinVmSettingsTask
{
    /// <summary>The handle of the checked project, for the stage tasks of this build.</summary>
    [Output]
    public string Project { get; private set; } = string.Empty;

    /// <summary><c>kvm</c> or <c>tcg</c>: what every stage of this build runs with.</summary>
    [Output]
    public string Accelerator { get; private set; } = string.Empty;

    protected override async Task ExecuteAsync()
    {
        // At every build's start, even one that starts no VM: a dead build's sessions go, with the secrets in their folders.
        await SessionRegistry.ForCurrentUser().ReapDeadAsync(BuildLog, CancellationToken).ConfigureAwait(false);
        var project = await SettingsCheck.RunAsync(RawSettings, BuildLog, CancellationToken).ConfigureAwait(false);
        Project = $"WinVmBuild.CheckedProject:{Guid.NewGuid():N}";
        BuildEngine4.RegisterTaskObject(Project, project, RegisteredTaskObjectLifetime.Build, allowEarlyCollection: false);
        Accelerator = project.Accelerator.ToString().ToLowerInvariant();
    }
}
