using System.Net;
using WinVmBuild.Diagnostics;

namespace WinVmBuild.Cygwin;

/// <summary>
/// Reads files from a Cygwin mirror: <c>http(s)://</c> through HttpClient, retrying transient failures (connection
/// errors, timeouts, 5xx) three times with backoff, or <c>file://</c> by copying. A missing file is final at once.
/// </summary>
public sealed class MirrorClient
{
    private const int Attempts = 3;
    private const long ProgressThreshold = 16 << 20;

    private static readonly HttpClient Http = new(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(20),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    })
    {
        Timeout = TimeSpan.FromSeconds(100),
    };

    private readonly IBuildLog _log;

    public MirrorClient(string mirror, IBuildLog log)
    {
        Root = RootOf(mirror);
        _log = log;
    }

    public Uri Root { get; }

    /// <summary>The mirror's URL with its trailing slash, or WVB0106 when it is not an absolute http(s):// or file:// URL.</summary>
    public static Uri RootOf(string mirror)
    {
        // A mirror without its trailing slash would lose its last folder when relative paths are resolved.
        var withSlash = mirror.EndsWith('/') ? mirror : mirror + "/";
        return Uri.TryCreate(withSlash, UriKind.Absolute, out var root) && root.Scheme is "http" or "https" or "file"
            ? root
            : throw new WinVmException(
                ErrorCodes.CygwinMirrorUrlUnsupported,
                $"WinVmCygwinMirror '{mirror}' is not an absolute http://, https:// or file:// URL, such as " +
                "https://mirrors.kernel.org/sourceware/cygwin/ or file:///srv/cygwin/.");
    }

    /// <summary>The first retry waits this long, each further one twice as long.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromSeconds(0.5);

    public Uri UrlOf(string relativePath) => new(Root, relativePath);

    /// <summary>Writes the mirror's <paramref name="relativePath"/> to <paramref name="destination"/> (created or replaced).</summary>
    public async Task DownloadAsync(string relativePath, string destination, CancellationToken cancellationToken)
    {
        var url = UrlOf(relativePath);
        if (url.IsFile)
        {
            await CopyLocalAsync(url, destination, cancellationToken).ConfigureAwait(false);
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await DownloadOnceAsync(url, destination, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (IsTransient(e, cancellationToken))
            {
                if (attempt == Attempts)
                {
                    throw new WinVmException(
                        ErrorCodes.CygwinMirrorUnreachable,
                        $"Could not download '{url}' after {Attempts} attempts: {e.Message}",
                        e);
                }

                var delay = FirstRetryDelay * Math.Pow(2, attempt - 1);
                _log.Detail($"Downloading '{url}' failed ({e.Message}); trying again in {delay.TotalSeconds:0.#} s.");
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static bool IsTransient(Exception e, CancellationToken cancellationToken) => e switch
    {
        HttpRequestException { StatusCode: null } => true,
        HttpRequestException { StatusCode: var status } => (int)status! >= 500,
        HttpIOException => true,
        TaskCanceledException => !cancellationToken.IsCancellationRequested, // HttpClient's timeout
        _ => false,
    };

    private async Task DownloadOnceAsync(Uri url, string destination, CancellationToken cancellationToken)
    {
        using var response = await Http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is >= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError)
        {
            throw NotFound(url, $"answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        response.EnsureSuccessStatusCode();
        var source = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            await CopyAsync(source, destination, response.Content.Headers.ContentLength, url, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CopyLocalAsync(Uri url, string destination, CancellationToken cancellationToken)
    {
        FileStream source;
        try
        {
            source = new FileStream(url.LocalPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw NotFound(url, "has no such file");
        }

        await using (source.ConfigureAwait(false))
        {
            await CopyAsync(source, destination, source.Length, url, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Copies to the destination, reporting progress every quarter for a large file.</summary>
    private async Task CopyAsync(Stream source, string destination, long? length, Uri url, CancellationToken cancellationToken)
    {
        var target = new FileStream(destination, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using (target.ConfigureAwait(false))
        {
            var buffer = new byte[1 << 16];
            var reportEvery = length >= ProgressThreshold ? length.Value / 4 : long.MaxValue;
            var nextReport = reportEvery;
            long copied = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                copied += read;
                if (copied >= nextReport)
                {
                    _log.Message($"Downloading {Path.GetFileName(url.LocalPath)}: {copied >> 20} of {length >> 20} MB");
                    nextReport += reportEvery;
                }
            }
        }
    }

    private static WinVmException NotFound(Uri url, string what) =>
        new(ErrorCodes.CygwinMirrorFileNotFound, $"The Cygwin mirror {what} for '{url}'.");
}
