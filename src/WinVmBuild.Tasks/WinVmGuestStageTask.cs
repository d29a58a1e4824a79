using Microsoft.Build.Framework;
using WinVmBuild.Guests;
using WinVmBuild.Media;
using WinVmBuild.Stages;

namespace WinVmBuild.Tasks;

/// <summary>What the install, suspend and run tasks share: the image the media stage made, and the guest booting it.</summary>
public abstract class WinVmGuestStageTask : WinVmStageTask
{
    /// <summary>The media stage's cache entry.</summary>
    [Required]
    public string MediaEntry { get; set; } = string.Empty;

    /// <summary>The stage's environment for <paramref name="project"/>, the guest, and its media.</summary>
    protected (VmStageEnvironment Environment, IGuestProfile Guest, MediaEntry Media) Prepare(CheckedProject project)
    {
        var media = new MediaEntry(MediaEntry, project.Guest.AnswerMedium);
        return (project.Environment(BuildLog), project.Profile(media), media);
    }
}
