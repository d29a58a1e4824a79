using Microsoft.Build.Framework;
using WinVmBuild.Diagnostics;
using WinVmBuild.Stages;

namespace WinVmBuild.Tasks;

/// <summary>
/// <c>dotnet build -t:WinVmShell</c>: a login shell in a revived guest, in a copy of the project with its shares
/// mounted, in the terminal the build runs in; the guest ends with the shell. Where the build has no terminal it can
/// hand over (<see cref="ShellTerminal"/>), the guest is kept for WinVmKeepMinutes and the ssh command that logs in is printed.
/// </summary>
public sealed class OpenGuestShell : WinVmGuestStageTask
{
    [Required]
    public string SuspendEntry { get; set; } = string.Empty;

    [Required]
    public string ProjectDirectory { get; set; } = string.Empty;

    protected override async System.Threading.Tasks.Task RunStageAsync(CheckedProject project)
    {
        var (environment, guest, media) = Prepare(project);
        var settings = project.Settings;
        var whyNoShell = ShellTerminal.WhyNot(
            !Console.IsInputRedirected, !Console.IsOutputRedirected, Environment.GetCommandLineArgs(), Environment.GetEnvironmentVariable("MSBUILDTERMINALLOGGER"));
        var kept = await ShellStage.OpenAsync(
            environment, guest, media, SuspendEntry, ProjectDirectory, settings.Shares, settings.RunTimeout, whyNoShell is null ? null : settings.KeepTime,
            line => Log.LogMessage(MessageImportance.High, "{0}", line), CancellationToken).ConfigureAwait(false);
        if (kept is not null)
        {
            Log.LogMessage(MessageImportance.High, "{0}", kept.ToString());
            BuildLog.Warning(
                ErrorCodes.ShellWithoutTerminal,
                $"No shell was opened: {whyNoShell}. The guest is kept running for {settings.KeepTime.TotalMinutes:0.#} min (WinVmKeepMinutes) " +
                "instead: log in with the ssh command above.");
        }
    }
}
