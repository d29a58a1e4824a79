using Microsoft.Build.Framework;
using WinVmBuild.Diagnostics;
using WinVmBuild.Settings;

namespace WinVmBuild.Tasks;

/// <summary>
/// Base of every WinVmBuild task: runs one engine call, turns <see cref="WinVmException"/> into a coded
/// MSBuild error with a link to the code's explanation (<see cref="HelpLinks"/>), and stops everything the call
/// started when the build is cancelled (Ctrl+C).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Design",
    "CA1001",
    Justification = "MSBuild may call Cancel at any time, even after Execute returned; a token source without a timer holds nothing to release.")]
public abstract class WinVmTask : Microsoft.Build.Utilities.Task, ICancelableTask
{
    private readonly CancellationTokenSource _cancellation = new();

    /// <summary>WinVmHelpLinkBase: the errors page every code links to (a URL or a path); empty for the package's own copy.</summary>
    public string HelpLinkBase { get; set; } = string.Empty;

    protected CancellationToken CancellationToken => _cancellation.Token;

    protected IBuildLog BuildLog => new MSBuildLog(Log, HelpLink);

    public void Cancel() => _cancellation.Cancel();

    public sealed override bool Execute()
    {
        try
        {
            ExecuteAsync().GetAwaiter().GetResult();
        }
        catch (WinVmException e)
        {
            LogError(e);
        }
        catch (SettingsException e)
        {
            foreach (var problem in e.Problems)
            {
                LogError(problem);
            }
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            Log.LogError(subcategory: null, ErrorCodes.Cancelled, helpKeyword: null, HelpLink(ErrorCodes.Cancelled), file: null, 0, 0, 0, 0,
                "The build was cancelled; every process it started has been stopped.");
        }

        return !Log.HasLoggedErrors;
    }

    /// <summary>The task's work: read parameters, make one engine call, set outputs.</summary>
    protected abstract Task ExecuteAsync();

    /// <summary>The link to <paramref name="code"/>'s explanation; null for another tool's code.</summary>
    protected string? HelpLink(string code) => HelpLinks.For(code, HelpLinkBase);

    private void LogError(WinVmException e) =>
        Log.LogError(subcategory: null, e.Code, helpKeyword: null, HelpLink(e.Code), e.File, e.Line, 0, 0, 0, e.Message);
}
