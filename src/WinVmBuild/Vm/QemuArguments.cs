using System.Globalization;
using WinVmBuild.Diagnostics;

namespace WinVmBuild.Vm;

/// <summary>
/// Turns a <see cref="QemuMachineSpec"/> into <c>qemu-system-x86_64</c> arguments. QEMU runs in the machine's
/// work folder, so its own files are named relative to it: a unix socket path then never exceeds the 107
/// bytes Linux allows, however deep the work folder is. Every other path is made absolute here for the same reason.
/// </summary>
public static class QemuArguments
{
    public const string QmpSocket = "qmp.sock";
    public const string PidFile = "qemu.pid";
    public const string VncSocket = "vnc.sock";
    public const string ConsoleLog = "console.log";
    public const string UefiVariables = "uefi-vars.fd";

    /// <summary>
    /// The CPU TCG emulates, which cannot pass the host's through: a named model, with the SSE4.2 and POPCNT Windows 11
    /// needs, and without AVX. Guest code (OpenSSL in sshd above all) takes slower paths in TCG's emulation of AVX:
    /// a revived guest's first SSH login took 1.11 s with "max" and 0.74 s with "Nehalem" (docs/performance.md).
    /// </summary>
    public const string TcgCpuModel = "Nehalem";

    /// <summary>KVM's default: the host's CPU as it is, every feature passed through.</summary>
    public const string HostCpuModel = "host";

    /// <summary>
    /// The model of snapshots shared through a registry, unless the project names one: a named model revives on any
    /// x86-64 CPU that has its features, and Nehalem's (SSE4.2, POPCNT) are what Windows 11 24H2 needs and every CI
    /// runner's CPU has.
    /// </summary>
    public const string PortableCpuModel = TcgCpuModel;

    /// <summary>
    /// The Hyper-V enlightenments libvirt and virt-manager give Windows guests under KVM: relaxed timing, the virtual
    /// APIC, paravirtual spinlocks, the reference TSC page and synthetic timers. Without them Windows runs slowly and
    /// its clock drifts.
    /// </summary>
    public const string HyperVFlags = "hv_relaxed,hv_vapic,hv_spinlocks=0x1fff,hv_vpindex,hv_runtime,hv_synic,hv_stimer,hv_reset,hv_frequencies,hv_time";

    /// <summary>
    /// The date a <see cref="GuestClock.Fixed"/> guest boots at: after the newest supported Windows (Server 2025,
    /// November 2024) and inside the validity of Microsoft's 2011 signing certificates (Windows Production PCA 2011 is
    /// valid from 2011-10-19), so that signature checks without timestamps still pass. The seed's 2010 predates them.
    /// </summary>
    public const string FixedClockBase = "2025-01-01T00:00:00";

    /// <summary>The id of the file-backed memory object a <see cref="MemoryFile"/> becomes.</summary>
    private const string MemoryObject = "ram0";

    public static IReadOnlyList<string> Build(QemuMachineSpec spec)
    {
        var arguments = new List<string>
        {
            "-name", spec.Name,
            "-nodefaults", "-no-user-config", "-display", "none",
            "-machine", spec.Memory is null ? spec.MachineType : $"{spec.MachineType},memory-backend={MemoryObject}",
            "-accel", spec.Accelerator == AcceleratorKind.Kvm ? "kvm" : "tcg",
            "-cpu", CpuModel(spec),
            "-m", Invariant(spec.MemoryMegabytes),
            "-smp", Invariant(spec.Cpus),
            "-rtc", Rtc(spec.Clock),
            // -nodefaults removes the graphics card; screendump needs one to show why a guest is stuck.
            "-vga", "std",
            "-pidfile", PidFile,
            "-qmp", $"unix:{QmpSocket},server=on,wait=off",
            // The serial console goes both to standard output (read live) and to a log file kept on failure.
            "-chardev", $"stdio,id=console,signal=off,logfile={ConsoleLog}",
            "-serial", "chardev:console",
        };

        if (spec.Memory is { } memory)
        {
            arguments.AddRange([
                "-object",
                $"memory-backend-file,id={MemoryObject},size={Invariant(spec.MemoryMegabytes)}M," +
                $"mem-path={Escape(Path.GetFullPath(memory.Path))},share={(memory.Shared ? "on" : "off")}",
            ]);
        }

        if (spec.VncDisplay)
        {
            arguments.AddRange(["-vnc", $"unix:{VncSocket}"]);
        }

        if (spec.NoReboot)
        {
            arguments.Add("-no-reboot");
        }

        if (spec.BootOrder is not null)
        {
            arguments.AddRange(["-boot", spec.BootOrder]);
        }

        AddFirmware(spec, arguments);
        AddKernel(spec, arguments);
        for (var i = 0; i < spec.Drives.Count; i++)
        {
            AddDrive(spec.Drives[i], i, arguments);
        }

        if (spec.Network is { } network)
        {
            arguments.AddRange(network.Arguments());
        }

        if (spec.Incoming)
        {
            // -S keeps the VM paused once its state is loaded, until QemuMachine sends "cont"; "defer" leaves the
            // state's source to a QMP command, after the capabilities it needs are set.
            arguments.AddRange(["-S", "-incoming", "defer"]);
        }

        return arguments;
    }

    /// <summary>
    /// The <c>-cpu</c> value: the CPU the guest sees, with its flags. A snapshot revives only on the same one. The
    /// model is the project's (<c>WinVmCpuModel</c>), else under KVM the host's own CPU (fastest, but a snapshot of it
    /// revives only on a CPU like it), under TCG <see cref="TcgCpuModel"/>.
    /// </summary>
    public static string CpuModel(QemuMachineSpec spec)
    {
        var model = spec.CpuModel ?? (spec.Accelerator == AcceleratorKind.Kvm ? HostCpuModel : TcgCpuModel);
        return spec.Accelerator == AcceleratorKind.Kvm && spec.HyperV ? $"{model},{HyperVFlags}" : model;
    }

    /// <summary>
    /// The host's UTC time, following the host's clock (as quickemu and rgl/windows-vagrant give Windows); or the fixed
    /// date, advancing only while the guest runs. Windows reads its RTC as local time: in a zone other than UTC its
    /// clock is off by the zone's offset until a revive sets it.
    /// </summary>
    private static string Rtc(GuestClock clock) =>
        clock == GuestClock.Fixed ? $"base={FixedClockBase},clock=vm" : "base=utc,clock=host";

    private static void AddFirmware(QemuMachineSpec spec, List<string> arguments)
    {
        if (spec.Uefi is not null)
        {
            arguments.AddRange([
                "-drive", $"if=pflash,format=raw,unit=0,readonly=on,file={Escape(Path.GetFullPath(spec.Uefi.CodeFile))}",
                "-drive", $"if=pflash,format=raw,unit=1,file={UefiVariables}",
            ]);
        }
    }

    private static void AddKernel(QemuMachineSpec spec, List<string> arguments)
    {
        if (spec.Kernel is null)
        {
            return;
        }

        arguments.AddRange(["-kernel", Path.GetFullPath(spec.Kernel)]);
        if (spec.Initrd is not null)
        {
            arguments.AddRange(["-initrd", Path.GetFullPath(spec.Initrd)]);
        }

        if (spec.KernelArguments is not null)
        {
            arguments.AddRange(["-append", spec.KernelArguments]);
        }
    }

    private static void AddDrive(QemuDrive drive, int index, List<string> arguments)
    {
        if (drive.Kind != DriveKind.Disk && drive.Interface == DriveInterface.Virtio)
        {
            throw new WinVmException(
                ErrorCodes.InvalidMachineSpec,
                $"The {drive.Kind} drive '{drive.File}' cannot be on the virtio bus: only disks can.") { File = drive.File };
        }

        if (drive.Serial is null)
        {
            var bus = drive.Kind == DriveKind.Floppy ? "floppy" : drive.Interface == DriveInterface.Virtio ? "virtio" : "ide";
            arguments.AddRange(["-drive", DriveOption(drive, $"if={bus}")]);
            return;
        }

        // QEMU 7.2 no longer takes serial= on -drive: the disk becomes a device of its own that carries it.
        var device = drive.Interface == DriveInterface.Virtio ? "virtio-blk-pci" : "ide-hd";
        arguments.AddRange([
            "-drive", DriveOption(drive, $"if=none,id=disk{index}"),
            "-device", $"{device},drive=disk{index},serial={Escape(drive.Serial)}",
        ]);
    }

    private static string DriveOption(QemuDrive drive, string bus)
    {
        var option = $"file={Escape(Path.GetFullPath(drive.File))},format={drive.Format},{bus}";
        if (drive.Kind == DriveKind.Cdrom)
        {
            option += ",media=cdrom";
        }

        if (drive.ReadOnly)
        {
            option += ",readonly=on";
        }

        if (drive.Snapshot)
        {
            option += ",snapshot=on";
        }

        return option;
    }

    /// <summary>QEMU option values are comma-separated: a comma inside a value is written twice.</summary>
    internal static string Escape(string value) => value.Replace(",", ",,");

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
