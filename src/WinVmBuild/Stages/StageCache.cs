using WinVmBuild.Diagnostics;
using WinVmBuild.Host;

namespace WinVmBuild.Stages;

/// <summary>
/// Where stage results live: <c>&lt;cache&gt;/&lt;stage&gt;/&lt;key&gt;/</c>. An entry is created under a lock, in a
/// temporary folder that gets its <see cref="CacheManifest"/> and is renamed into place only once it is complete, so
/// a reader sees a whole entry or none, and two builds never write the same entry; what a killed build left
/// half-written is deleted by the next writer. An entry whose files no longer match its manifest is never handed out:
/// it is set aside and made again.
/// </summary>
public sealed class StageCache(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>Hash every file of an entry on every use, not only those whose identity changed (<c>WinVmVerifyCache</c>).</summary>
    public bool VerifyEveryUse { get; init; }

    /// <summary>The sha256 of big inputs (installer ISOs), remembered by file identity in <c>hashes/</c>.</summary>
    public ContentHashes Hashes => new(Path.Combine(Root, "hashes"));

    public string EntryPath(string stage, string key) => Path.Combine(Root, stage, key);

    /// <summary>A digest of what <paramref name="entry"/> holds (its manifest's files and their sha256): a later stage's key takes it.</summary>
    public static Task<string> ContentDigestAsync(string entry, CancellationToken cancellationToken) =>
        CacheManifest.DigestAsync(entry, cancellationToken);

    /// <summary>
    /// Returns the entry for (<paramref name="stage"/>, <paramref name="key"/>), running <paramref name="create"/>
    /// to fill a temporary folder first when there is no intact one.
    /// </summary>
    public async Task<string> GetOrCreateAsync(
        string stage, string key, IBuildLog log, Func<string, Task> create, CancellationToken cancellationToken)
    {
        var entry = EntryPath(stage, key);
        if (Directory.Exists(entry))
        {
            if (await CacheManifest.FindDamageAsync(entry, VerifyEveryUse, cancellationToken).ConfigureAwait(false) is not { } damage)
            {
                log.Detail($"{stage}: cached at {entry}");
                return entry;
            }

            log.Warning(ErrorCodes.CacheEntryDamaged, $"The cache entry '{entry}' is damaged: {damage}. It is not used; it is made again.");
        }

        using var entryLock = await CacheLock.AcquireAsync(
            entry + ".lock",
            () => log.Message($"WinVmBuild: {stage}: another build is creating {entry}; waiting for it"),
            cancellationToken).ConfigureAwait(false);

        // Under the lock: what a killed build left half-written goes, and another build may have made the entry meanwhile.
        AtomicPublish.DeleteAbandoned(entry);
        if (Directory.Exists(entry) && await CacheManifest.FindDamageAsync(entry, VerifyEveryUse, cancellationToken).ConfigureAwait(false) is not null)
        {
            SetAside(entry);
        }

        if (!Directory.Exists(entry))
        {
            await AtomicPublish.DirectoryAsync(entry, async folder =>
            {
                await create(folder).ConfigureAwait(false);
                await CacheManifest.WriteAsync(folder, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
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

    /// <summary>Moves a damaged entry out of the way (a build may still have it open) and deletes it.</summary>
    private static void SetAside(string entry)
    {
        var aside = AtomicPublish.TemporaryPathFor(entry);
        Directory.Move(entry, aside);
        Directory.Delete(aside, recursive: true);
    }
}
