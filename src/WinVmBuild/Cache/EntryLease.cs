namespace WinVmBuild.Cache;

/// <summary>
/// A build's use of a cache entry and of every entry it was made from (<see cref="CacheEntry.MadeFrom"/>, all the way
/// down): each is locked shared (<see cref="CacheLock"/>), so while the lease is held no build evicts any of them or sets
/// one aside. A stage holds the leases of what it uses until it is done; disposing the lease ends the use.
/// </summary>
public sealed class EntryLease : IDisposable
{
    private readonly IReadOnlyList<CacheLock> _locks;

    internal EntryLease(CacheEntry entry, IReadOnlyList<CacheLock> locks)
    {
        Entry = entry;
        _locks = locks;
    }

    public CacheEntry Entry { get; }

    /// <summary>The entry's folder.</summary>
    public string Folder => Entry.Folder;

    public void Dispose()
    {
        foreach (var held in _locks)
        {
            held.Dispose();
        }
    }
}
