using System.Text;
using WinVmBuild.Host;

namespace WinVmBuild.Vm;

/// <summary>
/// An initramfs built in process: an uncompressed "newc" cpio archive that the kernel unpacks as its
/// first root. Entries are written sorted and with fixed times and owners, so the same inputs always give
/// the same bytes (and the same cache key).
/// </summary>
public sealed class Initrd
{
    private const int RegularFile = 0x8000;
    private const int Directory = 0x4000;
    private const int SymbolicLink = 0xA000;

    private readonly SortedDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Adds <paramref name="content"/> as a file at <paramref name="path"/> (missing folders are added).</summary>
    public Initrd AddFile(string path, byte[] content, int permissions = 0b110_100_100)
    {
        Add(path, new Entry(RegularFile | permissions, content));
        return this;
    }

    public Initrd AddText(string path, string content, int permissions = 0b110_100_100) =>
        AddFile(path, Encoding.UTF8.GetBytes(content), permissions);

    /// <summary>Adds a copy of a host file, keeping its permission bits.</summary>
    public Initrd AddHostFile(string path, string hostPath) =>
        AddFile(path, File.ReadAllBytes(hostPath), (int)File.GetUnixFileMode(hostPath) & 0xFFF);

    public Initrd AddDirectory(string path, int permissions = 0b111_101_101)
    {
        Add(path, new Entry(Directory | permissions, []));
        return this;
    }

    public Initrd AddSymbolicLink(string path, string target)
    {
        Add(path, new Entry(SymbolicLink | 0b111_111_111, Encoding.UTF8.GetBytes(target)));
        return this;
    }

    /// <summary>
    /// Adds a dynamically linked host program at the same path, with every shared library <c>ldd</c> lists
    /// for it (and the dynamic loader) at their host paths.
    /// </summary>
    public async Task<Initrd> AddHostProgramAsync(string hostPath, CancellationToken cancellationToken)
    {
        AddHostFile(hostPath, hostPath);
        var ldd = await ProcessRunner.RunAsync(new ProcessSpec("ldd", [hostPath]) { DebianPackage = "libc-bin" }, cancellationToken)
            .ConfigureAwait(false);
        foreach (var line in ldd.StandardOutput.Split('\n'))
        {
            // "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)" or "/lib64/ld-linux-x86-64.so.2 (0x...)"
            var library = line.Split("=>").Last().Trim().Split(' ')[0];
            if (library.StartsWith('/') && !_entries.ContainsKey(Relative(library)))
            {
                AddHostFile(library, library);
            }
        }

        return this;
    }

    /// <summary>Writes the archive to <paramref name="path"/> atomically.</summary>
    public Task WriteAsync(string path) => AtomicPublish.FileAsync(path, async temporary =>
    {
        await using var stream = File.Create(temporary);
        var inode = 1;
        foreach (var (name, entry) in _entries)
        {
            WriteEntry(stream, name, entry, inode++);
        }

        WriteEntry(stream, "TRAILER!!!", new Entry(0, []), 0);
    });

    private void Add(string path, Entry entry)
    {
        var relative = Relative(path);
        for (var parent = Path.GetDirectoryName(relative); !string.IsNullOrEmpty(parent); parent = Path.GetDirectoryName(parent))
        {
            _entries.TryAdd(parent, new Entry(Directory | 0b111_101_101, []));
        }

        _entries[relative] = entry;
    }

    private static string Relative(string path) => path.TrimStart('/');

    private static void WriteEntry(Stream stream, string name, Entry entry, int inode)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name + "\0");
        var isDirectory = (entry.Mode & 0xF000) == Directory;
        var header = new StringBuilder("070701");
        foreach (var field in new[] { inode, entry.Mode, 0, 0, isDirectory ? 2 : 1, 0, entry.Content.Length, 0, 0, 0, 0, nameBytes.Length, 0 })
        {
            header.Append(field.ToString("x8", System.Globalization.CultureInfo.InvariantCulture));
        }

        stream.Write(Encoding.ASCII.GetBytes(header.ToString()));
        stream.Write(nameBytes);
        Pad(stream);
        stream.Write(entry.Content);
        Pad(stream);
    }

    private static void Pad(Stream stream)
    {
        while (stream.Position % 4 != 0)
        {
            stream.WriteByte(0);
        }
    }

    private sealed record Entry(int Mode, byte[] Content);
}
