using WinVmBuild.Diagnostics;
using WinVmBuild.Host;

namespace WinVmBuild.Cache;

/// <summary>
/// Where stage results live: <c>&lt;cache&gt;/&lt;kind&gt;/&lt;key&gt;/</c> (<see cref="CacheLayout"/>). An entry is created under a lock, in a
/// temporary folder that gets its <see cref="CacheManifest"/> and is renamed into place only once it is complete, so
/// a reader sees a whole entry or none, and two builds never write the same entry; what a killed build left
/// half-written is deleted by the next writer. An entry whose files no longer match its manifest is never handed out:
/// it is set aside and made again.
/// <para>
/// An entry is handed out as an <see cref="EntryLease"/>: its lock and those of the entries it was made from held shared,
/// its use stamped (<see cref="CacheEntry"/>). With <see cref="MaxSize"/>, each new entry is followed by pruning
/// (<see cref="CachePruner"/>), which evicts only entries no build holds.
/// </para>
/// </summary>
public sealed class StageCache(string root)
{
    public string Root => Layout.Root;

    /// <summary>Every folder of the cache.</summary>
    public CacheLayout Layout { get; } = new(root);

    /// <summary>Hash every file of an entry on every use, not only those whose identity changed (<c>WinVmVerifyCache</c>).</summary>
    public bool VerifyEveryUse { get; init; }

    /// <summary>The registry shared entries are pulled from on a miss, and pushed to (WinVmCacheRegistry), or null.</summary>
    public IEntryRegistry? Registry { get; init; }

    /// <summary>The most bytes the entries may take (WinVmCacheMaxSize): after a new one, the cache is pruned to it. Null: no limit.</summary>
    public long? MaxSize { get; init; }

    /// <summary>The sha256 of big inputs (installer ISOs), remembered by file identity.</summary>
    public ContentHashes Hashes => new(Layout.Hashes);

    public string EntryPath(EntryKind kind, string key) => CacheEntry.Of(Layout, kind, key).Folder;

    /// <summary>A digest of what <paramref name="entry"/> holds (its manifest's files and their sha256): a later stage's key takes it.</summary>
    public static Task<string> ContentDigestAsync(string entry, CancellationToken cancellationToken) =>
        CacheManifest.DigestAsync(entry, cancellationToken);

    /// <summary>
    /// Returns a lease on the entry for (<paramref name="kind"/>, <paramref name="key"/>). When there is no intact one,
    /// it is pulled from the <see cref="Registry"/> if that has it (and the kind is shared), else <paramref name="create"/>
    /// fills a temporary folder (and the entry is pushed, if the registry takes pushes); either way it records what it
    /// was made from, and then, with <see cref="MaxSize"/> set, the cache is pruned.
    /// </summary>
    /// <param name="facts">What the registry's artifact says of the entry.</param>
    /// <param name="madeFrom">The entries the stage makes this one from, which it holds while it does.</param>
    public async Task<EntryLease> GetOrCreateAsync(
        EntryKind kind, string key, IBuildLog log, Func<string, Task> create, CancellationToken cancellationToken, EntryFacts? facts = null,
        IReadOnlyList<EntryLease>? madeFrom = null)
    {
        facts ??= EntryFacts.None;
        var stage = kind.Name;
        var registry = kind.Shared ? Registry : null;
        var entry = CacheEntry.Of(Layout, kind, key);
        var parents = (madeFrom ?? []).Select(lease => lease.Entry).ToList();
        var damaged = false;
        var published = false;
        var pulled = false;
        while (true)
        {
            if (entry.Exists && await TryUseAsync(entry, stage, log, cancellationToken).ConfigureAwait(false) is { } lease)
            {
                if (await CacheManifest.FindDamageAsync(entry.Folder, VerifyEveryUse, cancellationToken).ConfigureAwait(false) is not { } damage)
                {
                    try
                    {
                        await ReadyAsync(kind, key, entry, parents, published, pulled, facts, log, cancellationToken).ConfigureAwait(false);
                        return lease;
                    }
                    catch
                    {
                        lease.Dispose();
                        throw;
                    }
                }

                lease.Dispose();
                if (!damaged)
                {
                    log.Warning(ErrorCodes.CacheEntryDamaged, $"The cache entry '{entry.Folder}' is damaged: {damage}. It is not used; it is made again.");
                    damaged = true;
                }
            }

            // Missing or damaged: made under the exclusive lock. While waiting for it, an entry another build publishes is
            // used instead (a damaged one is waited for: the builds still using it must be done before it goes).
            using var writer = await LockAsync(stage, entry, LockMode.Exclusive, log, cancellationToken, wanted: () => damaged || !entry.Exists)
                .ConfigureAwait(false);
            if (writer is null)
            {
                continue;
            }

            // Under the lock: what a killed build left half-written goes, and another build may have made the entry meanwhile.
            AtomicPublish.DeleteAbandoned(entry.Folder);
            if (entry.Exists && await CacheManifest.FindDamageAsync(entry.Folder, VerifyEveryUse, cancellationToken).ConfigureAwait(false) is not null)
            {
                SetAside(entry.Folder);
            }

            if (!entry.Exists)
            {
                await entry.RecordMadeFromAsync(parents).ConfigureAwait(false);
                await AtomicPublish.DirectoryAsync(entry.Folder, async folder =>
                {
                    pulled = registry is not null
                        && await registry.TryPullAsync(kind, key, facts, folder, Layout.RegistryTransfer(kind, key), log, cancellationToken).ConfigureAwait(false);
                    if (!pulled)
                    {
                        await create(folder).ConfigureAwait(false);
                        await CacheManifest.WriteAsync(folder, cancellationToken).ConfigureAwait(false);
                    }
                }).ConfigureAwait(false);
                published = true;
            }

            damaged = false;
        }
    }

    /// <summary>
    /// A lease on the entry at <paramref name="folder"/> and on every entry it was made from, each marked used now. Throws
    /// WVB0405 when one of them is gone (evicted, or deleted by hand).
    /// </summary>
    public static async Task<EntryLease> UseAsync(string folder, IBuildLog log, CancellationToken cancellationToken)
    {
        var entry = CacheEntry.At(folder);
        return await TryUseAsync(entry, entry.KindName, log, cancellationToken).ConfigureAwait(false) ?? throw Gone(entry);
    }

    /// <summary>Evicts the entry at <paramref name="folder"/> if no build uses it and nothing was made from it (<see cref="CachePruner.TryEvict"/>).</summary>
    public bool TryEvict(string folder, IBuildLog log) => new CachePruner(Layout, log).TryEvict(CacheEntry.At(folder));

    /// <summary>
    /// Evicts entries until those left take at most <paramref name="maxSize"/> bytes: the least recently used first, only
    /// entries nothing left was made from, never one a build holds (<see cref="CachePruner"/>).
    /// </summary>
    public PruneReport Prune(long maxSize, IBuildLog log, CancellationToken cancellationToken) =>
        new CachePruner(Layout, log).Prune(maxSize, cancellationToken);

    /// <summary>
    /// What follows finding or publishing an intact entry, under its lease: the record of what it was made from (an entry
    /// of an older WinVmBuild has none yet), its push (unless it came from the registry), and pruning after a new one.
    /// </summary>
    private async Task ReadyAsync(
        EntryKind kind, string key, CacheEntry entry, IReadOnlyList<CacheEntry> parents, bool published, bool pulled, EntryFacts facts, IBuildLog log,
        CancellationToken cancellationToken)
    {
        if (!published)
        {
            log.Detail($"{kind.Name}: cached at {entry.Folder}");
            if (!File.Exists(entry.MadeFromFile))
            {
                await entry.RecordMadeFromAsync(parents).ConfigureAwait(false);
            }
        }

        if (kind.Shared && Registry is { Push: true } registry && !pulled)
        {
            // Pushing reads the entry, which the lease keeps. One build pushes it at a time; the others need not wait for it.
            using var pushing = CacheLock.TryAcquire(entry.PushLockFile, LockMode.Exclusive);
            if (pushing is null)
            {
                log.Detail($"{kind.Name}: another build is pushing {entry.Folder}");
            }
            else
            {
                await registry.PushAsync(kind, key, entry.Folder, facts, Layout.RegistryTransfer(kind, key), log, cancellationToken).ConfigureAwait(false);
            }
        }

        if (published && MaxSize is { } maxSize)
        {
            Prune(maxSize, log, cancellationToken);
        }
    }

    /// <summary>A lease on <paramref name="entry"/> and what it was made from; null when the entry itself is gone.</summary>
    private static async Task<EntryLease?> TryUseAsync(CacheEntry entry, string stage, IBuildLog log, CancellationToken cancellationToken)
    {
        var locks = new List<CacheLock>();
        try
        {
            var pending = new Queue<CacheEntry>([entry]);
            var seen = new HashSet<CacheEntry>();
            while (pending.TryDequeue(out var next))
            {
                if (!seen.Add(next))
                {
                    continue;
                }

                locks.Add((await LockAsync(stage, next, LockMode.Shared, log, cancellationToken).ConfigureAwait(false))!);
                if (!next.Exists)
                {
                    // Evicted before it was locked: the entry itself is made again; what it was made from cannot be gone while it exists.
                    return next == entry ? null : throw Gone(next);
                }

                next.MarkUsed();
                foreach (var parent in next.MadeFrom ?? [])
                {
                    pending.Enqueue(parent);
                }
            }

            var lease = new EntryLease(entry, locks);
            locks = [];
            return lease;
        }
        finally
        {
            foreach (var held in locks)
            {
                held.Dispose();
            }
        }
    }

    private static WinVmException Gone(CacheEntry entry) => new(
        ErrorCodes.StageInputMissing,
        $"The cache entry '{entry.Folder}' is gone (evicted to keep the cache under WinVmCacheMaxSize, or deleted). Build again: " +
        "the stage that makes it makes it anew.") { File = entry.Folder };

    /// <summary>Throws WVB0406 when <paramref name="entry"/>'s files are not those its manifest lists: it must not be used.</summary>
    public async Task EnsureIntactAsync(string entry, CancellationToken cancellationToken)
    {
        if (await CacheManifest.FindDamageAsync(entry, VerifyEveryUse, cancellationToken).ConfigureAwait(false) is { } damage)
        {
            throw new WinVmException(
                ErrorCodes.CacheEntryDamaged,
                $"The cache entry '{entry}' is damaged: {damage}. It was not used. Build again: the stage that makes it " +
                "sets it aside and makes it anew.") { File = entry };
        }
    }

    /// <summary>
    /// The entry's lock: exclusive to make it (one build makes an entry, the others wait and use it), shared to use it.
    /// Null when <paramref name="wanted"/> says it is needed no more before it is free.
    /// </summary>
    private static Task<CacheLock?> LockAsync(
        string stage, CacheEntry entry, LockMode mode, IBuildLog log, CancellationToken cancellationToken, Func<bool>? wanted = null) =>
        CacheLock.AcquireAsync(
            entry.LockFile, mode, () => log.Message($"WinVmBuild: {stage}: another build is creating {entry.Folder}; waiting for it"), wanted ?? (() => true),
            cancellationToken);

    /// <summary>Moves a damaged entry out of the way (a build may still have it open) and deletes it.</summary>
    private static void SetAside(string entry)
    {
        var aside = AtomicPublish.TemporaryPathFor(entry);
        Directory.Move(entry, aside);
        Directory.Delete(aside, recursive: true);
    }
}
