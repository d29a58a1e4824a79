using WinVmBuild.Host;

namespace WinVmBuild.Reaper;

/// <summary>
/// A registered session, held by the build that runs it: its folder, the owner's lock and the watcher that reaps the
/// session if the build dies. Disposing it ends the session cleanly: watcher stopped, folder deleted, lock released.
/// </summary>
public sealed class SessionLease : IAsyncDisposable
{
    private readonly FileStream _ownerLock;
    private readonly RunningProcess _watcher;
    private bool _kept;

    internal SessionLease(string folder, FileStream ownerLock, RunningProcess watcher)
    {
        Folder = folder;
        _ownerLock = ownerLock;
        _watcher = watcher;
    }

    /// <summary>The session's folder (0700): everything the session writes goes here.</summary>
    public string Folder { get; }

    /// <summary>The watcher's process id: it outlives this process only to reap the session.</summary>
    public int WatcherId => _watcher.Id;

    /// <summary>
    /// Hands the session over to its watcher, to be kept until <paramref name="until"/> (a VM left for a person to log
    /// in to): the watcher reaps it then, or as soon as none of its processes runs any more, whatever this build does
    /// meanwhile; other builds leave it alone until then (<see cref="SessionRegistry.KeptUntilFile"/>). Disposing the
    /// lease afterwards does nothing.
    /// </summary>
    public void Keep(DateTimeOffset until)
    {
        File.WriteAllText(Path.Combine(Folder, SessionRegistry.KeptUntilFile), $"{until.ToUnixTimeSeconds()}\n");
        _kept = true;
        _watcher.LetRun();
        _ownerLock.Dispose();
    }

    /// <summary>
    /// Call once the session's work is over (its QEMU stopped): what is left of its processes stops too. An smbd whose
    /// parent smbd is gone is no longer in QEMU's process tree, but it still carries the session's mark.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_kept)
        {
            return;
        }

        await _watcher.DisposeAsync().ConfigureAwait(false);

        // Out of the reapers' sight first (a hidden, fresh folder): one looking for dead sessions while this one is
        // deleted would find its lock file gone, make a new one, and take the session for dead.
        var ending = SessionRegistry.HiddenPath(Folder, "ended");
        Directory.Move(Folder, ending);
        Directory.SetLastWriteTimeUtc(ending, DateTime.UtcNow);
        await SessionReaper.ReapAsync(ending, CancellationToken.None, markedAs: Folder).ConfigureAwait(false);
        await _ownerLock.DisposeAsync().ConfigureAwait(false);
    }
}
