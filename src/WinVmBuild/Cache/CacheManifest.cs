using System.Security.Cryptography;
using System.Text.Json;
using WinVmBuild.Host;

namespace WinVmBuild.Cache;

/// <summary>
/// What a cache entry holds: each file's size and sha256, and the identity it had when it was hashed
/// (<see cref="FileStatus.Identity"/>), written last into an entry before it is published. On every use each file's
/// identity is compared with the manifest; only a file whose identity changed is hashed again (hashing the GBs of a
/// disk or RAM file on every build would cost more than the build), and a file whose bytes changed makes the entry
/// damaged: it is never used. <c>WinVmVerifyCache=true</c> hashes every file on every use.
/// </summary>
internal static class CacheManifest
{
    public const string FileName = "manifest.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Hashes every file of <paramref name="folder"/> and writes the manifest beside them.</summary>
    public static async Task WriteAsync(string folder, CancellationToken cancellationToken)
    {
        var files = new List<ManifestFile>();
        foreach (var path in Directory.EnumerateFiles(folder).Where(path => Path.GetFileName(path) != FileName).Order(StringComparer.Ordinal))
        {
            files.Add(await DescribeAsync(path, cancellationToken).ConfigureAwait(false));
        }

        await SaveAsync(folder, files).ConfigureAwait(false);
    }

    /// <summary>Null when every file of <paramref name="entry"/> is as the manifest says; else what is wrong.</summary>
    /// <param name="hashEveryFile">Hash each file even when its identity is the recorded one (<c>WinVmVerifyCache</c>).</param>
    public static async Task<string?> FindDamageAsync(string entry, bool hashEveryFile, CancellationToken cancellationToken)
    {
        var manifestPath = Path.Combine(entry, FileName);
        if (!File.Exists(manifestPath))
        {
            return "it has no manifest (an entry of an older WinVmBuild, or one that was never completed)";
        }

        List<ManifestFile> files;
        try
        {
            files = JsonSerializer.Deserialize<List<ManifestFile>>(await File.ReadAllTextAsync(manifestPath, cancellationToken).ConfigureAwait(false)) ?? [];
        }
        catch (JsonException)
        {
            return "its manifest cannot be read";
        }

        var refreshed = new List<ManifestFile>();
        foreach (var file in files)
        {
            var path = Path.Combine(entry, file.Name);
            if (!File.Exists(path))
            {
                return $"'{file.Name}' is missing";
            }

            var status = FileStatus.Of(path);
            if (status.Size != file.Size)
            {
                return $"'{file.Name}' has {status.Size} bytes instead of {file.Size}";
            }

            if (status.Identity == file.Identity && !hashEveryFile)
            {
                refreshed.Add(file);
                continue;
            }

            // Touched, copied or restored: the bytes decide.
            var now = await DescribeAsync(path, cancellationToken).ConfigureAwait(false);
            if (now.Sha256 != file.Sha256)
            {
                return $"'{file.Name}' was modified (its sha256 is not the one recorded when the entry was made)";
            }

            refreshed.Add(now);
        }

        if (!refreshed.SequenceEqual(files))
        {
            // Remembered, so the next use is cheap again; an entry this user cannot write is simply hashed again next time.
            try
            {
                await SaveAsync(entry, refreshed).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Diagnostics.WinVmException)
            {
            }
        }

        return null;
    }

    /// <summary>One digest of every file's name and sha256, as recorded: what the entry holds, whatever its path.</summary>
    public static async Task<string> DigestAsync(string entry, CancellationToken cancellationToken)
    {
        var files = JsonSerializer.Deserialize<List<ManifestFile>>(
            await File.ReadAllTextAsync(Path.Combine(entry, FileName), cancellationToken).ConfigureAwait(false)) ?? [];
        var lines = string.Concat(files.Select(file => $"{file.Name}\0{file.Sha256}\n"));
        return Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(lines))).ToLowerInvariant();
    }

    private static async Task<ManifestFile> DescribeAsync(string path, CancellationToken cancellationToken)
    {
        var before = FileStatus.Of(path);
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
        return new ManifestFile(Path.GetFileName(path), before.Size, Convert.ToHexString(hash).ToLowerInvariant(), before.Identity);
    }

    private static Task SaveAsync(string folder, IReadOnlyList<ManifestFile> files) =>
        AtomicPublish.FileAsync(Path.Combine(folder, FileName), temporary => File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(files, Json)));

    private sealed record ManifestFile(string Name, long Size, string Sha256, string Identity);
}
