using System.Security.Cryptography;
using System.Text;

namespace WinVmBuild.Host;

/// <summary>
/// The sha256 of big input files (a Windows ISO is several GB), hashed once and remembered by the file's identity
/// (device, inode, size, modification and change times), as git's index and ccache do: the same file is never hashed
/// twice, a moved or copied one is hashed again, and the bytes decide, not the path.
/// </summary>
public sealed class ContentHashes(string folder)
{
    public async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        var status = FileStatus.Of(path);
        var remembered = Path.Combine(folder, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(status.Identity))));
        if (File.Exists(remembered))
        {
            return (await File.ReadAllTextAsync(remembered, cancellationToken).ConfigureAwait(false)).Trim();
        }

        string hash;
        await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true))
        {
            hash = Hex(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        }

        // Remembered only if the file did not change while it was read.
        if (FileStatus.Of(path).Identity == status.Identity)
        {
            Directory.CreateDirectory(folder);
            await AtomicPublish.FileAsync(remembered, temporary => File.WriteAllTextAsync(temporary, hash + "\n", cancellationToken)).ConfigureAwait(false);
        }

        return hash;
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
