using System.Globalization;
using WinVmBuild.Diagnostics;
using WinVmBuild.Host;

namespace WinVmBuild.Cache;

/// <summary>
/// Keeps the cache's entries within a size (<c>WinVmCacheMaxSize</c>): it evicts, one at a time, the least recently used
/// of the entries nothing left in the cache was made from (a snapshot before its install, an install before its media:
/// never half of a chain), until the rest fit. An entry is taken only with its lock exclusive, never waited for: one a
/// build uses (locked shared) or makes (locked exclusive) is kept, and with it what it was made from.
/// <para>
/// Counted are the bytes the entries' files occupy on disk (a sparse RAM file counts what the guest wrote). What the cache
/// keeps beside its entries is neither counted nor evicted: Cygwin's downloads, remembered hashes and image lists,
/// registry transfers, diagnostics, and what a killed build left half-written (the next maker of that entry deletes it).
/// </para>
/// </summary>
internal sealed class CachePruner(CacheLayout layout, IBuildLog log)
{
    public PruneReport Prune(long maxSize, CancellationToken cancellationToken)
    {
        var listed = List();
        var before = Total(listed);
        var evicted = new List<string>();
        var inUse = new List<CacheEntry>();
        while (Total(listed) > maxSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var next = listed.Where(candidate => !inUse.Contains(candidate.Entry) && IsLeaf(candidate, listed)).MinBy(candidate => candidate.LastUsed);
            if (next is null)
            {
                break;
            }

            switch (Evict(next.Entry))
            {
                case Outcome.InUse:
                    inUse.Add(next.Entry);
                    break;
                case Outcome.Evicted:
                    evicted.Add(next.Entry.Name);
                    break;
            }

            listed = List();
        }

        var report = new PruneReport(before, Total(listed), maxSize, evicted, inUse.Select(entry => entry.Name).ToList());
        log.Message(report.ToString());
        return report;
    }

    /// <summary>Evicts <paramref name="entry"/> now, if no build uses it and nothing in the cache was made from it; says whether it did.</summary>
    public bool TryEvict(CacheEntry entry) => Evict(entry) == Outcome.Evicted;

    /// <summary>
    /// Evicts <paramref name="entry"/> unless a build holds it (its lock) or, looked at again under its lock, something
    /// in the cache is made from it: an entry made from it by a build that held it is on record by then.
    /// </summary>
    private Outcome Evict(CacheEntry entry)
    {
        using var exclusive = CacheLock.TryAcquire(entry.LockFile, LockMode.Exclusive);
        if (exclusive is null)
        {
            return Outcome.InUse;
        }

        var listed = List();
        if (listed.FirstOrDefault(candidate => candidate.Entry == entry) is not { } found || !IsLeaf(found, listed))
        {
            return Outcome.Kept;
        }

        Evict(found);
        return Outcome.Evicted;
    }

    /// <summary>
    /// Whether nothing in <paramref name="listed"/> was made from <paramref name="candidate"/>. An entry without a record
    /// (made by an older WinVmBuild) may have been made from any entry of the kinds its kind is made from.
    /// </summary>
    private static bool IsLeaf(Listed candidate, IReadOnlyList<Listed> listed) =>
        !listed.Any(other => other.Entry != candidate.Entry && (other.MadeFrom?.Contains(candidate.Entry) ?? other.Kind.MadeFrom.Contains(candidate.Kind)));

    private static long Total(IReadOnlyList<Listed> listed) => listed.Sum(entry => entry.Bytes);

    /// <summary>Every entry of every kind (not the hidden temporaries of builds making one), as it is now; one evicted while it is looked at is left out.</summary>
    private List<Listed> List()
    {
        var listed = new List<Listed>();
        foreach (var kind in EntryKind.All.Where(kind => Directory.Exists(layout.Entries(kind))))
        {
            foreach (var folder in Directory.EnumerateDirectories(layout.Entries(kind)).Where(folder => !Path.GetFileName(folder).StartsWith('.')))
            {
                var entry = new CacheEntry(folder);
                try
                {
                    listed.Add(new Listed(entry, kind, entry.AllocatedBytes(), entry.LastUsed, entry.MadeFrom));
                }
                catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
                {
                }
            }
        }

        return listed;
    }

    /// <summary>
    /// Renamed out of the way first (a reader sees the whole entry or none), then deleted with its stamps. Its lock file
    /// stays: another build may have it open, and one that locked a new file of the same name would not exclude it.
    /// </summary>
    private void Evict(Listed entry)
    {
        var aside = AtomicPublish.TemporaryPathFor(entry.Entry.Folder);
        Directory.Move(entry.Entry.Folder, aside);
        File.Delete(entry.Entry.UsedFile);
        File.Delete(entry.Entry.MadeFromFile);
        Directory.Delete(aside, recursive: true);
        log.Message(string.Create(
            CultureInfo.InvariantCulture,
            $"WinVmBuild: cache: evicted {entry.Entry.Name} ({ByteSize.Format(entry.Bytes)}, last used {entry.LastUsed.ToLocalTime():yyyy-MM-dd HH:mm})"));
    }

    private enum Outcome
    {
        Evicted,
        InUse,
        Kept,
    }

    private sealed record Listed(CacheEntry Entry, EntryKind Kind, long Bytes, DateTime LastUsed, IReadOnlyList<CacheEntry>? MadeFrom);
}
