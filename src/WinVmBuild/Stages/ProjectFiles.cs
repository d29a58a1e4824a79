using System.Text.Json;
using WinVmBuild.Host;

namespace WinVmBuild.Stages;

/// <summary>
/// The project folder as the guest receives it, entry by entry: each path (relative, with '/') and what is there
/// (<see cref="ProjectEntry"/>: any write changes a file's change time, which nothing sets back). Two listings tell what
/// the guest's copy needs to become the other.
/// </summary>
internal sealed class ProjectFiles
{
    private static readonly ProjectEntry Folder = new("folder", 0);

    private ProjectFiles(IReadOnlyDictionary<string, ProjectEntry> entries)
    {
        Entries = entries;
        Bytes = entries.Values.Sum(entry => entry.Size);
    }

    /// <summary>Path to what is there.</summary>
    public IReadOnlyDictionary<string, ProjectEntry> Entries { get; }

    /// <summary>The size of every file, in bytes: what a whole transfer sends.</summary>
    public long Bytes { get; }

    /// <summary>Everything in <paramref name="folder"/>, links not followed.</summary>
    public static ProjectFiles Scan(string folder)
    {
        var root = Path.GetFullPath(folder);
        var entries = new Dictionary<string, ProjectEntry>(StringComparer.Ordinal);
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
            entries[relative] = new ProjectEntry(status.Identity, status.Size);
        }

        return new ProjectFiles(entries);
    }

    public static ProjectFiles Parse(string json) =>
        new(JsonSerializer.Deserialize<Dictionary<string, ProjectEntry>>(json) ?? throw new InvalidDataException("An empty project listing."));

    public string ToJson() => JsonSerializer.Serialize(new SortedDictionary<string, ProjectEntry>(Entries.ToDictionary(), StringComparer.Ordinal));

    /// <summary>
    /// What turns a copy of <paramref name="baseline"/> into this: the paths to delete first (gone, or changed: a file
    /// is replaced whole, and may have become a folder or the other way round), then those to send.
    /// </summary>
    public ProjectDelta ChangesSince(ProjectFiles baseline)
    {
        var send = Entries.Where(entry => !baseline.Entries.TryGetValue(entry.Key, out var before) || before != entry.Value).ToList();
        var delete = baseline.Entries
            .Where(entry => !Entries.TryGetValue(entry.Key, out var now) || now != entry.Value)
            .Select(entry => entry.Key);
        return new ProjectDelta(Outermost(delete), [.. send.Select(entry => entry.Key).Order(StringComparer.Ordinal)], send.Sum(entry => entry.Value.Size));
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

}

/// <summary>
/// One path of a project: a file's or link's identity (device, inode, size, modification and change times) and size;
/// for a folder, only that it is one.
/// </summary>
internal sealed record ProjectEntry(string Identity, long Size);

/// <summary>What a guest holding one listing of the project needs to hold another.</summary>
/// <param name="Deleted">Paths to delete first, each not inside another.</param>
/// <param name="Sent">Paths to send (files, links, folders), in order, a folder before what it holds.</param>
/// <param name="SentBytes">The sent files' size.</param>
internal sealed record ProjectDelta(IReadOnlyList<string> Deleted, IReadOnlyList<string> Sent, long SentBytes);
