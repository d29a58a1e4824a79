using System.Text.Json;
using WinVmBuild.Host;

namespace WinVmBuild.Stages;

/// <summary>
/// The project folder as the guest receives it, entry by entry: each path (relative, with '/'), and for a file or link
/// its identity (device, inode, size, modification and change times: any write changes the change time, which nothing
/// sets back), for a folder only that it is one. Two listings tell what the guest's copy needs to become the other.
/// </summary>
internal sealed class ProjectFiles
{
    private const string Folder = "folder";

    private ProjectFiles(IReadOnlyDictionary<string, string> entries, long bytes)
    {
        Entries = entries;
        Bytes = bytes;
    }

    /// <summary>Path to identity; <c>folder</c> for a folder.</summary>
    public IReadOnlyDictionary<string, string> Entries { get; }

    /// <summary>The size of every file, in bytes: what a whole transfer sends.</summary>
    public long Bytes { get; }

    /// <summary>Everything in <paramref name="folder"/>, links not followed.</summary>
    public static ProjectFiles Scan(string folder)
    {
        var root = Path.GetFullPath(folder);
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        var bytes = 0L;
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false };
        foreach (var path in Directory.EnumerateFileSystemEntries(root, "*", options))
        {
            var relative = Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
            var info = new FileInfo(path);
            if (info.Attributes.HasFlag(FileAttributes.Directory) && info.LinkTarget is null)
            {
                entries[relative] = Folder;
                continue;
            }

            var status = FileStatus.Of(path);
            entries[relative] = status.Identity;
            bytes += status.Size;
        }

        return new ProjectFiles(entries, bytes);
    }

    public static ProjectFiles Parse(string json)
    {
        var listing = JsonSerializer.Deserialize<Listing>(json) ?? throw new InvalidDataException("An empty project listing.");
        return new ProjectFiles(listing.Entries, listing.Bytes);
    }

    public string ToJson() => JsonSerializer.Serialize(new Listing(new SortedDictionary<string, string>(Entries.ToDictionary(), StringComparer.Ordinal), Bytes));

    /// <summary>
    /// What turns a copy of <paramref name="baseline"/> into this: the paths to delete first (gone, or changed: a file
    /// is replaced whole, and may have become a folder or the other way round), then those to send.
    /// </summary>
    public ProjectDelta ChangesSince(ProjectFiles baseline)
    {
        var send = new List<string>();
        var bytes = 0L;
        foreach (var (path, identity) in Entries)
        {
            if (!baseline.Entries.TryGetValue(path, out var before) || before != identity)
            {
                send.Add(path);
                bytes += identity == Folder ? 0 : long.Parse(identity.Split(':')[2], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        var delete = baseline.Entries
            .Where(entry => !Entries.TryGetValue(entry.Key, out var now) || (now != entry.Value))
            .Select(entry => entry.Key);
        return new ProjectDelta(Outermost(delete), [.. send.Order(StringComparer.Ordinal)], bytes);
    }

    /// <summary>The paths not inside another of them: deleting a folder deletes what it holds.</summary>
    private static List<string> Outermost(IEnumerable<string> paths)
    {
        var outermost = new List<string>();
        foreach (var path in paths.Order(StringComparer.Ordinal))
        {
            if (outermost.Count == 0 || !path.StartsWith(outermost[^1] + "/", StringComparison.Ordinal))
            {
                outermost.Add(path);
            }
        }

        return outermost;
    }

    private sealed record Listing(IReadOnlyDictionary<string, string> Entries, long Bytes);
}

/// <summary>What a guest holding one listing of the project needs to hold another.</summary>
/// <param name="Deleted">Paths to delete first, each not inside another.</param>
/// <param name="Sent">Paths to send (files, links, folders), in order, a folder before what it holds.</param>
/// <param name="SentBytes">The sent files' size.</param>
internal sealed record ProjectDelta(IReadOnlyList<string> Deleted, IReadOnlyList<string> Sent, long SentBytes);
