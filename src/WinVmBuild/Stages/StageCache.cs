using WinVmBuild.Diagnostics;
using WinVmBuild.Host;

namespace WinVmBuild.Stages;

/// <summary>
/// Where stage results live: <c>&lt;cache&gt;/&lt;stage&gt;/&lt;key&gt;/</c>. An entry is created under a lock, in a
/// temporary folder that is renamed into place only once it is complete, so a reader sees a whole entry or
/// none, and two builds never write the same entry.
/// </summary>
public sealed class StageCache(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    public string EntryPath(string stage, string key) => Path.Combine(Root, stage, key);

    /// <summary>
    /// Returns the entry for (<paramref name="stage"/>, <paramref name="key"/>), running <paramref name="create"/>
    /// to fill a temporary folder first when it does not exist yet.
    /// </summary>
    public async Task<string> GetOrCreateAsync(
        string stage, string key, IBuildLog log, Func<string, Task> create, CancellationToken cancellationToken)
    {
        var entry = EntryPath(stage, key);
        if (Directory.Exists(entry))
        {
            log.Detail($"{stage}: cached at {entry}");
            return entry;
        }

        using var entryLock = await CacheLock.AcquireAsync(
            entry + ".lock",
            () => log.Message($"{stage}: another build is creating {entry}; waiting for it"),
            cancellationToken).ConfigureAwait(false);
        if (!Directory.Exists(entry))
        {
            await AtomicPublish.DirectoryAsync(entry, create).ConfigureAwait(false);
        }

        return entry;
    }
}
