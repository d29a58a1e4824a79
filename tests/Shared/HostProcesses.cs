using System.Text;
using WinVmBuild.Host;

namespace WinVmBuild.Testing;

/// <summary>Looks at the host's processes, to prove that tests leave none behind.</summary>
internal static class HostProcesses
{
    /// <summary>True while <paramref name="pid"/> runs (a zombie waiting to be reaped does not count).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state != 'Z' && state != 'X';
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Sends SIGKILL to <paramref name="pid"/> alone, as an OOM kill or a CI runner cancelling hard does.</summary>
    public static Task KillAsync(int pid) => SignalAsync("KILL", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Sends SIGSTOP to <paramref name="pid"/>: it stays, and notices nothing, as a process stuck on a hung disk.</summary>
    public static Task StopAsync(int pid) => SignalAsync("STOP", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// Sends SIGINT to every process of the process group <paramref name="group"/>, as a terminal does on Ctrl+C
    /// (kill(-pgid, SIGINT)).
    /// </summary>
    public static Task InterruptGroupAsync(int group) =>
        SignalAsync("INT", "-" + group.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Waits up to <paramref name="timeout"/> for <paramref name="pid"/> to be gone; true when it is.</summary>
    public static async Task<bool> WaitUntilGoneAsync(int pid, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (IsAlive(pid))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }

    /// <summary>
    /// The ids of running processes that work for the session <paramref name="folder"/>, or for any session below it
    /// (all of a registry's, given its root): those whose environment carries the session's mark
    /// (<see cref="ProcessSpec.SessionVariable"/>), found as the reaper finds them (src/WinVmBuild/Reaper/session-reaper.sh).
    /// </summary>
    public static IReadOnlyList<int> OfSession(string folder)
    {
        var exact = $"{ProcessSpec.SessionVariable}={Path.GetFullPath(folder)}";
        var found = new List<int>();
        foreach (var proc in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(proc), out var pid) && IsAlive(pid)
                && EnvironmentOf(pid).Any(variable => variable == exact || variable.StartsWith(exact + "/", StringComparison.Ordinal)))
            {
                found.Add(pid);
            }
        }

        return found;
    }

    /// <summary>The variables <paramref name="pid"/> was started with; none when it is gone or not ours to read.</summary>
    public static IReadOnlyList<string> EnvironmentOf(int pid) => ReadNulSeparated($"/proc/{pid}/environ");

    /// <summary>The arguments <paramref name="pid"/> runs with, its program first; none when it is gone.</summary>
    public static IReadOnlyList<string> CommandLineOf(int pid) => ReadNulSeparated($"/proc/{pid}/cmdline");

    /// <summary>The program name the kernel shows for <paramref name="pid"/> (what it set as its title, for smbd); empty when it is gone.</summary>
    public static string ProgramName(int pid) => ReadOrEmpty($"/proc/{pid}/comm").TrimEnd('\n');

    /// <summary>The process group of <paramref name="pid"/>.</summary>
    public static int GroupOf(int pid) => StatField(pid, 2);

    /// <summary>The process that started <paramref name="pid"/>: for a QEMU, the build process running the stage's task.</summary>
    public static int ParentOf(int pid) => StatField(pid, 1);

    /// <summary>A process as a message shows it: its id, its name and its command line.</summary>
    public static string Describe(int pid) => $"{pid} {ProgramName(pid)} ({string.Join(' ', CommandLineOf(pid))})";

    /// <summary>The ids of running processes whose command line contains <paramref name="text"/>.</summary>
    public static IReadOnlyList<int> FindByCommandLine(string text)
    {
        var found = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), out var pid) && IsAlive(pid)
                && string.Join(' ', CommandLineOf(pid)).Contains(text, StringComparison.Ordinal))
            {
                found.Add(pid);
            }
        }

        return found;
    }

    private static Task SignalAsync(string signal, string target) =>
        ProcessRunner.RunCheckedAsync(new ProcessSpec("kill", [$"-{signal}", "--", target]), CancellationToken.None);

    /// <summary>A field of /proc/PID/stat after the state (0: the state, 1: the parent, 2: the process group).</summary>
    private static int StatField(int pid, int field)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[field], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string[] ReadNulSeparated(string path) =>
        ReadOrEmpty(path).Split('\0', StringSplitOptions.RemoveEmptyEntries);

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return Encoding.UTF8.GetString(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Exited while we looked, or another user's.
            return string.Empty;
        }
    }
}
