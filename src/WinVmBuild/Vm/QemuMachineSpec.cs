namespace WinVmBuild.Vm;

/// <summary>
/// Everything that decides how QEMU is started for one VM. <see cref="QemuArguments.Build"/> turns it into a
/// command line; <see cref="QemuMachine.StartAsync"/> starts it.
/// </summary>
public sealed record QemuMachineSpec(string Name, int MemoryMegabytes, AcceleratorKind Accelerator)
{
    public int Cpus { get; init; } = 1;

    /// <summary>QEMU's machine type; <c>pc</c> (i440FX) has the floppy controller Windows XP/2003 setup reads.</summary>
    public string MachineType { get; init; } = "pc";

    /// <summary>A Linux kernel booted directly (controller VM, test guest); null boots from the drives.</summary>
    public string? Kernel { get; init; }

    public string? Initrd { get; init; }

    public string? KernelArguments { get; init; }

    public IReadOnlyList<QemuDrive> Drives { get; init; } = [];

    public QemuNetwork? Network { get; init; }

    public IReadOnlyList<QemuShare> Shares { get; init; } = [];

    /// <summary>Boot with UEFI firmware instead of the BIOS; null for BIOS.</summary>
    public UefiFirmware? Uefi { get; init; }

    /// <summary>
    /// A state file written by <see cref="QemuMachine.SaveStateAsync"/> (<c>.zst</c> or <c>.gz</c>): the machine
    /// is revived from it instead of booting. The rest of the spec must match the saved machine's.
    /// </summary>
    public string? IncomingState { get; init; }

    /// <summary>Exit QEMU when the guest reboots (the test guest); Windows Setup must be allowed to reboot.</summary>
    public bool NoReboot { get; init; }
}
