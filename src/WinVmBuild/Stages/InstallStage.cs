using WinVmBuild.Cache;
using WinVmBuild.Diagnostics;
using WinVmBuild.Guests;
using WinVmBuild.Host;
using WinVmBuild.Media;
using WinVmBuild.Network;

namespace WinVmBuild.Stages;

/// <summary>
/// The install stage: a new qcow2 disk, the guest's own unattended install from the media, and the hand-off — the
/// host logs in to the guest's sshd with the image's key, records the guest's host key, acknowledges, and the guest
/// powers off. The result, <c>install/&lt;key&gt;/</c> with <c>base.qcow2</c> and the host key, is keyed by what an
/// installed disk depends on: the media's bytes and the installer ISO's, and nothing of how fast it was made (memory,
/// CPUs, accelerator, CPU model).
/// </summary>
public static class InstallStage
{
    public static readonly string Name = EntryKind.Install.Name;
    public const string DiskFile = "base.qcow2";

    /// <summary>Returns the install's cache entry, installing first when the cache has none for these inputs.</summary>
    /// <param name="installerIso">The installation ISO as the project names it (Windows'), or null.</param>
    public static async Task<string> RunAsync(
        VmStageEnvironment environment, IGuestProfile guest, MediaEntry media, string? installerIso, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        // Held until the install is in the cache: no build evicts the media it is made from meanwhile.
        using var mediaLease = await StageCache.UseAsync(media.Folder, environment.Log, cancellationToken).ConfigureAwait(false);
        var key = await KeyAsync(environment, guest, media, installerIso, cancellationToken).ConfigureAwait(false);
        using var install = await environment.Cache.GetOrCreateAsync(
            EntryKind.Install,
            key,
            environment.Log,
            folder => InstallAsync(environment, guest, media, installerIso, timeout, folder, cancellationToken),
            cancellationToken,
            new EntryFacts(new Dictionary<string, string> { ["guest"] = guest.Description, ["disk-size"] = $"{guest.DiskSizeGigabytes} GiB" }),
            madeFrom: [mediaLease]).ConfigureAwait(false);
        return install.Folder;
    }

    /// <summary>The install's cache key: the media's and the installer ISO's content (hashed once per file identity), the disk's size.</summary>
    internal static async Task<string> KeyAsync(
        VmStageEnvironment environment, IGuestProfile guest, MediaEntry media, string? installerIso, CancellationToken cancellationToken) =>
        new InputHash()
            .Add("stage", Name)
            .Add("media", await StageCache.ContentDigestAsync(media.Folder, cancellationToken).ConfigureAwait(false))
            .Add("installer", installerIso is null ? null : await environment.Cache.Hashes.Sha256Async(installerIso, cancellationToken).ConfigureAwait(false))
            .Add("disk size", guest.DiskSizeGigabytes.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Finish();

    private static async Task InstallAsync(
        VmStageEnvironment environment, IGuestProfile guest, MediaEntry media, string? installerIso, TimeSpan timeout, string folder,
        CancellationToken cancellationToken)
    {
        // The disk grows as the guest installs: a quarter of its size is room for a Windows with Cygwin.
        CacheFolderCheck.EnsureSpace(environment.Cache.Root, ((long)guest.DiskSizeGigabytes << 30) / 4, Name);
        using var installer = await guest.BootableInstallerAsync(installerIso, environment.Cache, environment.Log, cancellationToken).ConfigureAwait(false);
        environment.Log.Message($"WinVmBuild: {Name}: installing the guest (at most {timeout.TotalMinutes:0} min)");
        var disk = Path.Combine(folder, DiskFile);
        await QemuImg.CreateAsync(disk, guest.DiskSizeGigabytes, cancellationToken).ConfigureAwait(false);
        await using var session = GuestSession.Start(environment, Name, timeout, watchScreen: true, cancellationToken);
        await session.StartAsync(guest.InstallMachine(session.Slot, disk, media.InstallMedia(installer.Path)), shares: null, cancellationToken).ConfigureAwait(false);

        // The guest is fresh from our media, on a network only this host reaches: the key it presents now is its own.
        var ssh = await session.ConnectAsync(guest.SshUser, media.PrivateKey, hostKey: null, cancellationToken).ConfigureAwait(false);
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
