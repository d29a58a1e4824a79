namespace WinVmBuild.Cache;

/// <summary>
/// An exclusive lock on one cache entry, held by one build on this machine at a time (an advisory
/// <c>flock</c> on a lock file, released when the process dies, so a crashed build never blocks the next).
/// </summary>
public sealed class CacheLock : IDisposable
{
    private readonly FileStream _file;

    private CacheLock(FileStream file)
    {
        _file = file;
    }

    /// <summary>Waits until the lock at <paramref name="lockPath"/> is free, then takes it.</summary>
    public static async Task<CacheLock> AcquireAsync(string lockPath, Action onWaiting, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(lockPath)!);
        var waiting = false;
        while (true)
        {
            try
            {
                // On Unix, .NET takes flock(LOCK_EX | LOCK_NB) for FileShare.None.
                return new CacheLock(new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException)
            {
                if (!waiting)
                {
                    waiting = true;
                    onWaiting();
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public void Dispose() => _file.Dispose();
}
