using WinVmBuild.Diagnostics;
using WinVmBuild.Host;

namespace WinVmBuild.Cache;

/// <summary>
/// Where stage results live: <c>&lt;cache&gt;/&lt;kind&gt;/&lt;key&gt;/</c> (<see cref="CacheLayout"/>). An entry is created under a lock, in a
/// temporary folder that gets its <see cref="CacheManifest"/> and is renamed into place only once it is complete, so
/// a reader sees a whole entry or none, and two builds never write the same entry; what a killed build left
/// half-written is deleted by the next writer. An entry whose files no longer match its manifest is never handed out:
/// it is set aside and made again.
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

    /// <summary>The sha256 of big inputs (installer ISOs), remembered by file identity.</summary>
    public ContentHashes Hashes => new(Layout.Hashes);

    public string EntryPath(EntryKind kind, string key) => Path.Combine(Layout.Entries(kind), key);

    /// <summary>A digest of what <paramref name="entry"/> holds (its manifest's files and their sha256): a later stage's key takes it.</summary>
    public static Task<string> ContentDigestAsync(string entry, CancellationToken cancellationToken) =>
        CacheManifest.DigestAsync(entry, cancellationToken);

    /// <summary>
    /// Returns the entry for (<paramref name="kind"/>, <paramref name="key"/>). When there is no intact one, it is
    /// pulled from the <see cref="Registry"/> if that has it (and the kind is shared), else <paramref name="create"/>
    /// fills a temporary folder (and the entry is pushed, if the registry takes pushes).
    /// </summary>
    /// <param name="facts">What the registry's artifact says of the entry.</param>
    public async Task<string> GetOrCreateAsync(
        EntryKind kind, string key, IBuildLog log, Func<string, Task> create, CancellationToken cancellationToken, EntryFacts? facts = null)
    {
        facts ??= EntryFacts.None;
        var stage = kind.Name;
        var registry = kind.Shared ? Registry : null;
        var entry = EntryPath(kind, key);
        if (Directory.Exists(entry))
        {
            if (await CacheManifest.FindDamageAsync(entry, VerifyEveryUse, cancellationToken).ConfigureAwait(false) is not { } damage)
            {
                log.Detail($"{stage}: cached at {entry}");
                if (registry is { Push: true })
                {
                    // Built before pushing was allowed, or its push failed: shared now.
                    using var pushLock = await LockAsync(stage, entry, log, cancellationToken).ConfigureAwait(false);
                    await registry.PushAsync(kind, key, entry, facts, Layout.RegistryTransfer(kind, key), log, cancellationToken)
                        .ConfigureAwait(false);
                }

                return entry;
            }

            log.Warning(ErrorCodes.CacheEntryDamaged, $"The cache entry '{entry}' is damaged: {damage}. It is not used; it is made again.");
        }

        using var entryLock = await LockAsync(stage, entry, log, cancellationToken).ConfigureAwait(false);

        // Under the lock: what a killed build left half-written goes, and another build may have made the entry meanwhile.
        AtomicPublish.DeleteAbandoned(entry);
        if (Directory.Exists(entry) && await CacheManifest.FindDamageAsync(entry, VerifyEveryUse, cancellationToken).ConfigureAwait(false) is not null)
        {
            SetAside(entry);
        }

        if (!Directory.Exists(entry))
        {
            var pulled = false;
            await AtomicPublish.DirectoryAsync(entry, async folder =>
            {
                pulled = registry is not null
                    && await registry.TryPullAsync(kind, key, facts, folder, Layout.RegistryTransfer(kind, key), log, cancellationToken).ConfigureAwait(false);
                if (!pulled)
                {
                    await create(folder).ConfigureAwait(false);
                    await CacheManifest.WriteAsync(folder, cancellationToken).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
            if (!pulled && registry is not null)
            {
                await registry.PushAsync(kind, key, entry, facts, Layout.RegistryTransfer(kind, key), log, cancellationToken)
                    .ConfigureAwait(false);
            }
        }

        return entry;
    }

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

    /// <summary>The lock every writer of <paramref name="entry"/> holds: one build makes an entry, the others wait and use it.</summary>
    private static Task<CacheLock> LockAsync(string stage, string entry, IBuildLog log, CancellationToken cancellationToken) =>
        CacheLock.AcquireAsync(entry + ".lock", () => log.Message($"WinVmBuild: {stage}: another build is creating {entry}; waiting for it"), cancellationToken);

    /// <summary>Moves a damaged entry out of the way (a build may still have it open) and deletes it.</summary>
    private static void SetAside(string entry)
    {
        var aside = AtomicPublish.TemporaryPathFor(entry);
        Directory.Move(entry, aside);
        Directory.Delete(aside, recursive: true);
    }
}
