using WinVmBuild.Diagnostics;

namespace WinVmBuild.Tests.Cygwin;

/// <summary>A build log that keeps what it is told, for tests to assert on (thread-safe: fetches run in parallel).</summary>
internal sealed class RecordingLog : IBuildLog
{
    private readonly List<string> _messages = [];
    private readonly List<string> _details = [];

    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    public IReadOnlyList<string> Details
    {
        get
        {
            lock (_details)
            {
                return [.. _details];
            }
        }
    }

    public void Message(string text)
    {
        lock (_messages)
        {
            _messages.Add(text);
        }
    }

    public void Detail(string text)
    {
        lock (_details)
        {
            _details.Add(text);
        }
    }

    public void Warning(string code, string text) => Message($"warning {code}: {text}");
}
