using System.Diagnostics;
using WinVmBuild.Diagnostics;

namespace WinVmBuild.Bench;

/// <summary>Notes when each of the given console markers first appears in a stage's detailed log, from its creation.</summary>
internal sealed class TimelineLog(params string[] markers) : IBuildLog
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<string, TimeSpan> _seen = [];

    /// <summary>"marker at 1.23 s" for each marker seen, in the order given.</summary>
    public string Describe()
    {
        lock (_seen)
        {
            return string.Join(", ", markers.Where(_seen.ContainsKey).Select(marker => $"'{marker}' at {_seen[marker].TotalSeconds:0.00} s"));
        }
    }

    public void Message(string text) => Note(text);

    public void Detail(string text) => Note(text);

    public void Warning(string code, string text) => Note(text);

    private void Note(string text)
    {
        lock (_seen)
        {
            foreach (var marker in markers.Where(marker => text.Contains(marker, StringComparison.Ordinal)))
            {
                _seen.TryAdd(marker, _clock.Elapsed);
            }
        }
    }
}
