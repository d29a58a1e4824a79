using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using WinVmBuild.Diagnostics;

namespace WinVmBuild.Testing;

/// <summary>Keeps every line the engine logs, in order, so a test can check what a user would see (thread-safe).</summary>
internal sealed partial class RecordingLog : IBuildLog
{
    private readonly ConcurrentQueue<(string Kind, string Code, string Text)> _entries = new();

    /// <summary>Raised for every line, as it is logged: a test waits on it for the engine to reach a point.</summary>
    public event Action<string>? Logged;

    /// <summary>Every line: messages, details, and warnings as "warning CODE: text".</summary>
    public IReadOnlyList<string> Lines => _entries.Select(entry => entry.Kind == nameof(Warning) ? $"warning {entry.Code}: {entry.Text}" : entry.Text).ToList();

    public string Text => string.Join('\n', Lines);

    public IReadOnlyList<string> Messages => Of(nameof(Message));

    public IReadOnlyList<string> Details => Of(nameof(Detail));

    public IReadOnlyList<(string Code, string Text)> Warnings =>
        _entries.Where(entry => entry.Kind == nameof(Warning)).Select(entry => (entry.Code, entry.Text)).ToList();

    /// <summary>Whether any QEMU was started: <c>QemuMachine</c> logs each command line it runs.</summary>
    public bool StartedQemu => Lines.Any(line => line.Contains("qemu-system-x86_64", StringComparison.Ordinal));

    /// <summary>The work folders of the sessions this log saw, as each session logs it when it starts.</summary>
    public IReadOnlyList<string> SessionFolders =>
        Lines.Select(line => SessionFolder().Match(line)).Where(match => match.Success).Select(match => match.Groups[1].Value).Distinct().ToList();

    public void Message(string text) => Add(nameof(Message), string.Empty, text);

    public void Detail(string text) => Add(nameof(Detail), string.Empty, text);

    public void Warning(string code, string text) => Add(nameof(Warning), code, text);

    private IReadOnlyList<string> Of(string kind) => _entries.Where(entry => entry.Kind == kind).Select(entry => entry.Text).ToList();

    private void Add(string kind, string code, string text)
    {
        _entries.Enqueue((kind, code, text));
        Logged?.Invoke(text);
    }

    [GeneratedRegex("^[a-z]+: session folder (.+)$")]
    private static partial Regex SessionFolder();
}
