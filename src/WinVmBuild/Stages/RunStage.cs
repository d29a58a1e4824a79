using WinVmBuild.Diagnostics;
using WinVmBuild.Guests;
using WinVmBuild.Media;
using WinVmBuild.Network;
using WinVmBuild.Vm;

namespace WinVmBuild.Stages;

/// <summary>
/// The run stage, on every build: the guest is revived from the snapshot (its RAM mapped copy-on-write from the
/// snapshot's RAM file, its disk writes thrown away), receives the project over SSH as a tar stream, mounts its
/// shares and runs the command in one SSH channel, its output streaming live, and sends the declared outputs back.
/// Not cached: it is the build.
/// </summary>
public static class RunStage
{
    public const string Name = "run";

    public static async Task<RunResult> RunAsync(
        VmStageEnvironment environment, IGuestProfile guest, MediaEntry media, string suspendEntry, RunRequest request, TimeSpan timeout,
        Action<string> onOutputLine, CancellationToken cancellationToken)
    {
        var (snapshot, delta) = await ProjectSnapshot.ChooseAsync(environment, guest, media, suspendEntry, request, timeout, cancellationToken)
            .ConfigureAwait(false);
        await using var revived = await RevivedGuest.StartAsync(environment, Name, guest, media, snapshot, request.Shares, timeout, cancellationToken)
            .ConfigureAwait(false);
        var session = revived.Session;
        var result = await BuildInGuestAsync(session, guest, request, revived.Shares, onOutputLine, cancellationToken, delta).ConfigureAwait(false);
        session.ReportDone($"'{request.Command}' exited with {result.ExitCode}");
        if (result.ExitCode != 0 && environment.KeepOnFailure is { } bound)
        {
            var login = await session.LoginAsync(guest, media.PrivateKey, cancellationToken).ConfigureAwait(false);
            await session.KeepAsync(bound).ConfigureAwait(false);
            return result with { KeptGuest = login };
        }

        return result;
    }

    /// <summary>
    /// One build in the guest <paramref name="session"/> is logged in to: send the project and mount the shares, run
    /// the command with its output streaming, send the outputs back. (The revive benchmark runs it in a cold-booted guest.)
    /// </summary>
    /// <param name="delta">What changed since the project's snapshot the guest was revived from; null: the project goes whole.</param>
    internal static async Task<RunResult> BuildInGuestAsync(
        GuestSession session, IGuestProfile guest, RunRequest request, SambaServer? shares, Action<string> onOutputLine, CancellationToken cancellationToken,
        ProjectDelta? delta = null)
    {
        var lines = new OutputTail();
        var readyLine = $"winvmbuild-ready-{Guid.NewGuid():N}";
        var output = new ReadyLine(readyLine, () => session.Progress("project received, shares mounted"), line =>
        {
            if (line == GuestScripts.ClockNotSet)
            {
                session.Log.Warning(
                    ErrorCodes.GuestClockNotSet,
                    "The guest refused to set its clock to the host's time: the command sees the time its snapshot was taken at. " +
                    "Set WinVmClock=fixed to build with a fixed date on purpose, or rebuild the image (delete its suspend entry).");
                return;
            }

            lines.Add(line);
            onOutputLine(line);
        });
        var hostTime = session.Slot.Clock == GuestClock.Host ? DateTimeOffset.UtcNow : (DateTimeOffset?)null;
        var status = await session.RunAsync(
            new GuestCommand(GuestScripts.Build(guest.Shell, request.Shares, shares?.Account, readyLine, request.Command, hostTime, delta?.Deleted))
            {
                WriteInput = delta is null
                    ? (input, token) => ProjectArchive.WriteAsync(request.ProjectFolder, input, token)
                    : (input, token) => ProjectArchive.WriteFilesAsync([.. delta.Sent.Select(path => (Path.Combine(request.ProjectFolder, path), path))], input, token),
                OnOutputLine = output.OnLine,
                OnErrorLine = output.OnLine,
            },
            cancellationToken).ConfigureAwait(false);
        if (!output.Seen)
        {
            throw NotReceived(request, shares, status, output);
        }

        var collected = await CollectAsync(session, request, cancellationToken).ConfigureAwait(false);
        return new RunResult(status, collected, lines.ToString());
    }

    /// <summary>
    /// The snapshotted machine as a revive starts it: the machine type it was saved from, its RAM mapped privately from
    /// the snapshot's RAM file (or, where the snapshot holds its memory in the state file, not mapped), every disk write
    /// going to a throw-away file.
    /// </summary>
    internal static (QemuMachineSpec Spec, string StateFile) Revived(QemuMachineSpec booted, string suspendEntry)
    {
        var memoryFile = Path.Combine(suspendEntry, SuspendStage.MemoryFile);
        var spec = booted with
        {
            MachineType = SuspendStage.MachineTypeOf(suspendEntry),
            Incoming = true,
            Memory = File.Exists(memoryFile) ? new MemoryFile(memoryFile, Shared: false) : null,
            Drives = booted.Drives.Select(drive => drive.Kind == DriveKind.Disk ? drive with { Snapshot = true } : drive).ToList(),
        };
        return (spec, Path.Combine(suspendEntry, QemuMachine.StateFileName(spec)));
    }

    /// <summary>Why the command never ran: the project did not arrive, or a share could not be mounted.</summary>
    private static WinVmException NotReceived(RunRequest request, SambaServer? shares, int status, ReadyLine output) =>
        status == GuestScripts.ShareNotMounted && shares is not null
            ? new WinVmException(
                ErrorCodes.ShareServerFailed,
                $"The guest could not mount its shares:{output}\nLast lines of smbd's log:\n  {shares.LogTail().Replace("\n", "\n  ", StringComparison.Ordinal)}")
            : new WinVmException(
                ErrorCodes.ProjectNotReceived,
                $"The guest could not receive the project '{request.ProjectFolder}' (exit code {status}): is its disk full?{output}");

    private static async Task<IReadOnlyList<string>> CollectAsync(GuestSession session, RunRequest request, CancellationToken cancellationToken)
    {
        if (request.Outputs.Count == 0)
        {
            return [];
        }

        IReadOnlyList<string> collected = [];
        await session.RunAsync(
            new GuestCommand(GuestScripts.Collect(request.Outputs))
            {
                ReadOutput = async (output, token) => collected = await OutputArchive.ExtractAsync(output, request.OutputFolder, session.Log, token).ConfigureAwait(false),
                OnErrorLine = line => session.Log.Warning(ErrorCodes.OutputNotProduced, line),
            },
            cancellationToken).ConfigureAwait(false);
        return collected;
    }
}
