using Microsoft.Build.Framework;
using WinVmBuild.Stages;

namespace WinVmBuild.Tasks;

/// <summary>The media stage: finds or makes the image's media (Cygwin CD, SSH key, answer medium).</summary>
public sealed class PrepareGuestMedia : WinVmStageTask
{
    /// <summary>The media stage's cache entry, for the later stages.</summary>
    [Output]
    public string MediaEntry { get; private set; } = string.Empty;

    protected override async Task RunStageAsync(CheckedProject project)
    {
        var media = await MediaStage.RunAsync(project, BuildLog, CancellationToken).ConfigureAwait(false);
        MediaEntry = media.Folder;
    }
}
