namespace WinVmBuild.Cache;

/// <summary>
/// A lock on one cache entry (an advisory <c>flock</c> on its lock file, released when the process dies, so a crashed
/// build never blocks the next). Exclusive: one build changes whether the entry exists (makes, pulls, sets aside or
/// evicts it); shared: builds use it, and none of them may see it go. Each lock is its own open file, so two locks of
/// one process exclude each other as two processes' would.
/// </summary>
public sealed class CacheLock : IDisposable
{
    private readonly FileStream _file;

    private CacheLock(FileStream file)
    {
        _file = file;
    }

    /// <summary>Waits until <paramref name="lockPath"/> can be locked in <paramref name="mode"/>, then locks it.</summary>
    /// <param name="onWaiting">Called once, when the lock is held in a mode that excludes this one.</param>
    public static async Task<CacheLock> AcquireAsync(string lockPath, LockMode mode, Action onWaiting, CancellationToken cancellationToken) =>
        (await AcquireAsync(lockPath, mode, onWaiting, wanted: () => true, cancellationToken).ConfigureAwait(false))!;

    /// <summary>
    /// Waits until <paramref name="lockPath"/> can be locked in <paramref name="mode"/> and locks it, unless
    /// <paramref name="wanted"/> says first that the lock is needed no more (another build did what it was for): then null.
    /// </summary>
    public static async Task<CacheLock?> AcquireAsync(
        string lockPath, LockMode mode, Action onWaiting, Func<bool> wanted, CancellationToken cancellationToken)
    {
        var waiting = false;
        while (wanted())
        {
            if (TryAcquire(lockPath, mode) is { } acquired)
            {
                return acquired;
            }

            if (!waiting)
            {
                waiting = true;
                onWaiting();
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>Locks <paramref name="lockPath"/> in <paramref name="mode"/> if nobody holds it in a mode that excludes it; else null, at once.</summary>
    public static CacheLock? TryAcquire(string lockPath, LockMode mode)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(lockPath)!);
        try
        {
            // On Unix, .NET takes flock(LOCK_EX | LOCK_NB) for FileShare.None, and flock(LOCK_SH | LOCK_NB) for a file
            // opened to read that others may read: a lock held in an excluding mode is an IOException.
            return new CacheLock(mode == LockMode.Exclusive
                ? new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None)
                : new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _file.Dispose();
}
