namespace WinVmBuild.Vm;

/// <summary>
/// Everything that decides how QEMU is started for one VM. <see cref="QemuArguments.Build"/> turns it into a
/// command line; <see cref="QemuMachine.StartAsync"/> starts it.
/// </summary>
public sealed record QemuMachineSpec(string Name, int MemoryMegabytes, AcceleratorKind Accelerator)
{
    public int Cpus { get; init; } = 1;

    /// <summary>The <c>-cpu</c> model (<c>WinVmCpuModel</c>); null for the accelerator's default.</summary>
    public string? CpuModel { get; init; }

    /// <summary>What time the guest's RTC starts at.</summary>
    public GuestClock Clock { get; init; }

    /// <summary>QEMU's machine type; <c>pc</c> (i440FX) has the floppy controller Windows XP/2003 setup reads.</summary>
    public string MachineType { get; init; } = "pc";

    /// <summary>A Linux kernel booted directly (the test guest); null boots from the drives.</summary>
    public string? Kernel { get; init; }

    public string? Initrd { get; init; }

    public string? KernelArguments { get; init; }

    public IReadOnlyList<QemuDrive> Drives { get; init; } = [];

    /// <summary>The guest's network card and what it reaches; null for a machine without one.</summary>
    public UserNetwork? Network { get; init; }

    /// <summary>Guest RAM mapped from a file (a memory snapshot); null for ordinary anonymous memory.</summary>
    public MemoryFile? Memory { get; init; }

    /// <summary>Boot with UEFI firmware instead of the BIOS; null for BIOS.</summary>
    public UefiFirmware? Uefi { get; init; }

    /// <summary>The BIOS's boot order as QEMU's <c>-boot</c> takes it (<c>order=c,once=d</c>); null for QEMU's default.</summary>
    public string? BootOrder { get; init; }

    /// <summary>
    /// Give the guest the Hyper-V enlightenments Windows uses when KVM runs it (its timers and spinlocks), as libvirt
    /// does for Windows guests. TCG emulates none of them.
    /// </summary>
    public bool HyperV { get; init; }

    /// <summary>
    /// Serve the guest's screen over VNC on a unix socket in the work folder (<see cref="QemuArguments.VncSocket"/>), for a
    /// person to watch a stuck guest: only its user reaches it, nothing on the network. No display otherwise.
    /// </summary>
    public bool VncDisplay { get; init; }

    /// <summary>
    /// Start paused, waiting for a saved state instead of booting: <see cref="QemuMachine.ReviveAsync"/> loads it. The
    /// rest of the spec must match the saved machine's.
    /// </summary>
    public bool Incoming { get; init; }

    /// <summary>Exit QEMU when the guest reboots (the test guest); Windows Setup must be allowed to reboot.</summary>
    public bool NoReboot { get; init; }
}
