using Microsoft.Build.Framework;
using WinVmBuild.Guests;
using WinVmBuild.Settings;
using WinVmBuild.Stages;
using WinVmBuild.Vm;

namespace WinVmBuild.Tasks;

/// <summary>What the install, suspend and run tasks share: the settings, the accelerator the check chose, and the image the media stage made.</summary>
public abstract class WinVmStageTask : WinVmSettingsTask
{
    /// <summary><c>kvm</c> or <c>tcg</c>, as <see cref="CheckWinVmSettings"/> resolved it.</summary>
    [Required]
    public string Accelerator { get; set; } = string.Empty;

    /// <summary>The media stage's cache entry.</summary>
    [Required]
    public string MediaEntry { get; set; } = string.Empty;

    /// <summary>The settings, the stage's environment, the guest, and its media.</summary>
    protected (WinVmSettings Settings, VmStageEnvironment Environment, IGuestProfile Guest, MediaEntry Media) Prepare()
    {
        var settings = ReadSettings();
        var accelerator = Enum.Parse<AcceleratorKind>(Accelerator, ignoreCase: true);
        var media = new MediaEntry(MediaEntry, settings.AnswerMedia);
        return (settings, new VmStageEnvironment(accelerator, CacheOf(settings), BuildLog) { CpuModel = settings.CpuModel, Clock = settings.Clock }, GuestProfiles.For(settings, media), media);
    }
}
