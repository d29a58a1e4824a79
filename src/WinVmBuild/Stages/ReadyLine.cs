namespace WinVmBuild.Stages;

/// <summary>
/// Splits the output of a build's script at its ready line (<see cref="Guests.GuestScripts.Build"/>): before it, the
/// script's own words about receiving the project, kept for an error; after it, the command's output, passed on as it
/// comes. Standard output and standard error arrive on two streams, so a command's first error lines may be read
/// before the ready line: they are held until it comes, then passed on.
/// </summary>
internal sealed class ReadyLine(string marker, Action onReady, Action<string> onCommandLine)
{
    private readonly List<string> _before = [];
    private bool _seen;

    /// <summary>Whether the ready line came: the project was received and the command ran.</summary>
    public bool Seen
    {
        get
        {
            lock (_before)
            {
                return _seen;
            }
        }
    }

    /// <summary>What the script said before the ready line (all it said, when the line never came).</summary>
    public override string ToString()
    {
        lock (_before)
        {
            return _before.Count == 0 ? string.Empty : "\n  " + string.Join("\n  ", _before);
        }
    }

    public void OnLine(string line)
    {
        lock (_before)
        {
            if (_seen)
            {
                onCommandLine(line);
            }
            else if (line == marker)
            {
                _seen = true;
                onReady();
                _before.ForEach(onCommandLine);
                _before.Clear();
            }
            else
            {
                _before.Add(line);
            }
        }
    }
}
