using WinVmBuild.Cache;
using WinVmBuild.Cygwin;
using WinVmBuild.Diagnostics;

namespace WinVmBuild.Testing;

/// <summary>
/// What a fault may never leave in a cache folder: anything half-written (the hidden temporary of an entry, or of a
/// file that is published whole), an entry whose files are not those of its manifest, a Cygwin archive whose bytes are
/// not those its hash names.
/// </summary>
internal static class CacheAudit
{
    /// <summary>Each bad thing in the cache <paramref name="cacheRoot"/>, with what is wrong with it.</summary>
    public static async Task<IReadOnlyList<string>> BadEntriesAsync(string cacheRoot)
    {
        if (!Directory.Exists(cacheRoot))
        {
            return [];
        }

        var bad = new SortedSet<string>(
            Directory.EnumerateFileSystemEntries(cacheRoot, ".*.tmp", SearchOption.AllDirectories).Select(path => path + " (half-written)"),
            StringComparer.Ordinal);
        var layout = new CacheLayout(cacheRoot);
        foreach (var stage in EntryKind.All.Select(layout.Entries).Where(Directory.Exists))
        {
            foreach (var entry in Directory.EnumerateDirectories(stage))
            {
                bad.UnionWith(await EntryDamageAsync(cacheRoot, entry));
            }
        }

        var archives = Path.Combine(layout.Cygwin, "archives");
        if (Directory.Exists(archives))
        {
            foreach (var folder in Directory.EnumerateDirectories(archives))
            {
                bad.UnionWith(await ArchiveDamageAsync(folder));
            }
        }

        return [.. bad];
    }

    private static async Task<IEnumerable<string>> EntryDamageAsync(string cacheRoot, string entry)
    {
        if (Path.GetFileName(entry).StartsWith('.'))
        {
            return [entry + " (half-written)"];
        }

        try
        {
            await new StageCache(cacheRoot) { VerifyEveryUse = true }.EnsureIntactAsync(entry, CancellationToken.None);
            return [];
        }
        catch (WinVmException e)
        {
            return [$"{entry} ({e.Message})"];
        }
    }

    /// <summary>An archive's folder is named by its hash (<c>&lt;sha512&gt;</c> or <c>md5-&lt;md5&gt;</c>): every file in it must have that hash.</summary>
    private static async Task<IEnumerable<string>> ArchiveDamageAsync(string folder)
    {
        var name = Path.GetFileName(folder);
        var hash = name.StartsWith("md5-", StringComparison.Ordinal) ? new ArchiveHash(HashKind.Md5, name[4..]) : new ArchiveHash(HashKind.Sha512, name);
        var bad = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder).Where(file => !Path.GetFileName(file).StartsWith('.')))
        {
            using var hasher = hash.CreateHasher();
            hasher.AppendData(await File.ReadAllBytesAsync(file));
            if (!Convert.ToHexString(hasher.GetHashAndReset()).Equals(hash.Hex, StringComparison.OrdinalIgnoreCase))
            {
                bad.Add($"{file} (its bytes are not those of {hash})");
            }
        }

        return bad;
    }
}
