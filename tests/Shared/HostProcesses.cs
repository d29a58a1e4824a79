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
    public static Task KillAsync(int pid) =>
        Host.ProcessRunner.RunCheckedAsync(
            new Host.ProcessSpec("kill", ["-KILL", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]), CancellationToken.None);

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
    /// The ids of running processes that work in <paramref name="folder"/> or below it (QEMU runs in its session's folder,
    /// the smbd processes it starts too), or name it on their command line.
    /// </summary>
    public static IReadOnlyList<int> FindUsing(string folder)
    {
        var found = new List<int>(FindByCommandLine(folder));
        foreach (var proc in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(proc), out var pid) && IsAlive(pid) && !found.Contains(pid)
                && new DirectoryInfo(Path.Combine(proc, "cwd")) is { LinkTarget: { } cwd }
                && (cwd == folder || cwd.StartsWith(folder + "/", StringComparison.Ordinal)))
            {
                found.Add(pid);
            }
        }

        return found;
    }

    /// <summary>The ids of running processes whose command line contains <paramref name="text"/>.</summary>
    public static IReadOnlyList<int> FindByCommandLine(string text)
    {
        var found = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid) || !IsAlive(pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(folder, "cmdline")).Replace('\0', ' ').Contains(text, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // Exited while we looked.
            }
        }

        return found;
    }
}
