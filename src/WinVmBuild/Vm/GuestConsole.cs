namespace WinVmBuild.Vm;

/// <summary>
/// The last lines a guest printed on its serial console, and waits for a line to appear. Lines arrive on
/// QEMU's output thread; readers and waiters may be on any thread. Each line is handed to the listener before it is
/// kept: whoever finds a line (a waiter, or <see cref="Tail"/>) knows the listener has had it.
/// </summary>
internal sealed class GuestConsole(Action<string>? onLine = null)
{
    public const int LinesKept = 500;

    private readonly Queue<string> _lines = new();
    private readonly List<(string Text, TaskCompletionSource<string> Found)> _waiters = [];

    /// <summary>
    /// Hands <paramref name="line"/> (a trailing carriage return removed) to the listener, then records it and wakes the
    /// waiters it matches.
    /// </summary>
    public void Add(string line)
    {
        var clean = line.TrimEnd('\r');
        onLine?.Invoke(clean);
        lock (_lines)
        {
            _lines.Enqueue(clean);
            if (_lines.Count > LinesKept)
            {
                _lines.Dequeue();
            }

            foreach (var (_, found) in _waiters.Where(waiter => clean.Contains(waiter.Text, StringComparison.Ordinal)))
            {
                found.TrySetResult(clean);
            }
        }
    }

    public IReadOnlyList<string> Tail(int count)
    {
        lock (_lines)
        {
            return _lines.TakeLast(count).ToList();
        }
    }

    /// <summary>
    /// The first kept or future line containing <paramref name="text"/>; null when <paramref name="giveUp"/>
    /// completes first (the timeout, or QEMU's exit).
    /// </summary>
    public async Task<string?> WaitForLineAsync(string text, Task giveUp)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiter = (text, found);
        lock (_lines)
        {
            var earlier = _lines.FirstOrDefault(line => line.Contains(text, StringComparison.Ordinal));
            if (earlier is not null)
            {
                return earlier;
            }

            _waiters.Add(waiter);
        }

        try
        {
            await Task.WhenAny(found.Task, giveUp).ConfigureAwait(false);
            return found.Task.IsCompleted ? await found.Task.ConfigureAwait(false) : null;
        }
        finally
        {
            lock (_lines)
            {
                _waiters.Remove(waiter);
            }
        }
    }
}
