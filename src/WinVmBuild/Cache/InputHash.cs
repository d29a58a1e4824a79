using System.Security.Cryptography;
using System.Text;

namespace WinVmBuild.Cache;

/// <summary>
/// The cache key of a stage: a SHA-256 over every named input, in the order added. Two builds with the same
/// inputs get the same key, so the second reuses the first one's result; any changed input gives a new key.
/// Files enter by their bytes; a big one (an installer ISO) by the digest <see cref="ContentHashes"/> remembers.
/// </summary>
public sealed class InputHash
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public InputHash Add(string name, string? value)
    {
        Append(name);
        Append(value ?? "\0null");
        return this;
    }

    public InputHash Add(string name, IEnumerable<string> values)
    {
        Append(name);
        foreach (var value in values)
        {
            Append(value);
        }

        return this;
    }

    /// <summary>Adds a file's bytes; a null path adds "no file".</summary>
    public InputHash AddFile(string name, string? path)
    {
        Append(name);
        if (path is null)
        {
            Append("\0none");
            return this;
        }

        using var stream = File.OpenRead(path);
        Append(Convert.ToHexString(SHA256.HashData(stream)));
        return this;
    }

    /// <summary>The key: 32 lowercase hex characters, short enough for folder names.</summary>
    public string Finish() => Convert.ToHexString(_hash.GetHashAndReset())[..32].ToLowerInvariant();

    private void Append(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        _hash.AppendData(BitConverter.GetBytes(bytes.Length));
        _hash.AppendData(bytes);
    }
}
