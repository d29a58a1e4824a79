using Microsoft.Build.Framework;
using WinVmBuild.Reaper;
using WinVmBuild.Settings;

namespace WinVmBuild.Tasks;

/// <summary>
/// Checks the project's settings before any stage starts and reports every problem at once, each with its code and
/// the property to change; resolves the accelerator (probing KVM once for the whole build). First, it reaps the VM
/// sessions of builds that died (<see cref="SessionRegistry"/>).
/// </summary>
public sealed class CheckWinVmSettings : WinVmSettingsTask
{
    /// <summary><c>kvm</c> or <c>tcg</c>: what every stage of this build runs with.</summary>
    [Output]
    public string Accelerator { get; private set; } = string.Empty;

    protected override async Task ExecuteAsync()
    {
        // At every build's start, even one that starts no VM: a dead build's sessions go, with the secrets in their folders.
        await SessionRegistry.ForCurrentUser().ReapDeadAsync(BuildLog, CancellationToken).ConfigureAwait(false);
        var (_, accelerator) = await SettingsCheck.RunAsync(RawSettings, BuildLog, CancellationToken).ConfigureAwait(false);
        Accelerator = accelerator.ToString().ToLowerInvariant();
    }
}
