using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using WinVmBuild.Diagnostics;
using WinVmBuild.Stages;

namespace WinVmBuild.Tasks;

/// <summary>
/// The run stage: revives the snapshot, runs WinVmCommand in a copy of the project, streams its output into the build
/// log, copies the declared outputs back, and fails the build when the command fails.
/// </summary>
public sealed class RunGuestCommand : WinVmGuestStageTask
{
    [Required]
    public string SuspendEntry { get; set; } = string.Empty;

    [Required]
    public string ProjectDirectory { get; set; } = string.Empty;

    /// <summary>Where the outputs are copied, at their relative paths.</summary>
    [Required]
    public string OutputDirectory { get; set; } = string.Empty;

    [Output]
    public int ExitCode { get; private set; }

    [Output]
    public ITaskItem[] CollectedOutputs { get; private set; } = [];

    protected override async System.Threading.Tasks.Task ExecuteAsync()
    {
        var (project, environment, guest, media) = Prepare();
        var settings = project.Settings;
        var request = new RunRequest(settings.Command, ProjectDirectory, settings.Shares, settings.Outputs, OutputDirectory);
        var result = await RunStage.RunAsync(environment, guest, media, SuspendEntry, request, settings.RunTimeout, LogGuestLine, CancellationToken)
            .ConfigureAwait(false);
        ExitCode = result.ExitCode;
        CollectedOutputs = result.CollectedOutputs.Select(path => (ITaskItem)new TaskItem(path)).ToArray();
        if (result.ExitCode != 0)
        {
            throw new WinVmException(
                ErrorCodes.GuestCommandFailed,
                $"'{settings.Command}' exited with code {result.ExitCode} in the {settings.Guest.ToString().ToLowerInvariant()} guest.{result.LastOutputLines}");
        }
    }

    /// <summary>The guest's output, as it arrives, at the importance a normal build shows (kept verbatim, never formatted).</summary>
    private void LogGuestLine(string line) => Log.LogMessage(MessageImportance.High, "{0}", line);
}
