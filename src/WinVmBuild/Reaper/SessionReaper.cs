using System.Reflection;
using WinVmBuild.Host;

namespace WinVmBuild.Reaper;

/// <summary>
/// Stops a session's processes and deletes its folder, through one small POSIX shell script (session-reaper.sh):
/// the same code reaps at once, for a build that finds a dead build's session or ends its own, and as the watcher each
/// session starts, which must work after the build's own process is gone. A session's processes are those that carry
/// its mark (<see cref="ProcessSpec.SessionVariable"/>), whatever they call themselves and wherever they work.
/// </summary>
internal static class SessionReaper
{
    private const string ScriptName = "session-reaper.sh";

    private static readonly Lazy<string> Script = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ScriptName)
            ?? throw new InvalidOperationException($"The resource {ScriptName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>
    /// Starts the watcher of <paramref name="folder"/>: it reaps the session when this process dies without disposing
    /// the watcher first (disposing kills it).
    /// </summary>
    public static RunningProcess Watch(string folder) =>
        RunningProcess.Start(Spec(["--watch", folder]) with { KeepStandardInputOpen = true });

    /// <summary>
    /// Reaps <paramref name="folder"/> now: its processes stopped (within seconds), the folder deleted. A reaper that
    /// meets another one on the same folder leaves what it could not delete to the next.
    /// </summary>
    /// <param name="markedAs">The folder's path when its processes were marked, if it was moved since.</param>
    public static Task ReapAsync(string folder, CancellationToken cancellationToken, string? markedAs = null) =>
        ProcessRunner.RunAsync(Spec([folder, .. markedAs is null ? Array.Empty<string>() : [markedAs]]), cancellationToken);

    // Run from "/": the script never works in a folder it deletes.
    private static ProcessSpec Spec(IEnumerable<string> arguments) =>
        new("sh", ["-c", Script.Value, ScriptName, .. arguments]) { WorkingDirectory = "/" };
}
