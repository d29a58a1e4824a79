namespace WinVmBuild.Testing;

/// <summary>
/// What a fault left behind, every part measured, never written by hand: the processes of the run's VM sessions
/// still running, their folders (which hold an image's private key and a run's Samba password) still on disk, and
/// what is bad in the caches the fault touched (<see cref="CacheAudit"/>). <see cref="FaultReport.Record"/> records it
/// as a row of docs/reliability.md and asserts that each part is empty.
/// </summary>
internal sealed class Leftovers
{
    private Leftovers(IReadOnlyList<string> processes, IReadOnlyList<string> sessionFolders, IReadOnlyList<string> badEntries)
    {
        Processes = processes;
        SessionFolders = sessionFolders;
        BadEntries = badEntries;
    }

    public IReadOnlyList<string> Processes { get; }

    public IReadOnlyList<string> SessionFolders { get; }

    public IReadOnlyList<string> BadEntries { get; }

    /// <summary>
    /// Waits up to <paramref name="wait"/> for the run's sessions to end (their reapers take seconds), then measures
    /// what is left of them, and what is bad in <paramref name="caches"/>.
    /// </summary>
    /// <param name="workFolders">Folders whose processes count too: the work folders of machines a test started outside any session.</param>
    public static async Task<Leftovers> MeasureAsync(TimeSpan wait, IReadOnlyList<string> caches, IReadOnlyList<string>? workFolders = null)
    {
        var (processes, folders) = await LiveSessions.LeftAfterAsync(wait, workFolders ?? []);
        return new Leftovers(processes, folders, await AuditAsync(caches));
    }

    /// <summary>
    /// What the sessions left, as measured here, with what is bad in <paramref name="caches"/> now: after the next build,
    /// for a build that was killed (the next writer of an entry deletes what a killed one left half-written).
    /// </summary>
    public async Task<Leftovers> WithCachesAuditedAsync(params string[] caches) =>
        new(Processes, SessionFolders, await AuditAsync(caches));

    private static async Task<IReadOnlyList<string>> AuditAsync(IReadOnlyList<string> caches)
    {
        var bad = new List<string>();
        foreach (var cache in caches)
        {
            bad.AddRange(await CacheAudit.BadEntriesAsync(cache));
        }

        return bad;
    }
}
