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

    /// <summary>The work folders (<c>/tmp/wvb-*</c>) of the sessions this log saw, from the command lines they logged.</summary>
    public IReadOnlyList<string> SessionFolders =>
        Lines.SelectMany(line => SessionFolder().Matches(line).Select(match => match.Value)).Distinct().ToList();

    public void Message(string text) => _lines.Enqueue(text);

    public void Detail(string text) => _lines.Enqueue(text);

    public void Warning(string code, string text) => _lines.Enqueue($"warning {code}: {text}");

    [GeneratedRegex("/tmp/wvb-[A-Za-z0-9]+")]
    private static partial Regex SessionFolder();
}
