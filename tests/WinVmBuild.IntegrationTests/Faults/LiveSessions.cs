
namespace WinVmBuild.IntegrationTests.Faults;

/// <summary>
/// The VM sessions of the builds a test starts, seen from outside as a user would: the session folders in the run's
/// registry (<see cref="TestPaths.Sessions"/>) and the processes working in them.
/// </summary>
internal static class LiveSessions
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>The registered session folders.</summary>
    public static IReadOnlyList<string> Folders() =>
        Directory.Exists(TestPaths.Sessions) ? Directory.GetDirectories(TestPaths.Sessions) : [];

    /// <summary>Every process working in a registered session: QEMU, the smbd processes it started.</summary>
    public static IReadOnlyList<int> Processes() =>
        Directory.Exists(TestPaths.Sessions) ? HostProcesses.FindUsing(TestPaths.Sessions) : [];

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
                foreach (var pid in HostProcesses.FindUsing(folder).Where(pid => IsProgram(pid, program)))
                {
                    return (pid, folder);
                }
            }

            await Task.Delay(PollInterval);
        }

        throw new TimeoutException($"No {program} of the {stage} stage ran within {timeout.TotalMinutes:0} min.");
    }

    /// <summary>The process that started <paramref name="pid"/>: for a QEMU, the build process running the stage's task.</summary>
    public static int ParentOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for every session process and folder to be gone, and returns how many of
    /// each are left then.
    /// </summary>
    public static async Task<(int Processes, int Folders)> LeftAfterAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while ((Processes().Count > 0 || Folders().Count > 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(PollInterval);
        }

        return (Processes().Count, Folders().Count);
    }

    private static bool IsProgram(int pid, string program)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").StartsWith(program, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }
}
