using WinVmBuild.Host;
using WinVmBuild.Stages;

namespace WinVmBuild.IntegrationTests.Faults;

/// <summary>
/// The middle of a VM stage's work, seen from outside the build as a user could see it, where the fault tests kill or
/// interrupt a build: the install while the guest installs (its console says it unpacked an archive), the snapshot
/// while its state is being saved (the first bytes of the state are in its file), the run while the command runs (it
/// printed its first line and goes on).
/// </summary>
internal sealed class MidStage
{
    /// <summary>The line the test projects' command prints first: it runs on after it (see <see cref="Command"/>).</summary>
    public const string CommandRuns = "winvmbuild-test: the command runs";

    /// <summary>The size of the state the held writer writes before it waits.</summary>
    private const int StateWritten = 4096;

    /// <summary>
    /// cat and zstd as a VM session's state writer runs them (no file named: the state from standard input to the state
    /// file), held: they write the first bytes of the state, then wait without reading more, so that QEMU waits too and
    /// the kill lands while the state is being saved. Any other use runs the real program.
    /// </summary>
    private static readonly Lazy<string> HeldStateWriters = new(() =>
    {
        var folder = TestPaths.NewScratchFolder("held-state-writer");
        foreach (var name in new[] { "cat", "zstd" })
        {
            var path = Path.Combine(folder, name);
            File.WriteAllText(path, $$"""
                #!/bin/sh
                if [ -n "${{{ProcessSpec.SessionVariable}}:-}" ] && { [ "$#" -eq 0 ] || [ "$*" = "-1 -q -c" ]; }; then
                    /usr/bin/{{name}} "$@" | head -c {{StateWritten}}
                    exec sleep 600
                fi
                exec /usr/bin/{{name}} "$@"
                """);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return folder;
    });

    private readonly TaskCompletionSource _commandRan = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The build's last lines, for a stage that never reaches its middle.</summary>
    private readonly OutputTail _lastLines = new(capacity: 40);

    /// <summary>A command that says it runs, then waits as long as the project holds the file 'slow', then runs make.</summary>
    public static string Command(string whileSlow = "sleep 600") =>
        $"echo {CommandRuns}; while test -f slow; do {whileSlow}; done; make";

    /// <summary>Give the build's output lines to this: the run stage's moment is its command's first line.</summary>
    public void OnOutputLine(string line)
    {
        _lastLines.Add(line);
        if (line.Contains(CommandRuns, StringComparison.Ordinal))
        {
            _commandRan.TrySetResult();
        }
    }

    /// <summary>
    /// The environment of a `dotnet` build whose snapshot's state is written only in part, and stays so until the build
    /// is stopped: the held state writers first on its PATH.
    /// </summary>
    public static IReadOnlyDictionary<string, string> StateWriterHeld => new Dictionary<string, string>
    {
        ["PATH"] = $"{HeldStateWriters.Value}:{Environment.GetEnvironmentVariable("PATH")}",
    };

    /// <summary>
    /// Waits until the <paramref name="stage"/> of <paramref name="build"/> is in the middle of its work (a build started
    /// with <see cref="StateWriterHeld"/>, whose output lines come to <see cref="OnOutputLine"/>, on
    /// <paramref name="cache"/>); returns the stage's QEMU and its session's folder. A build that ends first fails the
    /// test with its output.
    /// </summary>
    public async Task<(int Qemu, string Session)> WaitAsync(RunningProcess build, string stage, string cache, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var started = LiveSessions.WaitForQemuAsync(stage, timeout);
        if (await Task.WhenAny(started, build.Completion) != started)
        {
            var result = await build.Completion;
            throw new AssertFailedException($"The build ended (exit code {result.ExitCode}) before its {stage} stage started QEMU:\n{result.StandardOutput}");
        }

        if (started.IsFaulted)
        {
            throw new TimeoutException($"No QEMU of the {stage} stage ran within {timeout.TotalMinutes:0} min.{_lastLines}");
        }

        var (qemu, session) = await started;
        Func<bool> reached = stage switch
        {
            _ when stage == InstallStage.Name => () => File.Exists(Path.Combine(session, "guest", "console.log"))
                && File.ReadAllText(Path.Combine(session, "guest", "console.log")).Contains("winvmbuild-testguest: unpacked ", StringComparison.Ordinal),
            _ when stage == SuspendStage.Name => () => Directory.Exists(Path.Combine(cache, SuspendStage.Name))
                && Directory.EnumerateFiles(Path.Combine(cache, SuspendStage.Name), ".state.*.tmp", SearchOption.AllDirectories)
                    .Any(state => new FileInfo(state).Length >= StateWritten),
            _ => () => _commandRan.Task.IsCompleted,
        };
        while (!reached())
        {
            if (DateTime.UtcNow > deadline || !HostProcesses.IsAlive(qemu))
            {
                throw new TimeoutException(
                    $"The {stage} stage did not reach the middle of its work (QEMU {qemu} alive: {HostProcesses.IsAlive(qemu)}).{_lastLines}");
            }

            await Task.Delay(20);
        }

        return (qemu, session);
    }
}
