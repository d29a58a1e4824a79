namespace WinVmBuild.Vm;

/// <summary>What a drive looks like to the guest.</summary>
public enum DriveKind
{
    Disk,
    Cdrom,
    Floppy,
}

/// <summary>The bus a disk is attached to. Windows Setup only sees IDE without extra drivers.</summary>
public enum DriveInterface
{
    Ide,
    Virtio,
}

/// <summary>
/// An image file attached to a machine. Disks named <c>*.qcow2</c> are opened as qcow2, every other file as
/// raw. <see cref="Snapshot"/> sends every write to a temporary file QEMU deletes on exit, so the image is
/// never changed (how every build runs on the suspended disk).
/// </summary>
public sealed record QemuDrive(string File, DriveKind Kind, DriveInterface Interface = DriveInterface.Ide)
{
    public bool ReadOnly { get; init; }

    public bool Snapshot { get; init; }

    /// <summary>A serial number the guest finds a virtio disk by (<c>/sys/block/vd*/serial</c>).</summary>
    public string? Serial { get; init; }

    public string Format => Kind == DriveKind.Disk && File.EndsWith(".qcow2", StringComparison.Ordinal) ? "qcow2" : "raw";
}
