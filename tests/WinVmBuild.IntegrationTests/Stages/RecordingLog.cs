using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using WinVmBuild.Diagnostics;

namespace WinVmBuild.IntegrationTests.Stages;

/// <summary>Keeps every line a stage logs, so a test can see what it started (QEMU's command lines are details).</summary>
internal sealed partial class RecordingLog : IBuildLog
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => _lines.ToArray();

    /// <summary>Whether any QEMU was started: <c>QemuMachine</c> logs each command line it runs.</summary>
    public bool StartedQemu => Lines.Any(line => line.Contains("qemu-system-x86_64", StringComparison.Ordinal));

    /// <summary>The work folders of the sessions this log saw, as each session logs it when it starts.</summary>
    public IReadOnlyList<string> SessionFolders =>
        Lines.Select(line => SessionFolder().Match(line)).Where(match => match.Success).Select(match => match.Groups[1].Value).Distinct().ToList();

    public void Message(string text) => _lines.Enqueue(text);

    public void Detail(string text) => _lines.Enqueue(text);

    public void Warning(string code, string text) => _lines.Enqueue($"warning {code}: {text}");

    [GeneratedRegex("^[a-z]+: session folder (.+)$")]
    private static partial Regex SessionFolder();
}
