using WinVmBuild.Diagnostics;

namespace WinVmBuild.Tests.Media;

/// <summary>Keeps every line the engine logs, so tests can check what a user would see.</summary>
internal sealed class CollectingLog : IBuildLog
{
    private readonly List<string> _lines = [];

    public string Text
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    public void Message(string text) => Add(text);

    public void Detail(string text) => Add(text);

    public void Warning(string code, string text) => Add($"{code}: {text}");

    private void Add(string line)
    {
        lock (_lines)
        {
            _lines.Add(line);
        }
    }
}
