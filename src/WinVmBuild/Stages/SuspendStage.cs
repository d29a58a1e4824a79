using WinVmBuild.Diagnostics;
using WinVmBuild.Guests;
using WinVmBuild.Host;
using WinVmBuild.Vm;

namespace WinVmBuild.Stages;

/// <summary>
/// The suspend stage, where the memory snapshot is taken: the installed disk is booted through a qcow2
/// overlay, the guest's setup command runs over SSH, then QEMU stops the VM and migrates its memory to a
/// zstd-compressed state file. The result, <c>suspend/&lt;key&gt;/</c> with <c>disk.qcow2</c> and
/// <c>state.zst</c>, is what every build revives.
/// </summary>
public static class SuspendStage
{
    public const string Name = "suspend";
    public const string DiskFile = "disk.qcow2";
    public const string StateFile = "state.zst";

    /// <summary>Returns the snapshot's cache entry, taking the snapshot first when the cache has none for these inputs.</summary>
    public static Task<string> RunAsync(
        VmStageEnvironment environment, IGuestProfile guest, string installEntry, string privateKey, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var baseDisk = Path.Combine(installEntry, InstallStage.DiskFile);
        if (!File.Exists(baseDisk))
        {
            throw new WinVmException(ErrorCodes.StageInputMissing, $"The installed disk '{baseDisk}' is missing. Run 'dotnet build --no-incremental' to install again.")
            {
                File = baseDisk,
            };
        }

        var key = new InputHash()
            .Add("stage", Name)
            .Add("install", Path.GetFileName(Path.TrimEndingDirectorySeparator(installEntry)))
            .AddMachine(guest.BootMachine(MachineKey.Slot, MachineKey.DiskPlaceholder))
            .Add("setup", guest.SuspendSetupScript)
            .Finish();
        return environment.Cache.GetOrCreateAsync(
            Name, key, environment.Log, folder => SuspendAsync(environment, guest, baseDisk, privateKey, timeout, folder, cancellationToken), cancellationToken);
    }

    private static async Task SuspendAsync(
        VmStageEnvironment environment, IGuestProfile guest, string baseDisk, string privateKey, TimeSpan timeout, string folder,
        CancellationToken cancellationToken)
    {
        environment.Log.Message($"WinVmBuild: {Name}: booting the installed guest to snapshot its memory");
        var disk = Path.Combine(folder, DiskFile);
        await QemuImg.CreateOverlayAsync(disk, baseDisk, cancellationToken).ConfigureAwait(false);
        await using var session = await VmSession.StartAsync(environment, Name, timeout, cancellationToken).ConfigureAwait(false);
        var machine = await session.StartGuestAsync(slot => guest.BootMachine(slot, disk), cancellationToken).ConfigureAwait(false);

        var lines = new OutputTail();
        var result = await session.RunInGuestAsync(
            guest.SshUser, privateKey, [], VmSession.NewSambaAccount(), guest.SuspendSetupScript, lines.Add, cancellationToken).ConfigureAwait(false);
        if (result.EnsureExitCode() != 0)
        {
            throw new WinVmException(ErrorCodes.SuspendSetupFailed, $"The setup command before the snapshot exited with code {result.ExitCode}.{lines}");
        }

        // The guest keeps its network and uptime: a fresh controller reaches it at once after a revive.
        await machine.SaveStateAsync(Path.Combine(folder, StateFile), StateCompression.Zstd, cancellationToken).ConfigureAwait(false);
        await machine.QuitAsync(cancellationToken).ConfigureAwait(false);
        session.ReportDone($"memory snapshot of {new FileInfo(Path.Combine(folder, StateFile)).Length / (1024 * 1024)} MB taken");
    }
}
