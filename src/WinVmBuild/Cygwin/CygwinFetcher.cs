using System.Security.Cryptography;
using System.Text;
using WinVmBuild.Diagnostics;
using WinVmBuild.Host;

namespace WinVmBuild.Cygwin;

/// <summary>
/// Downloads setup.ini and package archives from a mirror into a cache. Archives are content-addressed
/// (<c>&lt;cache&gt;/cygwin/archives/&lt;sha512&gt;/&lt;file name&gt;</c>), verified for size and digest before they are
/// published, and never downloaded again once there.
/// </summary>
public sealed class CygwinFetcher
{
    private readonly MirrorClient _mirror;
    private readonly string _cacheFolder;
    private readonly IBuildLog _log;

    public CygwinFetcher(MirrorClient mirror, string cacheFolder, IBuildLog log)
    {
        _mirror = mirror;
        _cacheFolder = Path.GetFullPath(cacheFolder);
        _log = log;
    }

    /// <summary>How many archives download at the same time.</summary>
    public int Parallelism { get; init; } = 4;

    /// <summary>Where <paramref name="archive"/> is (or will be) cached.</summary>
    public string CachePathOf(InstallArchive archive)
    {
        var key = archive.Hash.Kind == HashKind.Sha512 ? archive.Hash.Hex : "md5-" + archive.Hash.Hex;
        return Path.Combine(_cacheFolder, "cygwin", "archives", key, archive.FileName);
    }

    /// <summary>Fetches every archive (several at a time); the result is in the order given.</summary>
    public async Task<IReadOnlyList<FetchedArchive>> FetchArchivesAsync(IReadOnlyList<InstallArchive> archives, CancellationToken cancellationToken)
    {
        var result = new FetchedArchive[archives.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, archives.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (index, token) => result[index] = await FetchArchiveAsync(archives[index], token).ConfigureAwait(false)).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// The mirror's setup.ini (the first of setup.xz, .zst, .bz2, .ini it has), cached per mirror URL and
    /// downloaded again only when missing or when <paramref name="refresh"/> is set.
    /// </summary>
    public async Task<string> FetchSetupIniAsync(bool refresh, CancellationToken cancellationToken)
    {
        var urlKey = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(_mirror.Root.AbsoluteUri)))[..16].ToLowerInvariant();
        var folder = Path.Combine(_cacheFolder, "cygwin", "setup", urlKey);
        var cached = SetupIniFile.MirrorNames.Select(name => Path.Combine(folder, name)).FirstOrDefault(File.Exists);
        if (cached is not null && !refresh)
        {
            _log.Detail($"Using the cached setup.ini of {_mirror.Root}: {cached}");
            return cached;
        }

        foreach (var name in SetupIniFile.MirrorNames)
        {
            var path = Path.Combine(folder, name);
            try
            {
                await AtomicPublish.FileAsync(path, temporary => _mirror.DownloadAsync("x86_64/" + name, temporary, cancellationToken)).ConfigureAwait(false);
            }
            catch (WinVmException e) when (e.Code == ErrorCodes.CygwinMirrorFileNotFound)
            {
                continue;
            }

            // A refreshed mirror may publish another form than before: keep one, so the cache has no stale copy.
            foreach (var other in SetupIniFile.MirrorNames.Where(n => n != name))
            {
                File.Delete(Path.Combine(folder, other));
            }

            _log.Message($"Downloaded {_mirror.UrlOf("x86_64/" + name)}");
            return path;
        }

        throw new WinVmException(
            ErrorCodes.CygwinSetupIniNotOnMirror,
            $"The Cygwin mirror '{_mirror.Root}' has none of x86_64/{string.Join(", x86_64/", SetupIniFile.MirrorNames)}.");
    }

    private async Task<FetchedArchive> FetchArchiveAsync(InstallArchive archive, CancellationToken cancellationToken)
    {
        var path = CachePathOf(archive);
        if (File.Exists(path) && new FileInfo(path).Length == archive.Size)
        {
            _log.Detail($"Cached: {archive.FileName}");
            return new FetchedArchive(archive, path);
        }

        try
        {
            await AtomicPublish.FileAsync(path, async temporary =>
            {
                await _mirror.DownloadAsync(archive.Path, temporary, cancellationToken).ConfigureAwait(false);
                await VerifyAsync(temporary, archive, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        catch
        {
            DeleteIfEmpty(Path.GetDirectoryName(path)!);
            throw;
        }

        _log.Detail($"Downloaded and verified: {archive.FileName}");
        return new FetchedArchive(archive, path);
    }

    private async Task VerifyAsync(string file, InstallArchive archive, CancellationToken cancellationToken)
    {
        var url = _mirror.UrlOf(archive.Path);
        var size = new FileInfo(file).Length;
        if (size != archive.Size)
        {
            throw new WinVmException(
                ErrorCodes.CygwinArchiveMismatch,
                $"'{url}' has {size} bytes where setup.ini says {archive.Size}; it was not cached.");
        }

        using var hasher = archive.Hash.CreateHasher();
        var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                hasher.AppendData(buffer, 0, read);
            }
        }

        var actual = Convert.ToHexString(hasher.GetHashAndReset()).ToLowerInvariant();
        if (actual != archive.Hash.Hex)
        {
            throw new WinVmException(
                ErrorCodes.CygwinArchiveMismatch,
                $"'{url}' has {archive.Hash.Kind} {actual} where setup.ini says {archive.Hash.Hex}; it was not cached.");
        }
    }

    private static void DeleteIfEmpty(string folder)
    {
        try
        {
            if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
            }
        }
        catch (IOException)
        {
            // Another download just put a file there.
        }
    }
}
