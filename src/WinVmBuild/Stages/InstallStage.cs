using WinVmBuild.Diagnostics;
using WinVmBuild.Guests;
using WinVmBuild.Host;

namespace WinVmBuild.Stages;

/// <summary>
/// The install stage: a new qcow2 disk, the guest's own unattended install from the media, and the hand-off —
/// the controller reaches the guest's sshd with the image's key, and the guest powers off. The result,
/// <c>install/&lt;key&gt;/base.qcow2</c>, is cached by the hash of the guest's machine and media.
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
        await using var session = await VmSession.StartAsync(environment, Name, timeout, cancellationToken).ConfigureAwait(false);
        await session.StartGuestAsync(slot => guest.InstallMachine(slot, disk, media), cancellationToken).ConfigureAwait(false);

        var lines = new OutputTail();
        var result = await session.RunInGuestAsync(
            guest.SshUser, privateKey, [], VmSession.NewSambaAccount(), InstallHandOff.Command, lines.Add, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new WinVmException(
                ErrorCodes.InstallNotAcknowledged,
                $"The install ended without the controller reaching the guest's sshd with the image's key ({result.Status ?? $"exit code {result.ExitCode}"}).{lines}");
        }

        await session.WaitForGuestPowerOffAsync(cancellationToken).ConfigureAwait(false);
        session.ReportDone("installed");
    }
}
