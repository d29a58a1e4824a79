using Microsoft.Build.Framework;
using WinVmBuild.Stages;

namespace WinVmBuild.Tasks;

/// <summary>The install stage: finds the cached install of the same media and ISO, or installs the guest.</summary>
public sealed class InstallGuest : WinVmGuestStageTask
{
    /// <summary>The install's cache entry (base.qcow2).</summary>
    [Output]
    public string InstallEntry { get; private set; } = string.Empty;

    protected override async Task RunStageAsync(CheckedProject project)
    {
        var (environment, guest, media) = Prepare(project);
        var settings = project.Settings;
        InstallEntry = await InstallStage.RunAsync(environment, guest, media, settings.InstallerIso, settings.InstallTimeout, CancellationToken)
            .ConfigureAwait(false);
    }
}
