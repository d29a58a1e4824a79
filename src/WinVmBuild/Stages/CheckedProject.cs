using WinVmBuild.Cache;
using WinVmBuild.Diagnostics;
using WinVmBuild.Guests;
using WinVmBuild.Registry;
using WinVmBuild.Settings;
using WinVmBuild.Vm;

namespace WinVmBuild.Stages;

/// <summary>
/// A project as <see cref="SettingsCheck"/> found it before any stage: its settings, the accelerator every VM runs on
/// (KVM probed once), and its guest (the kernel found, the product key decided, once). A build makes it once and every
/// stage uses it.
/// </summary>
public sealed record CheckedProject(WinVmSettings Settings, AcceleratorKind Accelerator, IGuestKind Guest)
{
    /// <summary>The stage cache as the settings configure it: its folder, how it verifies entries, the registry it shares them through.</summary>
    public StageCache Cache { get; } = new(Settings.CacheDir)
    {
        VerifyEveryUse = Settings.VerifyCache,
        MaxSize = Settings.CacheMaxSize,
        Registry = Settings.CacheRegistry is { } registry ? new RegistryCache(registry) : null,
    };

    /// <summary>What the VM stages of this project run with, logging to <paramref name="log"/>.</summary>
    public VmStageEnvironment Environment(IBuildLog log) =>
        new(Accelerator, Cache, log)
        {
            CpuModel = Settings.CpuModel,
            Clock = Settings.Clock,
            KeepOnFailure = Settings.KeepOnFailure ? Settings.KeepTime : null,
        };

    /// <summary>The VM of the guest installed from <paramref name="media"/>.</summary>
    public IGuestProfile Profile(Media.MediaEntry media) => Guest.Profile(media, Settings.MemoryMegabytes, Settings.Cpus);
}
