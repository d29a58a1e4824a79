namespace WinVmBuild.Host;

/// <summary>How a finished process ended and what it printed.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The last lines of standard error (or output, when error is empty), for an error message.</summary>
    public string Tail(int lines = 10)
    {
        var text = string.IsNullOrWhiteSpace(StandardError) ? StandardOutput : StandardError;
        return string.Join('\n', text.TrimEnd().Split('\n').TakeLast(lines));
    }
}
