using WinVmBuild.Controller;
using WinVmBuild.Diagnostics;
using WinVmBuild.Guests;
using WinVmBuild.Vm;

namespace WinVmBuild.Stages;

/// <summary>
/// The run stage, on every build: the guest is revived from the snapshot (its disk writes thrown away), a fresh
/// controller serves the project and runs the command in it, its output streams live, and the declared
/// outputs and the exit code come back. Not cached: it is the build.
/// </summary>
public static class RunStage
{
    public const string Name = "run";

    public static async Task<RunResult> RunAsync(
        VmStageEnvironment environment, IGuestProfile guest, string snapshotEntry, string privateKey, RunRequest request, TimeSpan timeout,
        Action<string> onOutputLine, CancellationToken cancellationToken)
    {
        var disk = Path.Combine(snapshotEntry, SuspendStage.DiskFile);
        var state = Path.Combine(snapshotEntry, SuspendStage.StateFile);
        if (!File.Exists(state))
        {
            throw new WinVmException(ErrorCodes.StageInputMissing, $"The memory snapshot '{state}' is missing. Run 'dotnet build --no-incremental' to take it again.")
            {
                File = state,
            };
        }

        var shares = request.Shares.Prepend(new SharedFolder(SharedFolder.ProjectName, request.ProjectFolder, readOnly: true)).ToList();
        var account = VmSession.NewSambaAccount();
        var script = guest.RunScript(new GuestRunRequest(request.Command, request.Outputs, shares, SharedFolder.ProjectName, account));

        await using var session = await VmSession.StartAsync(environment, Name, timeout, cancellationToken).ConfigureAwait(false);
        await session.StartGuestAsync(slot => Revived(guest.BootMachine(slot, disk), state), cancellationToken).ConfigureAwait(false);
        var lines = new OutputTail();
        var result = await session.RunInGuestAsync(
            guest.SshUser,
            privateKey,
            shares,
            account,
            script,
            line =>
            {
                lines.Add(line);
                onOutputLine(line);
            },
            cancellationToken).ConfigureAwait(false);
        var exitCode = result.EnsureExitCode();
        var collected = GuestOutputs.Collect(session.Exchange.OutputFolder, request.OutputFolder, environment.Log);
        session.ReportDone($"'{request.Command}' exited with {exitCode}");
        return new RunResult(exitCode, collected, lines.ToString());
    }

    /// <summary>The snapshotted machine, revived from its state, every disk write going to a throw-away file.</summary>
    internal static QemuMachineSpec Revived(QemuMachineSpec booted, string state) => booted with
    {
        IncomingState = state,
        Drives = booted.Drives.Select(drive => drive.Kind == DriveKind.Disk ? drive with { Snapshot = true } : drive).ToList(),
    };
}
