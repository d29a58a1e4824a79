using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using WinVmBuild.Diagnostics;
using WinVmBuild.Network;
using WinVmBuild.Stages;

namespace WinVmBuild.Tasks;

/// <summary>
/// The run stage: revives the snapshot, runs <see cref="Command"/> in a copy of the project, streams its output
/// into the build log, copies the declared outputs back, and fails the build when the command fails.
/// </summary>
public sealed class RunGuestCommand : GuestStageTask
{
    [Required]
    public string SnapshotEntry { get; set; } = string.Empty;

    [Required]
    public string Command { get; set; } = string.Empty;

    [Required]
    public string ProjectDirectory { get; set; } = string.Empty;

    /// <summary>WinVmShare items: host folders, with an optional <c>Name</c> the guest sees them by.</summary>
    public ITaskItem[] Shares { get; set; } = [];

    /// <summary>WinVmOutput items: paths relative to the project folder.</summary>
    public ITaskItem[] Outputs { get; set; } = [];

    /// <summary>Where the outputs are copied, at their relative paths.</summary>
    [Required]
    public string OutputDirectory { get; set; } = string.Empty;

    [Output]
    public int ExitCode { get; private set; }

    [Output]
    public ITaskItem[] CollectedOutputs { get; private set; } = [];

    protected override async System.Threading.Tasks.Task ExecuteAsync()
    {
        var (environment, guest) = await PrepareAsync().ConfigureAwait(false);
        var request = new RunRequest(
            Command,
            ProjectDirectory,
            Shares.Select(share => new SharedFolder(ShareItems.Name(share), share.ItemSpec, readOnly: false)).ToList(),
            Outputs.Select(output => output.ItemSpec).ToList(),
            OutputDirectory);
        var result = await RunStage.RunAsync(environment, guest, SnapshotEntry, SshKey, request, Timeout, LogGuestLine, CancellationToken)
            .ConfigureAwait(false);
        ExitCode = result.ExitCode;
        CollectedOutputs = result.CollectedOutputs.Select(path => (ITaskItem)new TaskItem(path)).ToArray();
        if (result.ExitCode != 0)
        {
            throw new WinVmException(ErrorCodes.GuestCommandFailed, $"'{Command}' exited with code {result.ExitCode} in the {Guest} guest.{result.LastOutputLines}");
        }
    }

    /// <summary>The guest's output, as it arrives, at the importance a normal build shows (kept verbatim, never formatted).</summary>
    private void LogGuestLine(string line) => Log.LogMessage(MessageImportance.High, "{0}", line);
}
