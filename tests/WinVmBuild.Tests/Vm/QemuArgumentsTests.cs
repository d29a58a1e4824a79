using WinVmBuild.Diagnostics;
using WinVmBuild.Vm;

namespace WinVmBuild.Tests.Vm;

[TestClass]
public sealed class QemuArgumentsTests
{
    private static readonly QemuMachineSpec Minimal = new("guest", 384, AcceleratorKind.Tcg);

    [TestMethod]
    public void Every_machine_has_no_defaults_no_display_a_pidfile_QMP_a_logged_serial_console_and_a_fixed_clock()
    {
        var arguments = Joined(Minimal);

        StringAssert.StartsWith(arguments, "-name guest -nodefaults -no-user-config -display none -machine pc -accel tcg -cpu max -m 384 -smp 1 ");
        StringAssert.Contains(arguments, "-rtc base=2010-01-01,clock=vm");
        StringAssert.Contains(arguments, "-pidfile qemu.pid");
        StringAssert.Contains(arguments, "-qmp unix:qmp.sock,server=on,wait=off");
        StringAssert.Contains(arguments, "-chardev stdio,id=console,signal=off,logfile=console.log -serial chardev:console");
        Assert.IsFalse(arguments.Contains("-no-reboot"));
        Assert.IsFalse(arguments.Contains("-incoming"));
    }

    [TestMethod]
    public void A_disk_with_a_serial_number_is_a_device_of_its_own()
    {
        var drive = new QemuDrive("/c/disk.qcow2", DriveKind.Disk, DriveInterface.Virtio) { Serial = "winvmbuild-disk" };

        CollectionAssert.IsSubsetOf(
            new[] { "-drive", "file=/c/disk.qcow2,format=qcow2,if=none,id=disk0", "-device", "virtio-blk-pci,drive=disk0,serial=winvmbuild-disk" },
            Build(Minimal with { Drives = [drive] }).ToList());
    }

    [TestMethod]
    public void Kvm_passes_the_host_cpu_through()
    {
        StringAssert.Contains(Joined(Minimal with { Accelerator = AcceleratorKind.Kvm, Cpus = 2 }), "-accel kvm -cpu host -m 384 -smp 2");
    }

    [TestMethod]
    public void A_kernel_boot_with_no_reboot()
    {
        var arguments = Joined(Minimal with { Kernel = "/k/vmlinuz", Initrd = "/k/initrd", KernelArguments = "console=ttyS0 quiet", NoReboot = true });

        StringAssert.Contains(arguments, "-no-reboot");
        CollectionAssert.IsSubsetOf(new[] { "-kernel", "/k/vmlinuz", "-initrd", "/k/initrd", "-append", "console=ttyS0 quiet" }, Build(Minimal with { Kernel = "/k/vmlinuz", Initrd = "/k/initrd", KernelArguments = "console=ttyS0 quiet" }).ToList());
    }

    [TestMethod]
    public void Drives_say_their_format_bus_media_and_snapshot_and_commas_in_paths_are_doubled()
    {
        var arguments = Build(Minimal with
        {
            Drives =
            [
                new QemuDrive("/c/disk.qcow2", DriveKind.Disk) { Snapshot = true },
                new QemuDrive("/c/data.img", DriveKind.Disk, DriveInterface.Virtio),
                new QemuDrive("/c/win,11.iso", DriveKind.Cdrom) { ReadOnly = true },
                new QemuDrive("/c/floppy.img", DriveKind.Floppy),
            ],
        });

        CollectionAssert.IsSubsetOf(
            new[]
            {
                "file=/c/disk.qcow2,format=qcow2,if=ide,snapshot=on",
                "file=/c/data.img,format=raw,if=virtio",
                "file=/c/win,,11.iso,format=raw,if=ide,media=cdrom,readonly=on",
                "file=/c/floppy.img,format=raw,if=floppy",
            },
            arguments.ToList());
    }

    [TestMethod]
    public void A_cd_on_the_virtio_bus_is_refused()
    {
        var error = Assert.ThrowsExactly<WinVmException>(
            () => Build(Minimal with { Drives = [new QemuDrive("/c/x.iso", DriveKind.Cdrom, DriveInterface.Virtio)] }));
        Assert.AreEqual(ErrorCodes.InvalidMachineSpec, error.Code);
    }

    [TestMethod]
    public void The_network_card_is_plugged_into_the_vde_switch_folder_with_its_mac()
    {
        StringAssert.Contains(
            Joined(Minimal with { Network = new QemuNetwork("/w/switch", NicModel.E1000, "52:54:00:12:01:01") }),
            "-netdev vde,id=net0,sock=/w/switch -device e1000,netdev=net0,mac=52:54:00:12:01:01");
        StringAssert.Contains(
            Joined(Minimal with { Network = new QemuNetwork("/w/switch", NicModel.VirtioNet, "52:54:00:12:01:02") }),
            "-device virtio-net-pci,netdev=net0,mac=52:54:00:12:01:02");
    }

    [TestMethod]
    public void Shares_are_9p_exports_with_their_tags()
    {
        var arguments = Joined(Minimal with { Shares = [new QemuShare("root", "/", ReadOnly: true), new QemuShare("xchg", "/w/xchg")] });

        StringAssert.Contains(arguments, "-fsdev local,id=share0,path=/,security_model=none,readonly=on -device virtio-9p-pci,fsdev=share0,mount_tag=root");
        StringAssert.Contains(arguments, "-fsdev local,id=share1,path=/w/xchg,security_model=none -device virtio-9p-pci,fsdev=share1,mount_tag=xchg");
    }

    [TestMethod]
    public void Uefi_uses_the_read_only_code_and_the_machines_own_variables()
    {
        StringAssert.Contains(
            Joined(Minimal with { Uefi = UefiFirmware.Debian }),
            "-drive if=pflash,format=raw,unit=0,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd -drive if=pflash,format=raw,unit=1,file=uefi-vars.fd");
    }

    [TestMethod]
    public void A_revive_starts_paused_and_decompresses_the_state_by_its_extension()
    {
        var zstd = Build(Minimal with { IncomingState = "/s/it's state.zst" }).ToList();
        var gzip = Build(Minimal with { IncomingState = "/s/state.gz" }).ToList();

        CollectionAssert.IsSubsetOf(new[] { "-S", "-incoming", "exec:zstd -d -q -c '/s/it'\\''s state.zst'" }, zstd);
        CollectionAssert.Contains(gzip, "exec:gzip -d -c '/s/state.gz'");
        var error = Assert.ThrowsExactly<WinVmException>(() => Build(Minimal with { IncomingState = "/s/state.bin" }));
        Assert.AreEqual(ErrorCodes.InvalidMachineSpec, error.Code);
    }

    private static IReadOnlyList<string> Build(QemuMachineSpec spec) => QemuArguments.Build(spec);

    private static string Joined(QemuMachineSpec spec) => string.Join(' ', Build(spec));
}
