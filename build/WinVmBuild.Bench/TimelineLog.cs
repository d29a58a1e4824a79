using System.Diagnostics;
using WinVmBuild.Diagnostics;

namespace WinVmBuild.Bench;

/// <summary>Notes when each of the given steps first appears in a stage's log, in seconds since the log was made.</summary>
internal sealed class TimelineLog(params string[] steps) : IBuildLog
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<string, double> _seen = [];

    public TimeSpan Elapsed => _clock.Elapsed;

    public IReadOnlyDictionary<string, double> Seen()
    {
        lock (_seen)
        {
            return new Dictionary<string, double>(_seen);
        }
    }

    public void Message(string text) => Note(text);

    public void Detail(string text) => Note(text);

    public void Warning(string code, string text) => Note(text);

    private void Note(string text)
    {
        lock (_seen)
        {
            foreach (var step in steps.Where(step => text.Contains(step, StringComparison.Ordinal)))
            {
                _seen.TryAdd(step, _clock.Elapsed.TotalSeconds);
            }
        }
    }
}
