namespace WinVmBuild.Stages;

/// <summary>The last lines of a command's output, for the error that reports its failure.</summary>
internal sealed class OutputTail(int capacity = 20)
{
    private readonly Queue<string> _lines = new();

    public void Add(string line)
    {
        lock (_lines)
        {
            _lines.Enqueue(line);
            if (_lines.Count > capacity)
            {
                _lines.Dequeue();
            }
        }
    }

    /// <summary>"\nLast output lines:\n  …", or nothing when there was no output.</summary>
    public override string ToString()
    {
        lock (_lines)
        {
            return _lines.Count == 0 ? string.Empty : "\nLast output lines:\n  " + string.Join("\n  ", _lines);
        }
    }
}
