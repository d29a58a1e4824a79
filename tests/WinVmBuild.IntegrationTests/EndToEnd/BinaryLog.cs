using Microsoft.Build.Framework;
using Microsoft.Build.Logging;

namespace WinVmBuild.IntegrationTests.EndToEnd;

/// <summary>
/// A build's binary log (<c>-bl</c>), read back with MSBuild's own reader: what the tests assert on, as fields of
/// MSBuild's events rather than text. (The log keeps no help links: MSBuild's binary log format writes none.)
/// </summary>
internal sealed class BinaryLog
{
    private BinaryLog(IReadOnlyList<BuildEventArgs> events)
    {
        Events = events;
    }

    /// <summary>Every event, in the order MSBuild logged it.</summary>
    public IReadOnlyList<BuildEventArgs> Events { get; }

    public IReadOnlyList<Diagnostic> Errors =>
        Events.OfType<BuildErrorEventArgs>().Select(e => new Diagnostic(e.Code, e.File, e.LineNumber, e.ColumnNumber, e.Message)).ToList();

    public IReadOnlyList<Diagnostic> Warnings =>
        Events.OfType<BuildWarningEventArgs>().Select(e => new Diagnostic(e.Code, e.File, e.LineNumber, e.ColumnNumber, e.Message)).ToList();

    /// <summary>The messages' texts, in order.</summary>
    public IReadOnlyList<string> Messages => Events.OfType<BuildMessageEventArgs>().Select(message => message.Message ?? string.Empty).ToList();

    /// <summary>A fresh path for a build's <c>-bl:</c> switch, outside the project (whose files are the run stage's inputs).</summary>
    public static string NewPath(string name) => Path.Combine(TestPaths.NewScratchFolder("binlog"), name + ".binlog");

    public static BinaryLog Read(string path)
    {
        var events = new List<BuildEventArgs>();
        var replay = new BinaryLogReplayEventSource();
        replay.AnyEventRaised += (_, e) => events.Add(e);
        replay.Replay(path);
        return new BinaryLog(events);
    }

    /// <summary>When the task <paramref name="task"/> of the project file named <paramref name="projectFile"/> started and finished.</summary>
    public (DateTime Started, DateTime Finished) TaskTimes(string projectFile, string task) =>
        (Events.OfType<TaskStartedEventArgs>().Single(e => e.TaskName == task && Path.GetFileName(e.ProjectFile) == projectFile).Timestamp,
         Events.OfType<TaskFinishedEventArgs>().Single(e => e.TaskName == task && Path.GetFileName(e.ProjectFile) == projectFile).Timestamp);

    /// <summary>When each build of the target <paramref name="target"/> of the project file named <paramref name="projectFile"/> finished.</summary>
    public IReadOnlyList<DateTime> TargetsFinished(string projectFile, string target) =>
        Events.OfType<TargetFinishedEventArgs>().Where(e => e.TargetName == target && Path.GetFileName(e.ProjectFile) == projectFile).Select(e => e.Timestamp).ToList();

    /// <summary>An error's or warning's fields, as the build logged them.</summary>
    public sealed record Diagnostic(string? Code, string? File, int Line, int Column, string? Message);
}
