using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using WinVmBuild.Diagnostics;
using WinVmBuild.Guests;
using WinVmBuild.Stages;

namespace WinVmBuild.Tasks;

/// <summary>
/// The run stage: revives the snapshot, runs WinVmCommand in a copy of the project, streams its output into the build
/// log (its compilers' errors and warnings as MSBuild's, on the host files: <see cref="GuestDiagnostics"/>), copies
/// the declared outputs back, and fails the build when the command fails.
/// </summary>
public sealed class RunGuestCommand : WinVmGuestStageTask
{
    [Required]
    public string SuspendEntry { get; set; } = string.Empty;

    [Required]
    public string ProjectDirectory { get; set; } = string.Empty;

    /// <summary>Where the project keeps which snapshot holds a copy of it, for a large project (<see cref="RunRequest.ProjectSnapshotRecord"/>).</summary>
    public string? ProjectSnapshotRecord { get; set; }

    /// <summary>Where the outputs are copied, at their relative paths.</summary>
    [Required]
    public string OutputDirectory { get; set; } = string.Empty;

    [Output]
    public int ExitCode { get; private set; }

    [Output]
    public ITaskItem[] CollectedOutputs { get; private set; } = [];

    protected override async System.Threading.Tasks.Task RunStageAsync(CheckedProject project)
    {
        var (environment, guest, media) = Prepare(project);
        var settings = project.Settings;
        var diagnostics = settings.ParseDiagnostics
            ? new GuestDiagnostics(new GuestPathMapper(ProjectDirectory, settings.Shares, guest.WindowsRoot), settings.TreatGuestErrorsAsErrors)
            : null;
        var request = new RunRequest(settings.Command, ProjectDirectory, settings.Shares, settings.Outputs, OutputDirectory)
        {
            ProjectSnapshotRecord = string.IsNullOrEmpty(ProjectSnapshotRecord) ? null : Path.GetFullPath(ProjectSnapshotRecord),
        };
        RunResult? result = null;
        try
        {
            result = await RunStage.RunAsync(
                environment, guest, media, SuspendEntry, request, settings.RunTimeout, line => LogGuestLine(line, diagnostics), CancellationToken)
                .ConfigureAwait(false);
        }
        finally
        {
            // Only now is it known what the error lines held back were: the command's failure, or words of a command that succeeded.
            foreach (var held in diagnostics?.End(commandSucceeded: result?.ExitCode == 0) ?? [])
            {
                LogDiagnostic(held);
            }
        }

        ExitCode = result.ExitCode;
        CollectedOutputs = result.CollectedOutputs.Select(path => (ITaskItem)new TaskItem(path)).ToArray();
        if (result.KeptGuest is { } login)
        {
            // The command on a line of its own, verbatim: a warning's lines get the project's name around them.
            Log.LogMessage(MessageImportance.High, "{0}", login.ToString());
            BuildLog.Warning(
                ErrorCodes.GuestKept,
                $"The guest is kept running for {settings.KeepTime.TotalMinutes:0.#} min (WinVmKeepOnFailure) to look inside: " +
                "log in with the ssh command above, to the project's folder as the command left it. It stops then, or when it powers off; nothing waits for it.");
        }

        if (result.ExitCode != 0)
        {
            throw new WinVmException(
                ErrorCodes.GuestCommandFailed,
                $"'{settings.Command}' exited with code {result.ExitCode} in the {settings.Guest.ToString().ToLowerInvariant()} guest.{result.LastOutputLines}");
        }
    }

    /// <summary>
    /// A line of the guest's output, as it arrives: a compiler's diagnostic as an MSBuild error or warning, any other line
    /// at the importance a normal build shows (kept verbatim, never formatted).
    /// </summary>
    private void LogGuestLine(string line, GuestDiagnostics? diagnostics)
    {
        if (diagnostics?.Read(line) is { } diagnostic)
        {
            LogDiagnostic(diagnostic);
        }
        else
        {
            Log.LogMessage(MessageImportance.High, "{0}", line);
        }
    }

    private void LogDiagnostic(CompilerDiagnostic d)
    {
        var subcategory = d.Subcategory.Length == 0 ? null : d.Subcategory;
        if (d.IsError)
        {
            Log.LogError(subcategory, d.Code, helpKeyword: null, HelpLink(d.Code), d.File, d.Line, d.Column, d.EndLine, d.EndColumn, "{0}", d.Text);
        }
        else
        {
            Log.LogWarning(subcategory, d.Code, helpKeyword: null, HelpLink(d.Code), d.File, d.Line, d.Column, d.EndLine, d.EndColumn, "{0}", d.Text);
        }
    }
}
