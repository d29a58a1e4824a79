using WinVmBuild.Cache;
using WinVmBuild.Diagnostics;
using WinVmBuild.Guests;
using WinVmBuild.Host;
using WinVmBuild.Media;
using WinVmBuild.Network;
using WinVmBuild.Vm;

namespace WinVmBuild.Stages;

/// <summary>
/// A snapshot of the revived guest holding a copy of one large project in its work folder, so that a build of that
/// project sends only what changed since (the run stage revives it instead of the image's snapshot): sending a large
/// project whole costs seconds per build, through SSH and into the guest's disk, where most of it never changed.
/// <para>
/// It is made like a revive, the guest's disk writes kept in an overlay of the snapshot's disk and its memory in a copy of
/// the snapshot's RAM file, the whole project sent, then saved as the suspend stage saves; the listing of what it holds
/// (<see cref="ProjectFiles"/>) beside it. The project's folder records which one is its own (a file in its state folder,
/// passed as <see cref="RunRequest.ProjectSnapshotRecord"/>). When what changed since grows past a quarter of the
/// project, a new one is made and the old one goes, if no build uses it.
/// </para>
/// </summary>
internal static class ProjectSnapshot
{
    public static readonly string Name = EntryKind.Project.Name;

    /// <summary>What the snapshot's guest holds, as the host listed it when it sent it.</summary>
    public const string FilesFile = "project-files.json";

    /// <summary>Below this, a project goes whole on every build: sending it costs less than a snapshot of its own.</summary>
    public const long MinimumBytes = 16L << 20;

    /// <summary>More paths to delete than this and the list would make the guest's command too long: a new snapshot is made.</summary>
    private const int MostDeleted = 2000;

    /// <summary>
    /// The snapshot to revive for <paramref name="request"/>, and what to send it: the image's snapshot and the whole
    /// project (null), or the project's own snapshot and what changed since it was made, which it makes first when it
    /// has none, or too old a one.
    /// </summary>
    public static async Task<(string Snapshot, ProjectDelta? Delta)> ChooseAsync(
        VmStageEnvironment environment, IGuestProfile guest, MediaEntry media, string suspendEntry, RunRequest request, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        if (request.ProjectSnapshotRecord is not { } record || !File.Exists(Path.Combine(suspendEntry, SuspendStage.MemoryFile)))
        {
            return (suspendEntry, null);
        }

        var files = ProjectFiles.Scan(request.ProjectFolder);
        if (files.Bytes < MinimumBytes)
        {
            return (suspendEntry, null);
        }

        var previous = Recorded(record, suspendEntry);
        if (previous is not null)
        {
            var delta = files.ChangesSince(ProjectFiles.Parse(await File.ReadAllTextAsync(Path.Combine(previous, FilesFile), cancellationToken).ConfigureAwait(false)));
            if (delta.SentBytes <= files.Bytes / 4 && delta.Deleted.Count <= MostDeleted)
            {
                environment.Log.Detail($"{Name}: {delta.Sent.Count} changed, {delta.Deleted.Count} deleted since the project's snapshot {previous}");
                return (previous, delta);
            }
        }

        var made = await MakeAsync(environment, guest, media, suspendEntry, request.ProjectFolder, files, timeout, cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(record))!);
        await AtomicPublish.FileAsync(record, temporary => File.WriteAllTextAsync(temporary, made + "\n", cancellationToken)).ConfigureAwait(false);
        if (previous is not null && previous != made)
        {
            environment.Cache.TryEvict(previous, environment.Log);
        }

        return (made, files.ChangesSince(files));
    }

    /// <summary>The project's snapshot its record names, when it is still in the cache and was made from <paramref name="suspendEntry"/>.</summary>
    private static string? Recorded(string record, string suspendEntry)
    {
        if (!File.Exists(record))
        {
            return null;
        }

        var entry = CacheEntry.At(File.ReadAllText(record).Trim());
        return entry.Exists && File.Exists(Path.Combine(entry.Folder, FilesFile)) && (entry.MadeFrom?.Contains(CacheEntry.At(suspendEntry)) ?? false)
            ? entry.Folder
            : null;
    }

    private static async Task<string> MakeAsync(
        VmStageEnvironment environment, IGuestProfile guest, MediaEntry media, string suspendEntry, string projectFolder, ProjectFiles files,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var snapshot = await StageCache.UseAsync(suspendEntry, environment.Log, cancellationToken).ConfigureAwait(false);
        using var mediaLease = await StageCache.UseAsync(media.Folder, environment.Log, cancellationToken).ConfigureAwait(false);
        var key = new InputHash()
            .Add("stage", Name)
            .Add("snapshot", Path.GetFileName(Path.TrimEndingDirectorySeparator(suspendEntry)))
            .Add("project", Path.GetFullPath(projectFolder))
            .Add("files", files.ToJson())
            .Finish();
        using var made = await environment.Cache.GetOrCreateAsync(
            EntryKind.Project,
            key,
            environment.Log,
            folder => TakeAsync(environment, guest, media, suspendEntry, projectFolder, files, timeout, folder, cancellationToken),
            cancellationToken,
            madeFrom: [snapshot, mediaLease]).ConfigureAwait(false);
        return made.Folder;
    }

    /// <summary>Revives the image's snapshot into <paramref name="folder"/>'s own disk overlay and RAM file, sends the project, saves.</summary>
    private static async Task TakeAsync(
        VmStageEnvironment environment, IGuestProfile guest, MediaEntry media, string suspendEntry, string projectFolder, ProjectFiles files,
        TimeSpan timeout, string folder, CancellationToken cancellationToken)
    {
        var memory = Path.Combine(folder, SuspendStage.MemoryFile);
        var source = Path.Combine(suspendEntry, SuspendStage.MemoryFile);
        CacheFolderCheck.EnsureSpace(environment.Cache.Root, FileStatus.Of(source).AllocatedBytes + files.Bytes + (64L << 20), Name);
        environment.Log.Message($"WinVmBuild: {Name}: taking a snapshot that holds the project ({files.Bytes >> 20} MB): later builds send only what changed");
        await QemuImg.CreateOverlayAsync(Path.Combine(folder, SuspendStage.DiskFile), Path.Combine(suspendEntry, SuspendStage.DiskFile), cancellationToken)
            .ConfigureAwait(false);
        await ProcessRunner.RunCheckedAsync(new ProcessSpec("cp", ["--sparse=always", "--reflink=auto", source, memory]), cancellationToken).ConfigureAwait(false);
        foreach (var file in new[] { HostKeyPin.FileName, SuspendStage.MachineTypeFile })
        {
            File.Copy(Path.Combine(suspendEntry, file), Path.Combine(folder, file));
        }

        await using var session = GuestSession.Start(environment, Name, timeout, cancellationToken: cancellationToken);
        var (revived, state) = RunStage.Revived(guest.BootMachine(session.Slot, Path.Combine(folder, SuspendStage.DiskFile)), suspendEntry);
        var spec = revived with
        {
            Memory = new MemoryFile(memory, Shared: true),
            Drives = revived.Drives.Select(drive => drive.Kind == DriveKind.Disk ? drive with { Snapshot = false } : drive).ToList(),
        };
        await session.StartAsync(spec, shares: null, cancellationToken).ConfigureAwait(false);
        await session.ContinueFromAsync(state, cancellationToken).ConfigureAwait(false);
        using (await session.ConnectAsync(guest.SshUser, media.PrivateKey, HostKeyPin.Read(suspendEntry), cancellationToken).ConfigureAwait(false))
        {
            var output = new OutputTail();
            var status = await session.RunAsync(
                new GuestCommand(GuestScripts.ReceiveProject(keepTimes: session.Slot.Clock == GuestClock.Host))
                {
                    WriteInput = (input, token) => ProjectArchive.WriteAsync(projectFolder, input, token),
                    OnOutputLine = output.Add,
                    OnErrorLine = output.Add,
                },
                cancellationToken).ConfigureAwait(false);
            if (status != 0)
            {
                throw new WinVmException(ErrorCodes.ProjectNotReceived, $"The guest could not receive the project '{projectFolder}' (exit code {status}): is its disk full?{output}");
            }
        }

        // Saved with no connection open, as the image's snapshot is.
        await session.SaveStateAndQuitAsync(Path.Combine(folder, QemuMachine.StateFileName(spec)), cancellationToken).ConfigureAwait(false);
        await SparseFiles.DigHolesAsync(memory, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(folder, FilesFile), files.ToJson(), cancellationToken).ConfigureAwait(false);
        session.ReportDone($"snapshot of the project taken ({files.Entries.Count} entries, {files.Bytes >> 20} MB)");
    }
}
