using WinVmBuild.Cache;
using WinVmBuild.Diagnostics;
using WinVmBuild.Guests;
using WinVmBuild.Guests.Provisioning;
using WinVmBuild.Host;
using WinVmBuild.Media;
using WinVmBuild.Network;

namespace WinVmBuild.Stages;

/// <summary>
/// The provisioning stage, between the install and the snapshot: each <c>WinVmProvision</c> step runs in the guest,
/// booted from a qcow2 overlay of the disk before it, and what it changed is kept as a layer, <c>layer/&lt;key&gt;/</c>
/// (<c>base.qcow2</c>, the guest's host key). A layer's key is the layer (or install) before it, the step's bytes, kind
/// and options, and the bytes of the files it sees: changing a step reruns it and the steps after it, never the steps
/// before. Layers are overlays, so they share their bytes, and the snapshot boots the last one.
/// </summary>
public static class ProvisionStage
{
    public static readonly string Name = EntryKind.Layer.Name;

    /// <summary>The entry whose disk the snapshot boots: the last step's layer, or <paramref name="installEntry"/> without steps.</summary>
    public static async Task<string> RunAsync(
        VmStageEnvironment environment, IGuestProfile guest, MediaEntry media, string installEntry, ProvisionPlan plan, TimeSpan stepTimeout,
        CancellationToken cancellationToken)
    {
        // Each layer is held until the next is in the cache: the next one's disk is its overlay.
        using var mediaLease = await StageCache.UseAsync(media.Folder, environment.Log, cancellationToken).ConfigureAwait(false);
        var below = await StageCache.UseAsync(installEntry, environment.Log, cancellationToken).ConfigureAwait(false);
        try
        {
            for (var index = 0; index < plan.Steps.Count; index++)
            {
                var step = plan.Steps[index];
                var files = plan.VisibleTo(index);
                var parent = below.Folder;
                var layer = await environment.Cache.GetOrCreateAsync(
                    EntryKind.Layer,
                    Key(parent, step, files),
                    environment.Log,
                    folder => RunStepAsync(environment, guest, media, parent, step, files, stepTimeout, folder, cancellationToken),
                    cancellationToken,
                    new EntryFacts(new Dictionary<string, string> { ["guest"] = guest.Description, ["step"] = step.Name, ["base"] = EntryName(parent) }),
                    madeFrom: [below, mediaLease])
                    .ConfigureAwait(false);
                below.Dispose();
                below = layer;
            }

            return below.Folder;
        }
        finally
        {
            below.Dispose();
        }
    }

    /// <summary>What a layer holds depends on: the disk under it, the step's bytes, kind and options, and the files it sees (by content).</summary>
    internal static string Key(string parent, ProvisionStep step, IReadOnlyList<ProvisionFile> files)
    {
        var key = new InputHash()
            .Add("stage", Name)
            .Add("base", EntryName(parent))
            .Add("step", step.RelativePath)
            .Add("kind", step.Kind.ToString())
            .Add("network", step.Network ? "on" : "off")
            .Add("restart", step.Restart ? "yes" : "no")
            .AddFile("script", step.HostPath);
        foreach (var file in files.OrderBy(file => file.RelativePath, StringComparer.Ordinal))
        {
            key.AddFile("file " + file.RelativePath, file.HostPath);
        }

        return key.Finish();
    }

    private static async Task RunStepAsync(
        VmStageEnvironment environment, IGuestProfile guest, MediaEntry media, string parent, ProvisionStep step,
        IReadOnlyList<ProvisionFile> files, TimeSpan timeout, string folder, CancellationToken cancellationToken)
    {
        environment.Log.Message(
            $"WinVmBuild: {Name}: running {step.Name}{(step.Network ? ", which may reach the network" : string.Empty)} (at most {timeout.TotalMinutes:0} min)");
        var hostKey = HostKeyPin.Read(parent);
        var disk = Path.Combine(folder, InstallStage.DiskFile);
        await QemuImg.CreateOverlayAsync(disk, Path.Combine(parent, InstallStage.DiskFile), cancellationToken).ConfigureAwait(false);
        await using var session = GuestSession.Start(environment, Name, timeout, watchScreen: true, cancellationToken);

        // A step may restart the guest; only a step that asks for it may reach the outside.
        var booted = guest.BootMachine(session.Slot, disk);
        var spec = booted with { NoReboot = false, Network = booted.Network! with { Restricted = !step.Network } };
        await session.StartAsync(spec, shares: null, cancellationToken).ConfigureAwait(false);
        await session.ConnectAsync(guest.SshUser, media.PrivateKey, hostKey, cancellationToken).ConfigureAwait(false);

        var lines = new OutputTail();
        var readyLine = $"winvmbuild-ready-{Guid.NewGuid():N}";
        var output = new ReadyLine(readyLine, () => session.Progress($"{step.Name} received"), line =>
        {
            lines.Add(line);
            environment.Log.Message($"{step.Name}: {line}");
        });
        var stepFolder = Path.GetDirectoryName(step.RelativePath)?.Replace('\\', '/') ?? string.Empty;
        var status = await session.RunAsync(
            new GuestCommand(GuestScripts.Provision(guest.Shell, stepFolder, readyLine, guest.ProvisionCommand(step)))
            {
                WriteInput = (input, token) => ProjectArchive.WriteFilesAsync(
                    [(step.HostPath, step.RelativePath), .. files.Select(file => (file.HostPath, file.RelativePath))], input, token),
                OnOutputLine = output.OnLine,
                OnErrorLine = output.OnLine,
            },
            cancellationToken).ConfigureAwait(false);
        if (status != 0 || !output.Seen)
        {
            throw new WinVmException(
                ErrorCodes.ProvisionStepFailed,
                $"The provisioning step {step.Name} exited with code {status} in the {guest.Description}; no layer was kept, and the next build runs it again." +
                (output.Seen ? lines.ToString() : output.ToString())) { File = step.HostPath };
        }

        if (step.Restart)
        {
            await session.RestartGuestAsync(guest, media.PrivateKey, hostKey, cancellationToken).ConfigureAwait(false);
        }

        await session.PowerOffGuestAsync(guest, cancellationToken).ConfigureAwait(false);
        await hostKey.WriteAsync(folder, cancellationToken).ConfigureAwait(false);
        session.ReportDone($"{step.Name} ran{(step.Restart ? ", the guest restarted," : string.Empty)} and its layer was kept");
    }

    /// <summary>An entry as a key names it: its kind and its key (a layer's base is an install or another layer).</summary>
    private static string EntryName(string entry) =>
        $"{Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(entry)))}/{Path.GetFileName(Path.TrimEndingDirectorySeparator(entry))}";
}
