using WinVmBuild.Diagnostics;
using WinVmBuild.Guests;
using WinVmBuild.Host;
using WinVmBuild.Network;

namespace WinVmBuild.Stages;

/// <summary>
/// The install stage: a new qcow2 disk, the guest's own unattended install from the media, and the hand-off — the
/// host logs in to the guest's sshd with the image's key, records the guest's host key, acknowledges, and the guest
/// powers off. The result, <c>install/&lt;key&gt;/</c> with <c>base.qcow2</c> and the host key, is cached by the hash of
/// the guest's machine and media.
/// </summary>
public static class InstallStage
{
    public const string Name = "install";
    public const string DiskFile = "base.qcow2";

    /// <summary>Returns the install's cache entry, installing first when the cache has none for these inputs.</summary>
    public static Task<string> RunAsync(
        VmStageEnvironment environment, IGuestProfile guest, GuestInstallMedia media, string privateKey, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var key = new InputHash()
            .Add("stage", Name)
            .AddMachine(guest.InstallMachine(MachineKey.Slot, MachineKey.DiskPlaceholder, media))
            .Add("disk size", guest.DiskSizeGigabytes.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Finish();
        return environment.Cache.GetOrCreateAsync(Name, key, environment.Log, folder => InstallAsync(environment, guest, media, privateKey, timeout, folder, cancellationToken), cancellationToken);
    }

    private static async Task InstallAsync(
        VmStageEnvironment environment, IGuestProfile guest, GuestInstallMedia media, string privateKey, TimeSpan timeout, string folder,
        CancellationToken cancellationToken)
    {
        environment.Log.Message($"WinVmBuild: {Name}: installing the guest (at most {timeout.TotalMinutes:0} min)");
        var disk = Path.Combine(folder, DiskFile);
        await QemuImg.CreateAsync(disk, guest.DiskSizeGigabytes, cancellationToken).ConfigureAwait(false);
        await using var session = GuestSession.Start(environment, Name, timeout, watchScreen: true);
        await session.StartAsync(guest.InstallMachine(session.Slot, disk, media), shares: null, cancellationToken).ConfigureAwait(false);

        // The guest is fresh from our media, on a network only this host reaches: the key it presents now is its own.
        var ssh = await session.ConnectAsync(guest.SshUser, privateKey, hostKey: null, cancellationToken).ConfigureAwait(false);
        var errors = new OutputTail();
        var acknowledged = await session.RunAsync(new GuestCommand(InstallHandOff.Command) { OnErrorLine = errors.Add }, cancellationToken)
            .ConfigureAwait(false);
        if (acknowledged != 0)
        {
            throw new WinVmException(
                ErrorCodes.InstallNotAcknowledged,
                $"The guest's sshd let the image's key in, but acknowledging the install failed (exit code {acknowledged}).{errors}");
        }

        await ssh.HostKey.WriteAsync(folder, cancellationToken).ConfigureAwait(false);
        await session.WaitForGuestPowerOffAsync(cancellationToken).ConfigureAwait(false);
        session.ReportDone("installed");
    }
}
