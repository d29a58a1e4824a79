namespace WinVmBuild.Testing;

/// <summary>
/// The VM sessions of the builds a test starts, seen from outside as a user would: the session folders in the run's
/// registry (<see cref="TestPaths.Sessions"/>) and the processes that carry their mark, found as the reaper finds them.
/// </summary>
internal static class LiveSessions
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>The registered session folders.</summary>
    public static IReadOnlyList<string> Folders() =>
        Directory.Exists(TestPaths.Sessions) ? Directory.GetDirectories(TestPaths.Sessions) : [];

    /// <summary>Every process of a registered session: QEMU, the smbd processes it started and theirs, skopeo.</summary>
    public static IReadOnlyList<int> Processes() => HostProcesses.OfSession(TestPaths.Sessions);

    /// <summary>Waits until a QEMU runs in a session of <paramref name="stage"/>; returns its id and its session's folder.</summary>
    public static Task<(int Pid, string Folder)> WaitForQemuAsync(string stage, TimeSpan timeout) => WaitForAsync(stage, "qemu-system", timeout);

    /// <summary>
    /// Waits until a process whose name starts with <paramref name="program"/> runs in a session of
    /// <paramref name="stage"/> (a VM stage, or "registry" for a transfer); returns its id and its session's folder.
    /// </summary>
    public static async Task<(int Pid, string Folder)> WaitForAsync(string stage, string program, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var folder in Folders().Where(folder => Path.GetFileName(folder).StartsWith(stage + "-", StringComparison.Ordinal)))
            {
                foreach (var pid in HostProcesses.OfSession(folder).Where(pid => HostProcesses.ProgramName(pid).StartsWith(program, StringComparison.Ordinal)))
                {
                    return (pid, folder);
                }
            }

            await Task.Delay(PollInterval);
        }

        throw new TimeoutException($"No {program} of the {stage} stage ran within {timeout.TotalMinutes:0} min.");
    }

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for every session process and folder to be gone, and returns those left
    /// then (processes as <see cref="HostProcesses.Describe"/> shows them).
    /// </summary>
    public static async Task<(IReadOnlyList<string> Processes, IReadOnlyList<string> Folders)> LeftAfterAsync(TimeSpan timeout, IReadOnlyList<string> workFolders)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var processes = workFolders.Prepend(TestPaths.Sessions).SelectMany(HostProcesses.OfSession).Distinct().Select(HostProcesses.Describe).ToList();
            var folders = Folders();
            if ((processes.Count == 0 && folders.Count == 0) || DateTime.UtcNow >= deadline)
            {
                return (processes, folders);
            }

            await Task.Delay(PollInterval);
        }
    }
}
