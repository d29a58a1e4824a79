using System.Security.Cryptography;

namespace WinVmBuild.Cache;

/// <summary>The sha256 of big input files (a Windows ISO is several GB), hashed once per file identity (<see cref="IdentityMemo"/>).</summary>
public sealed class ContentHashes(string folder)
{
    private readonly IdentityMemo _memo = new(folder);

    public async Task<string> Sha256Async(string path, CancellationToken cancellationToken) =>
        (await _memo.GetOrComputeAsync(path, () => HashAsync(path, cancellationToken), cancellationToken).ConfigureAwait(false)).Trim();

    private static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
        return Convert.ToHexString(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false)).ToLowerInvariant() + "\n";
    }
}
