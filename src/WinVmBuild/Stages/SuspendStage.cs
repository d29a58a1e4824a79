using WinVmBuild.Cache;
using WinVmBuild.Diagnostics;
using WinVmBuild.Guests;
using WinVmBuild.Host;
using WinVmBuild.Media;
using WinVmBuild.Network;
using WinVmBuild.Vm;

namespace WinVmBuild.Stages;

/// <summary>
/// The suspend stage, where the memory snapshot is taken: the installed disk is booted through a qcow2 overlay with
/// the guest's RAM mapped from <c>ram.img</c> (shared: the guest writes its memory into the file), the guest's setup
/// command runs over SSH, then QEMU stops the VM and saves its device state. The result, <c>suspend/&lt;key&gt;/</c>
/// with <c>disk.qcow2</c>, the sparse <c>ram.img</c>, <c>state.bin</c> and the host key, is what every build revives.
/// On a file system without sparse files the whole memory goes into <c>state.zst</c> instead.
/// </summary>
public static class SuspendStage
{
    public static readonly string Name = EntryKind.Suspend.Name;
    public const string DiskFile = "disk.qcow2";
    public const string MemoryFile = "ram.img";

    /// <summary>The resolved QEMU machine type the snapshot was taken with.</summary>
    public const string MachineTypeFile = "machine-type";

    /// <summary>Returns the snapshot's cache entry, taking the snapshot first when the cache has none for these inputs.</summary>
    public static async Task<string> RunAsync(
        VmStageEnvironment environment, IGuestProfile guest, MediaEntry media, string installEntry, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        // Held until the snapshot is in the cache: its disk is an overlay of the install's, and the guest is logged in to with the media's key.
        using var install = await StageCache.UseAsync(installEntry, environment.Log, cancellationToken).ConfigureAwait(false);
        using var mediaLease = await StageCache.UseAsync(media.Folder, environment.Log, cancellationToken).ConfigureAwait(false);
        var baseDisk = Path.Combine(installEntry, InstallStage.DiskFile);
        if (!File.Exists(baseDisk))
        {
            throw new WinVmException(ErrorCodes.StageInputMissing, $"The installed disk '{baseDisk}' is missing. Build again: the install stage makes it anew.")
            {
                File = baseDisk,
            };
        }

        var inputs = await InputsAsync(environment, guest, installEntry, cancellationToken).ConfigureAwait(false);
        using var snapshot = await environment.Cache.GetOrCreateAsync(
            EntryKind.Suspend,
            inputs.Key,
            environment.Log,
            folder => SuspendAsync(environment, guest, media, installEntry, inputs, timeout, folder, cancellationToken),
            cancellationToken,
            inputs.Facts,
            madeFrom: [install, mediaLease]).ConfigureAwait(false);
        return snapshot.Folder;
    }

    /// <summary>
    /// What a revive depends on, and so the snapshot's key: the machine exactly as it is saved (QEMU's major.minor
    /// version, the resolved machine type, the CPU model with its flags, memory, CPUs, the accelerator), where its RAM
    /// is kept, and the installed disk. Not the settle rule (<see cref="IGuestProfile.Settle"/>): it says only when the guest
    /// is saved, and a snapshot saved by another rule revives the same.
    /// </summary>
    internal static async Task<SuspendInputs> InputsAsync(
        VmStageEnvironment environment, IGuestProfile guest, string installEntry, CancellationToken cancellationToken)
    {
        var booted = guest.BootMachine(environment.Slot(Name), Path.Combine(installEntry, InstallStage.DiskFile));
        var machineType = await QemuMachineTypes.ResolveAsync(booted.MachineType, cancellationToken).ConfigureAwait(false);
        var qemu = await QemuVersion.ReadAsync(cancellationToken).ConfigureAwait(false);
        var mapped = SparseFiles.Supported(environment.Cache.Root);
        var install = Path.GetFileName(Path.TrimEndingDirectorySeparator(installEntry));
        var cpu = QemuArguments.CpuModel(booted);
        var key = new InputHash()
            .Add("stage", Name)
            .Add("install", install)
            .Add("qemu", qemu.MajorMinor)
            .Add("machine type", machineType)
            .Add("cpu", cpu)
            .Add("accelerator", booted.Accelerator.ToString())
            .Add("memory", booted.MemoryMegabytes.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Add("cpus", booted.Cpus.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Add("ram", mapped ? "mapped file" : "in the state file")
            .Add("clock", booted.Clock.ToString())
            .Add("setup", guest.SuspendSetupScript)
            .Finish();
        var facts = new EntryFacts(new Dictionary<string, string>
        {
            ["guest"] = guest.Description,
            ["install"] = install,
            ["qemu"] = qemu.MajorMinor,
            ["qemu.version"] = qemu.Full,
            ["machine-type"] = machineType,
            ["cpu-model"] = cpu,
            ["accelerator"] = booted.Accelerator.ToString().ToLowerInvariant(),
            ["memory"] = $"{booted.MemoryMegabytes} MB",
            ["cpus"] = booted.Cpus.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["clock"] = booted.Clock.ToString().ToLowerInvariant(),
        })
        {
            Lineage = "install",
            MustMatch = ["qemu", "machine-type", "cpu-model", "accelerator", "memory", "cpus", "clock"],
            NotPortable = cpu.Split(',')[0] == QemuArguments.HostCpuModel
                ? "it was taken with -cpu host, which revives only on a CPU like this machine's. Set WinVmCpuModel to a named " +
                  $"QEMU model every runner's CPU has (it is {QemuArguments.PortableCpuModel} when WinVmCacheRegistry is set and WinVmCpuModel is not)"
                : null,
        };
        return new SuspendInputs(key, machineType, mapped, booted.MemoryMegabytes, facts);
    }

    /// <summary>The machine type the snapshot in <paramref name="entry"/> was taken with: it revives only into that one.</summary>
    public static string MachineTypeOf(string entry) => File.ReadAllText(Path.Combine(entry, MachineTypeFile)).Trim();

    private static async Task SuspendAsync(
        VmStageEnvironment environment, IGuestProfile guest, MediaEntry media, string installEntry, SuspendInputs inputs, TimeSpan timeout,
        string folder, CancellationToken cancellationToken)
    {
        // The guest's memory lands in the RAM file as it is used, the device state and the disk overlay beside it.
        CacheFolderCheck.EnsureSpace(environment.Cache.Root, ((long)inputs.MemoryMegabytes + 64) << 20, Name);
        environment.Log.Message($"WinVmBuild: {Name}: booting the installed guest to snapshot its memory");
        var hostKey = HostKeyPin.Read(installEntry);
        var disk = Path.Combine(folder, DiskFile);
        await QemuImg.CreateOverlayAsync(disk, Path.Combine(installEntry, InstallStage.DiskFile), cancellationToken).ConfigureAwait(false);
        var memory = inputs.MappedMemory ? CreateMemoryFile(folder) : null;
        if (memory is null)
        {
            environment.Log.Warning(
                ErrorCodes.SparseFilesUnsupported,
                $"The cache folder '{environment.Cache.Root}' is on a file system without sparse files: the snapshot keeps the " +
                "guest's whole memory compressed in state.zst, and every revive decompresses it (seconds instead of a fraction of one). " +
                "Put WinVmCacheDir on ext4, xfs, btrfs or tmpfs for sub-second revives.");
        }

        await using var session = GuestSession.Start(environment, Name, timeout, watchScreen: true, cancellationToken);
        var spec = guest.BootMachine(session.Slot, disk) with { MachineType = inputs.MachineType, Memory = memory };
        await session.StartAsync(spec, shares: null, cancellationToken).ConfigureAwait(false);
        using (var ssh = await session.ConnectAsync(guest.SshUser, media.PrivateKey, hostKey, cancellationToken).ConfigureAwait(false))
        {
            var output = new OutputTail();
            var quiet = new QuietReport(environment.Log);
            var command = new GuestCommand(guest.SuspendSetupScript)
            {
                OnOutputLine = line =>
                {
                    output.Add(line);
                    quiet.Add(line);
                },
                OnErrorLine = output.Add,
            };
            var exitCode = await session.RunAsync(command, cancellationToken).ConfigureAwait(false);
            if (exitCode != 0)
            {
                throw new WinVmException(ErrorCodes.SuspendSetupFailed, $"The setup command before the snapshot exited with code {exitCode}.{output}");
            }

            quiet.Finish();
        }

        // Saved with no connection open: a revived guest has no half-closed session of this one. Only once it is quiet:
        // what it still does would be frozen into every revive.
        var settled = await session.SettleAsync(guest.Settle, cancellationToken).ConfigureAwait(false);
        var state = Path.Combine(folder, QemuMachine.StateFileName(spec));
        await session.SaveStateAndQuitAsync(state, cancellationToken).ConfigureAwait(false);
        if (memory is not null)
        {
            await SparseFiles.DigHolesAsync(memory.Path, cancellationToken).ConfigureAwait(false);
        }

        await hostKey.WriteAsync(folder, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(folder, MachineTypeFile), inputs.MachineType + "\n", cancellationToken).ConfigureAwait(false);
        var stored = memory is null ? 0 : FileStatus.Of(memory.Path).AllocatedBytes;
        session.ReportDone($"memory snapshot taken ({(stored + new FileInfo(state).Length) >> 20} MB stored for {spec.MemoryMegabytes} MB of RAM; {settled})");
    }

    /// <summary>
    /// The RAM file for a snapshot in <paramref name="folder"/>: created empty and owner-only (guest memory holds
    /// secrets), then sized by QEMU, which maps it shared so the guest's memory lands in the file.
    /// </summary>
    private static MemoryFile CreateMemoryFile(string folder)
    {
        var path = Path.Combine(folder, MemoryFile);
        new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = PrivateFile.Mode }).Dispose();
        return new MemoryFile(path, Shared: true);
    }
}

/// <summary>The suspend stage's key, and the facts it was computed from that the snapshot is then taken with.</summary>
internal sealed record SuspendInputs(string Key, string MachineType, bool MappedMemory, int MemoryMegabytes, EntryFacts Facts);
