using Microsoft.Build.Framework;
using WinVmBuild.Settings;

namespace WinVmBuild.Tasks;

/// <summary>
/// A task that reads the project's settings: the <c>_WinVmSetting</c> items the SDK's targets collect (ItemSpec = the
/// property's name, metadata <c>Value</c>) and the project's items, all read by the engine's one
/// <see cref="SettingsReader"/> — once per build, by <see cref="CheckWinVmSettings"/>.
/// </summary>
public abstract class WinVmSettingsTask : WinVmTask
{
    /// <summary>Every WinVm* property: ItemSpec = its name, metadata Value = its value.</summary>
    [Required]
    public ITaskItem[] Settings { get; set; } = [];

    /// <summary>WinVmShare items: host folders, with an optional <c>Name</c> the guest sees them by.</summary>
    public ITaskItem[] Shares { get; set; } = [];

    /// <summary>WinVmOutput items: paths relative to the project folder.</summary>
    public ITaskItem[] Outputs { get; set; } = [];

    /// <summary>CygwinPackage items: package names.</summary>
    public ITaskItem[] CygwinPackages { get; set; } = [];

    /// <summary>WinVmProvision items, in order, with optional <c>Network</c> and <c>Restart</c> metadata.</summary>
    public ITaskItem[] ProvisionSteps { get; set; } = [];

    /// <summary>WinVmProvisionFile items, with an optional <c>Step</c> (the first step that sees the file).</summary>
    public ITaskItem[] ProvisionFiles { get; set; } = [];

    protected RawSettings RawSettings => new(Settings.ToDictionary(setting => setting.ItemSpec, setting => setting.GetMetadata("Value"), StringComparer.OrdinalIgnoreCase))
    {
        Shares = Shares.Select(share => new RawShare(share.ItemSpec, share.GetMetadata("Name"))).ToList(),
        Outputs = Outputs.Select(output => output.ItemSpec).ToList(),
        CygwinPackages = CygwinPackages.Select(package => package.ItemSpec).ToList(),
        ProvisionSteps = ProvisionSteps.Select(step => new RawProvisionStep(step.GetMetadata("FullPath"), step.GetMetadata("Network"), step.GetMetadata("Restart"))).ToList(),
        ProvisionFiles = ProvisionFiles.Select(file => new RawProvisionFile(file.GetMetadata("FullPath"), file.GetMetadata("Step"))).ToList(),
    };
}
