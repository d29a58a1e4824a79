using Microsoft.Build.Framework;
using WinVmBuild.Stages;

namespace WinVmBuild.Tasks;

/// <summary>The suspend stage: boots the installed guest and snapshots its memory, or finds the cached snapshot.</summary>
public sealed class SnapshotGuest : GuestStageTask
{
    [Required]
    public string InstallEntry { get; set; } = string.Empty;

    /// <summary>The snapshot's cache entry (disk.qcow2 and state.zst).</summary>
    [Output]
    public string SnapshotEntry { get; private set; } = string.Empty;

    protected override async Task ExecuteAsync()
    {
        var (environment, guest) = await PrepareAsync().ConfigureAwait(false);
        SnapshotEntry = await SuspendStage.RunAsync(environment, guest, InstallEntry, SshKey, Timeout, CancellationToken).ConfigureAwait(false);
    }
}
