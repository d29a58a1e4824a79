using System.Buffers.Binary;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace WinVmBuild.Host;

/// <summary>
/// What the kernel knows of a file without reading it (<c>statx</c>): its size, the bytes it really occupies (less
/// than its size when it is sparse), and the identity git's index and ccache trust — device, inode, modification and
/// change times. A file rewritten, truncated, replaced or touched changes at least one of them.
/// </summary>
public sealed record FileStatus(long Size, long AllocatedBytes, ulong Device, ulong Inode, long ModifiedNanoseconds, long ChangedNanoseconds)
{
    private const int CurrentDirectory = -100;
    private const int NoFollow = 0x100;
    private const uint BasicStats = 0x7ff;

    /// <summary>The identity part, as one comparable string.</summary>
    public string Identity => $"{Device}:{Inode}:{Size}:{ModifiedNanoseconds}:{ChangedNanoseconds}";

    public bool IsSparse => AllocatedBytes < Size;

    /// <summary>The status of <paramref name="path"/> itself (a link is not followed).</summary>
    public static FileStatus Of(string path)
    {
        // struct statx (linux/stat.h): 256 bytes, fixed offsets.
        var buffer = new byte[256];
        if (Statx(CurrentDirectory, NulTerminated(path), NoFollow, BasicStats, buffer) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            throw error == 2
                ? new FileNotFoundException($"'{path}' does not exist.", path)
                : new IOException($"statx '{path}': {new Win32Exception(error).Message}");
        }

        var span = buffer.AsSpan();
        return new FileStatus(
            Size: (long)BinaryPrimitives.ReadUInt64LittleEndian(span[40..]),
            AllocatedBytes: (long)BinaryPrimitives.ReadUInt64LittleEndian(span[48..]) * 512,
            Device: ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(span[136..]) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(span[140..]),
            Inode: BinaryPrimitives.ReadUInt64LittleEndian(span[32..]),
            ModifiedNanoseconds: Nanoseconds(span[112..]),
            ChangedNanoseconds: Nanoseconds(span[96..]));
    }

    private static long Nanoseconds(ReadOnlySpan<byte> timestamp) =>
        (BinaryPrimitives.ReadInt64LittleEndian(timestamp) * 1_000_000_000) + BinaryPrimitives.ReadUInt32LittleEndian(timestamp[8..]);

    /// <summary>A path as the kernel takes it: its UTF-8 bytes and a NUL.</summary>
    internal static byte[] NulTerminated(string path) => System.Text.Encoding.UTF8.GetBytes(path + "\0");

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directory, byte[] path, int flags, uint mask, [Out] byte[] buffer);
}
