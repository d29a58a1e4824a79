using WinVmBuild.Diagnostics;

namespace WinVmBuild.Guests;

/// <summary>
/// Reads what a guest's setup command before the snapshot says about how quiet it is (Windows': <see cref="Windows.SettleScript"/>):
/// its progress goes to the detailed log as it comes, and every step found not in effect becomes one warning, WVB0413,
/// naming them all. A snapshot of a busy Windows still works; every build revived from it is only slower.
/// </summary>
public sealed class QuietReport(IBuildLog log)
{
    /// <summary>Starts a line naming one thing that could not be turned off.</summary>
    public const string NotQuietMarker = "winvmbuild-not-quiet: ";

    /// <summary>Starts a line telling how the wait for a quiet guest goes.</summary>
    public const string ProgressMarker = "winvmbuild-settle: ";

    private readonly List<string> _notQuiet = [];

    /// <summary>Takes one line of the command's standard output.</summary>
    public void Add(string line)
    {
        if (line.StartsWith(ProgressMarker, StringComparison.Ordinal))
        {
            log.Detail("Guest: " + line[ProgressMarker.Length..]);
        }
        else if (line.StartsWith(NotQuietMarker, StringComparison.Ordinal))
        {
            _notQuiet.Add(line[NotQuietMarker.Length..].Trim());
        }
    }

    /// <summary>Warns once, after the command, when anything was not quiet.</summary>
    public void Finish()
    {
        if (_notQuiet.Count > 0)
        {
            log.Warning(
                ErrorCodes.WindowsNotQuiet,
                $"The snapshot's Windows is not fully quiet: {string.Join("; ", _notQuiet)}. Builds revived from it share the CPU " +
                "with that work. docs/windows.md (\"A quiet Windows in the snapshot\") says what each step needs; " +
                "WinVmQuietWindows=false keeps Windows as it is, without this check.");
        }
    }
}
