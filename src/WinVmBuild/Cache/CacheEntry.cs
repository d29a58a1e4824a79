using WinVmBuild.Host;

namespace WinVmBuild.Cache;

/// <summary>
/// One entry of the cache, <c>&lt;kind&gt;/&lt;key&gt;/</c>, and the files beside it (beside, not in it: its manifest lists
/// what is in it, and a registry ships only that):
/// <code>
/// &lt;key&gt;.lock     the entry's lock (CacheLock): exclusive to make, pull, set aside or evict it; shared to use it
/// &lt;key&gt;.used     its modification time is when a build last used the entry
/// &lt;key&gt;.parents  the entries it was made from, one &lt;kind&gt;/&lt;key&gt; a line: they are never evicted before it
/// &lt;key&gt;.push.lock  held by the build pushing the entry to a registry
/// </code>
/// </summary>
public sealed record CacheEntry(string Folder)
{
    /// <summary>The lock file, which stays when the entry goes: another build may hold it open, and a new one would be another lock.</summary>
    public string LockFile => Folder + ".lock";

    public string UsedFile => Folder + ".used";

    /// <summary>
    /// The lock of a push's transfer folder: a push only reads the entry, holding its lock shared as every build using it
    /// does, so the folder it writes needs a lock of its own.
    /// </summary>
    public string PushLockFile => Folder + ".push.lock";

    public string MadeFromFile => Folder + ".parents";

    /// <summary><c>&lt;kind&gt;/&lt;key&gt;</c>: the entry as messages and its children's records name it.</summary>
    public string Name => $"{KindName}/{Path.GetFileName(Folder)}";

    /// <summary>The name of its <see cref="EntryKind"/>: the folder it is in.</summary>
    public string KindName => Path.GetFileName(Path.GetDirectoryName(Folder))!;

    /// <summary>The cache folder the entry is in.</summary>
    private string Root => Path.GetDirectoryName(Path.GetDirectoryName(Folder))!;

    /// <summary>The entry <paramref name="key"/> of <paramref name="kind"/> in the cache at <paramref name="layout"/>.</summary>
    public static CacheEntry Of(CacheLayout layout, EntryKind kind, string key) => new(Path.Combine(layout.Entries(kind), key));

    /// <summary>The entry at <paramref name="folder"/> (a stage's output path).</summary>
    public static CacheEntry At(string folder) => new(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));

    public bool Exists => Directory.Exists(Folder);

    /// <summary>When a build last used the entry; for one no build marked since it was made, when its folder last changed.</summary>
    public DateTime LastUsed => File.Exists(UsedFile) ? File.GetLastWriteTimeUtc(UsedFile) : Directory.GetLastWriteTimeUtc(Folder);

    /// <summary>Records that a build uses the entry now. Best effort: a cache this user cannot write still builds, only its eviction order is older.</summary>
    public void MarkUsed()
    {
        try
        {
            using (new FileStream(UsedFile, FileMode.OpenOrCreate, FileAccess.Write))
            {
            }

            File.SetLastWriteTimeUtc(UsedFile, DateTime.UtcNow);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The entries this one was made from, as recorded; null when it has no record (made by a WinVmBuild before records).</summary>
    public IReadOnlyList<CacheEntry>? MadeFrom
    {
        get
        {
            try
            {
                return File.ReadAllLines(MadeFromFile).Where(line => line.Length > 0).Select(name => new CacheEntry(Path.Combine(Root, name))).ToList();
            }
            catch (FileNotFoundException)
            {
                return null;
            }
        }
    }

    /// <summary>Records that this entry was made from <paramref name="parents"/> (none: made from nothing in the cache).</summary>
    public Task RecordMadeFromAsync(IEnumerable<CacheEntry> parents) =>
        AtomicPublish.FileAsync(MadeFromFile, temporary => File.WriteAllLinesAsync(temporary, parents.Select(parent => parent.Name).Distinct(StringComparer.Ordinal)));

    /// <summary>The bytes the entry's files occupy on disk: a sparse file counts what it really holds, not its size.</summary>
    public long AllocatedBytes() =>
        Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories).Sum(file => FileStatus.Of(file).AllocatedBytes);

    public override string ToString() => Name;
}
