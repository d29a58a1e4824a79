using Microsoft.Build.Framework;
using WinVmBuild.Guests;
using WinVmBuild.Media;
using WinVmBuild.Stages;

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

    /// <summary>The image's private SSH key, which the host logs in to the guest with.</summary>
    [Required]
    public string SshKey { get; set; } = string.Empty;

    [Required]
    public string CacheDir { get; set; } = string.Empty;

    public int Memory { get; set; } = 2048;

    public int Cpus { get; set; } = 2;

    /// <summary><c>auto</c>, <c>kvm</c> or <c>tcg</c>.</summary>
    public string? Accelerator { get; set; }

    /// <summary>The test guest's kernel; empty finds the host's.</summary>
    public string? Kernel { get; set; }

    public string Firmware { get; set; } = "bios";

    /// <summary>The Windows version (<c>WinVmWindowsVersion</c>): its share client decides the oldest SMB dialect served.</summary>
    public string WindowsVersion { get; set; } = "10";

    /// <summary>How long the stage may take, in minutes.</summary>
    [Required]
    public int TimeoutMinutes { get; set; }

    protected TimeSpan Timeout => TimeSpan.FromMinutes(TimeoutMinutes);

    protected Firmware FirmwareKind => EnumOption.Parse<Firmware>(Firmware, "WinVmFirmware", Diagnostics.ErrorCodes.SettingNotAllowed);

    protected async Task<(VmStageEnvironment Environment, IGuestProfile Guest)> PrepareAsync()
    {
        var environment = new VmStageEnvironment(Vm.Accelerator.Resolve(Accelerator, BuildLog), new StageCache(CacheDir), BuildLog);
        var guest = await GuestProfiles.CreateAsync(
            Guest,
            ImageDir,
            Kernel,
            WindowsVersionTraits.Parse(WindowsVersion),
            Memory,
            Cpus,
            FirmwareKind,
            CancellationToken).ConfigureAwait(false);
        return (environment, guest);
    }
}
