using Microsoft.Build.Framework;
using WinVmBuild.Stages;

namespace WinVmBuild.Tasks;

/// <summary>The suspend stage: finds the cached memory snapshot, or boots the installed (and provisioned) guest and takes it.</summary>
public sealed class SuspendGuest : WinVmGuestStageTask
{
    /// <summary>The entry whose disk the snapshot boots: the last provisioning layer's, or the install's.</summary>
    [Required]
    public string DiskEntry { get; set; } = string.Empty;

    /// <summary>The snapshot's cache entry: what every run revives.</summary>
    [Output]
    public string SuspendEntry { get; private set; } = string.Empty;

    protected override async Task RunStageAsync(CheckedProject project)
    {
        var (environment, guest, media) = Prepare(project);
        var settings = project.Settings;
        SuspendEntry = await SuspendStage.RunAsync(environment, guest, media, DiskEntry, settings.SuspendTimeout, CancellationToken)
            .ConfigureAwait(false);
    }
}
