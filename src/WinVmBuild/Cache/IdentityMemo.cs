using System.Security.Cryptography;
using System.Text;
using WinVmBuild.Host;

namespace WinVmBuild.Cache;

/// <summary>
/// Text worked out from a big input file (a Windows ISO is several GB) by reading it whole — its sha256, the image list
/// of its install.wim — remembered in a folder by the file's identity (device, inode, size, modification and change
/// times), as git's index and ccache do: the same file is never read twice, a moved, copied or touched one is read
/// again, and the bytes decide, not the path.
/// </summary>
public sealed class IdentityMemo(string folder)
{
    /// <summary>What <paramref name="compute"/> made of <paramref name="path"/> before, or, the first time, what it makes now.</summary>
    public async Task<string> GetOrComputeAsync(string path, Func<Task<string>> compute, CancellationToken cancellationToken)
    {
        var status = FileStatus.Of(path);
        var remembered = Path.Combine(folder, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(status.Identity))).ToLowerInvariant());
        if (File.Exists(remembered))
        {
            return await File.ReadAllTextAsync(remembered, cancellationToken).ConfigureAwait(false);
        }

        var text = await compute().ConfigureAwait(false);

        // Remembered only if the file did not change while it was read.
        if (FileStatus.Of(path).Identity == status.Identity)
        {
            Directory.CreateDirectory(folder);
            await AtomicPublish.FileAsync(remembered, temporary => File.WriteAllTextAsync(temporary, text, cancellationToken)).ConfigureAwait(false);
        }

        return text;
    }
}
