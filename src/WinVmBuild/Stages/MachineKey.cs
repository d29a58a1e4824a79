using WinVmBuild.Vm;

namespace WinVmBuild.Stages;

/// <summary>
/// Adds what decides a VM's result to a stage's <see cref="InputHash"/>: its QEMU arguments and the content of
/// every file it reads (kernel, initrd, media), but not its system disk, which the stage itself provides.
/// </summary>
internal static class MachineKey
{
    /// <summary>The system disk's name while the key is computed: the same wherever the disk will be.</summary>
    public const string DiskPlaceholder = "/winvmbuild/disk.qcow2";

    /// <summary>The slot a key is computed in.</summary>
    public static readonly VmSlot Slot = new("key", AcceleratorKind.Tcg);

    public static InputHash AddMachine(this InputHash hash, QemuMachineSpec spec)
    {
        hash.Add("qemu", QemuArguments.Build(spec));
        foreach (var file in new[] { spec.Kernel, spec.Initrd }.Concat(spec.Drives.Select(drive => drive.File)))
        {
            if (file is not null && file != DiskPlaceholder)
            {
                hash.AddFile(file, file);
            }
        }

        return hash;
    }
}
