namespace WinVmBuild.Guests;

/// <summary>
/// What one VM is made of, as the appliance or guest profile that knows it describes it: the machine code
/// (Vm/QemuMachine) only turns this into QEMU arguments.
/// </summary>
public sealed record VmDevices(int MemoryMegabytes, VmNic Nic)
{
    /// <summary>A kernel to boot directly; null boots from the drives.</summary>
    public string? KernelPath { get; init; }

    public string? InitrdPath { get; init; }

    /// <summary>The kernel command line (only with <see cref="KernelPath"/>).</summary>
    public string? KernelArguments { get; init; }

    /// <summary>Drives in the order they are attached (virtio drives appear as vda, vdb, ... in that order).</summary>
    public IReadOnlyList<VmDrive> Drives { get; init; } = [];

    /// <summary>Host folders exported over 9p. Never for a VM whose memory is snapshotted: migration refuses 9p.</summary>
    public IReadOnlyList<NinePExport> NinePExports { get; init; } = [];
}

/// <summary>The network card on the private switch.</summary>
/// <param name="Model">The QEMU device, e.g. <c>virtio-net-pci</c> or <c>e1000</c>.</param>
public sealed record VmNic(string Model, string MacAddress);

/// <summary>A disk image attached to a VM.</summary>
/// <param name="Format">The image format QEMU reads: <c>raw</c> or <c>qcow2</c>.</param>
public sealed record VmDrive(string Path, VmDriveKind Kind, string Format)
{
    public bool ReadOnly { get; init; }

    /// <summary>A serial number the guest can find the drive by (virtio only).</summary>
    public string? Serial { get; init; }
}

public enum VmDriveKind
{
    /// <summary>A virtio-blk disk.</summary>
    Virtio,

    /// <summary>An IDE hard disk.</summary>
    IdeDisk,

    /// <summary>An IDE CD-ROM.</summary>
    Cdrom,

    /// <summary>A 1.44 MB floppy in drive A:.</summary>
    Floppy,
}

/// <summary>A host folder the VM mounts with <c>mount -t 9p -o trans=virtio &lt;Tag&gt;</c>.</summary>
public sealed record NinePExport(string Tag, string HostPath, bool ReadOnly);
