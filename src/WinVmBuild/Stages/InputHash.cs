using System.Security.Cryptography;
using System.Text;

namespace WinVmBuild.Stages;

/// <summary>
/// The cache key of a stage: a SHA-256 over every named input, in the order added. Two builds with the same
/// inputs get the same key, so the second reuses the first one's result; any changed input gives a new key.
/// </summary>
public sealed class InputHash
{
    /// <summary>Files larger than this are identified by path, size and time instead of their bytes
    /// (a Windows ISO is several GB: hashing it on every build would cost more than the build).</summary>
    private const long ContentHashLimit = 64L * 1024 * 1024;

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

    /// <summary>Adds a file's content (or, past <see cref="ContentHashLimit"/>, its identity).</summary>
    public InputHash AddFile(string name, string path)
    {
        Append(name);
        var file = new FileInfo(path);
        if (file.Length > ContentHashLimit)
        {
            Append($"{file.FullName}|{file.Length}|{file.LastWriteTimeUtc.Ticks}");
        }
        else
        {
            using var stream = file.OpenRead();
            Append(Convert.ToHexString(SHA256.HashData(stream)));
        }

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
