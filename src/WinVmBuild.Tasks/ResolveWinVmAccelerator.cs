using Microsoft.Build.Framework;

namespace WinVmBuild.Tasks;

/// <summary>
/// Decides between KVM and TCG once per build (<c>WinVmAccelerator</c>: auto, kvm or tcg), so that the warning
/// about a missing KVM is given once, not by every stage.
/// </summary>
public sealed class ResolveWinVmAccelerator : WinVmTask
{
    public string? Requested { get; set; }

    /// <summary><c>kvm</c> or <c>tcg</c>.</summary>
    [Output]
    public string Accelerator { get; private set; } = string.Empty;

    protected override Task ExecuteAsync()
    {
        Accelerator = Vm.Accelerator.Resolve(Requested, BuildLog).ToString().ToLowerInvariant();
        return Task.CompletedTask;
    }
}
