using Microsoft.Build.Framework;
using WinVmBuild.Guests;
using WinVmBuild.Media;
using WinVmBuild.Stages;
using WinVmBuild.Vm;

namespace WinVmBuild.Tasks;

/// <summary>
/// What the three VM stage tasks share: the guest and its size, the accelerator, the cache, the image the media
/// stage made, and the stage's timeout; turned into the engine's environment and guest profile.
/// </summary>
public abstract class GuestStageTask : WinVmTask
{
    /// <summary><c>windows</c> or <c>test</c>.</summary>
    [Required]
    public string Guest { get; set; } = string.Empty;

    /// <summary>The image folder the media stage wrote (SSH key, secrets, answer medium, Cygwin ISO).</summary>
    [Required]
    public string ImageDir { get; set; } = string.Empty;

    /// <summary>The image's private SSH key, which the controller logs in to the guest with.</summary>
    [Required]
    public string SshKey { get; set; } = string.Empty;

    [Required]
    public string CacheDir { get; set; } = string.Empty;

    public int Memory { get; set; } = 2048;

    public int Cpus { get; set; } = 2;

    /// <summary><c>auto</c>, <c>kvm</c> or <c>tcg</c>.</summary>
    public string? Accelerator { get; set; }

    /// <summary>The controller's (and the test guest's) kernel; empty finds the host's.</summary>
    public string? Kernel { get; set; }

    public string Firmware { get; set; } = "bios";

    /// <summary>How long the stage may take, in minutes.</summary>
    [Required]
    public int TimeoutMinutes { get; set; }

    protected TimeSpan Timeout => TimeSpan.FromMinutes(TimeoutMinutes);

    protected async Task<(VmStageEnvironment Environment, IGuestProfile Guest)> PrepareAsync()
    {
        var kernel = HostKernel.Find(Kernel);
        var environment = new VmStageEnvironment(kernel, Vm.Accelerator.Resolve(Accelerator, BuildLog), new StageCache(CacheDir), BuildLog);
        var guest = await GuestProfiles.CreateAsync(
            Guest, ImageDir, kernel, Memory, Cpus, EnumOption.Parse<Firmware>(Firmware, "WinVmFirmware", Diagnostics.ErrorCodes.SettingNotAllowed), CancellationToken)
            .ConfigureAwait(false);
        return (environment, guest);
    }
}
