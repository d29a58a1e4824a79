using WinVmBuild.Cache;
using WinVmBuild.Guests;
using WinVmBuild.Media;
using WinVmBuild.Network;

namespace WinVmBuild.Stages;

/// <summary>
/// A guest revived from its snapshot and logged in to, for a build (<see cref="RunStage"/>) or a person's shell
/// (<see cref="ShellStage"/>): the snapshot's entry held (no build evicts it, its install or its media meanwhile) and
/// checked, the session that runs the guest, and the Samba server of its shares. Disposing it ends the session, then
/// lets go of the snapshot.
/// </summary>
internal sealed class RevivedGuest : IAsyncDisposable
{
    private readonly EntryLease _snapshot;

    private RevivedGuest(EntryLease snapshot, GuestSession session, SambaServer? shares)
    {
        _snapshot = snapshot;
        Session = session;
        Shares = shares;
    }

    public GuestSession Session { get; }

    /// <summary>The shares' server; null when the guest has none.</summary>
    public SambaServer? Shares { get; }

    /// <summary>
    /// Revives the snapshot in <paramref name="suspendEntry"/> in a session of <paramref name="stage"/>, serving
    /// <paramref name="shares"/>, and logs in.
    /// </summary>
    public static async Task<RevivedGuest> StartAsync(
        VmStageEnvironment environment, string stage, IGuestProfile guest, MediaEntry media, string suspendEntry, IReadOnlyList<SharedFolder> shares,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        var snapshot = await StageCache.UseAsync(suspendEntry, environment.Log, cancellationToken).ConfigureAwait(false);
        GuestSession? session = null;
        try
        {
            await environment.Cache.EnsureIntactAsync(suspendEntry, cancellationToken).ConfigureAwait(false);
            var hostKey = HostKeyPin.Read(suspendEntry);
            session = GuestSession.Start(environment, stage, timeout, cancellationToken: cancellationToken);
            var server = shares.Count == 0 ? null : session.ServeShares(shares, guest.ShareDialect);
            var (spec, state) = RunStage.Revived(guest.BootMachine(session.Slot, Path.Combine(suspendEntry, SuspendStage.DiskFile)), suspendEntry);
            await session.StartAsync(spec, server, cancellationToken).ConfigureAwait(false);
            await session.ContinueFromAsync(state, cancellationToken).ConfigureAwait(false);

            // Only once the guest runs: QEMU's network drops what it forwards to a paused guest, and the connection
            // would wait for TCP's first retransmission, three seconds later.
            await session.ConnectAsync(guest.SshUser, media.PrivateKey, hostKey, cancellationToken).ConfigureAwait(false);
            return new RevivedGuest(snapshot, session, server);
        }
        catch
        {
            if (session is not null)
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }

            snapshot.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Session.DisposeAsync().ConfigureAwait(false);
        _snapshot.Dispose();
    }
}
