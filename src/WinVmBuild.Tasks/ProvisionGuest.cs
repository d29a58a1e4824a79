using Microsoft.Build.Framework;
using WinVmBuild.Stages;

namespace WinVmBuild.Tasks;

/// <summary>The provisioning stage: each WinVmProvision step's layer, found in the cache or made by running the step in the guest.</summary>
public sealed class ProvisionGuest : WinVmGuestStageTask
{
    [Required]
    public string InstallEntry { get; set; } = string.Empty;

    /// <summary>The last step's layer, or the install's entry when the project has no steps: the disk the snapshot boots.</summary>
    [Output]
    public string LayerEntry { get; private set; } = string.Empty;

    protected override async Task RunStageAsync(CheckedProject project)
    {
        var (environment, guest, media) = Prepare(project);
        var settings = project.Settings;
        LayerEntry = await ProvisionStage.RunAsync(environment, guest, media, InstallEntry, settings.Provision, settings.ProvisionTimeout, CancellationToken)
            .ConfigureAwait(false);
    }
}
