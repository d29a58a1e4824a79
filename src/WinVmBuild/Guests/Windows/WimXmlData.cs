using System.Buffers.Binary;
using System.Text;

namespace WinVmBuild.Guests.Windows;

/// <summary>
/// The XML data of a WIM file (install.wim, or install.esd, the same format), read from a stream that goes once from
/// front to back, as 7-Zip streams it out of an ISO. The 208-byte header (wimlib's <c>include/wimlib/header.h</c>,
/// <c>struct wim_header_disk</c>) holds at +0x48 the XML resource's header (<c>include/wimlib/resource.h</c>,
/// <c>struct wim_reshdr_disk</c>: a 7-byte size, a flags byte, the offset, the uncompressed size); the XML itself is
/// UTF-16LE, stored uncompressed. Microsoft's images put it after every image's data, so almost the whole file goes by
/// before it.
/// </summary>
public static class WimXmlData
{
    private const int HeaderSize = 208;
    private const int XmlResourceHeader = 0x48;

    /// <summary>WIM_RESHDR_FLAG_COMPRESSED and WIM_RESHDR_FLAG_PACKED_STREAMS (solid): data this reader cannot decompress.</summary>
    private const byte CompressedFlags = 0x04 | 0x10;

    /// <summary>Far more than any image list needs (Microsoft's multi-edition ISOs hold about 40 KB): a bigger size is damage.</summary>
    private const long MaxXmlBytes = 64 << 20;

    private static ReadOnlySpan<byte> Magic => "MSWIM\0\0\0"u8;

    /// <summary>The XML text, or null when <paramref name="wim"/> is no WIM file with uncompressed XML data.</summary>
    public static async Task<string?> ReadAsync(Stream wim, CancellationToken cancellationToken)
    {
        try
        {
            var header = new byte[HeaderSize];
            await wim.ReadExactlyAsync(header, cancellationToken).ConfigureAwait(false);
            if (!header.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            {
                return null;
            }

            var resource = header.AsSpan(XmlResourceHeader, 24);
            var size = (long)(BinaryPrimitives.ReadUInt64LittleEndian(resource) & 0x00FF_FFFF_FFFF_FFFF);
            var flags = resource[7];
            var offset = BinaryPrimitives.ReadInt64LittleEndian(resource[8..]);
            if ((flags & CompressedFlags) != 0 || size is <= 0 or > MaxXmlBytes || offset < HeaderSize)
            {
                return null;
            }

            await SkipAsync(wim, offset - HeaderSize, cancellationToken).ConfigureAwait(false);
            var xml = new byte[size];
            await wim.ReadExactlyAsync(xml, cancellationToken).ConfigureAwait(false);
            return Encoding.Unicode.GetString(xml).TrimStart('\uFEFF');
        }
        catch (EndOfStreamException)
        {
            return null;
        }
    }

    private static async Task SkipAsync(Stream stream, long count, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 20];
        while (count > 0)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new EndOfStreamException();
            }

            count -= read;
        }
    }
}
