using System.Collections.Concurrent;

namespace WinVmBuild.IntegrationTests.EndToEnd;

/// <summary>
/// What the host shows while builds run, gathered every 100 ms until disposed, so that a secret that is only known
/// later (a run's Samba password) can be searched in it afterwards: the command line of every process (anyone on the
/// host can read those) and the environment of every process this user may read (the build's, its VMs', their smbd),
/// and the files the builds write to their <c>TMPDIR</c>.
/// </summary>
internal sealed class HostSightings : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>Files bigger than this are read once, at the end: a secret is a line of text, not a disk image.</summary>
    private const long SmallFile = 1 << 20;

    /// <summary>Each distinct text seen, with where it was seen first.</summary>
    private readonly ConcurrentDictionary<string, string> _seen = new(StringComparer.Ordinal);
    private readonly string _temporaryFolder;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watching;

    private HostSightings(string temporaryFolder)
    {
        _temporaryFolder = temporaryFolder;
        _watching = Task.Run(WatchAsync);
    }

    /// <summary>Starts watching; <paramref name="temporaryFolder"/> is the builds' <c>TMPDIR</c>.</summary>
    public static HostSightings Start(string temporaryFolder) => new(temporaryFolder);

    /// <summary>Where each of <paramref name="secrets"/> was seen, once the watch has ended.</summary>
    public IReadOnlyList<string> Find(IReadOnlyList<string> secrets) =>
        [.. from sighting in _seen
            from secret in secrets
            where sighting.Key.Contains(secret, StringComparison.Ordinal)
            select $"'{secret}' is in {sighting.Value}"];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        Look(everyFile: true);
        _stop.Dispose();
    }

    private async Task WatchAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Look(everyFile: false);
            await Task.Delay(Interval, CancellationToken.None);
        }
    }

    private void Look(bool everyFile)
    {
        foreach (var proc in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(proc), out var pid))
            {
                var name = HostProcesses.ProgramName(pid);
                Keep($"the command line of {pid} ({name})", string.Join('\n', HostProcesses.CommandLineOf(pid)));
                Keep($"the environment of {pid} ({name})", string.Join('\n', HostProcesses.EnvironmentOf(pid)));
            }
        }

        foreach (var file in Directory.EnumerateFiles(_temporaryFolder, "*", SearchOption.AllDirectories))
        {
            try
            {
                // Not empty: a FIFO (the .NET runtime's debugger pipes are some) is, and opening one waits for a writer.
                var info = new FileInfo(file);
                if (info.LinkTarget is null && info.Length > 0 && (everyFile || info.Length <= SmallFile))
                {
                    Keep($"the temporary file {file}", File.ReadAllText(file));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Deleted while we looked.
            }
        }
    }

    /// <summary>Keeps each distinct text once, under the first place it was seen.</summary>
    private void Keep(string where, string text)
    {
        if (text.Length > 0)
        {
            _seen.TryAdd(text, where);
        }
    }
}
