using WinVmBuild.Diagnostics;
using WinVmBuild.Vm;

namespace WinVmBuild.Tests.Vm;

[TestClass]
[RequiresHostPackages]
public sealed class QemuArgumentsTests
{
    private static readonly QemuMachineSpec Minimal = new("guest", 384, AcceleratorKind.Tcg);

    [TestMethod]
    public void Every_machine_has_no_defaults_no_display_a_pidfile_QMP_a_logged_serial_console_and_the_hosts_clock()
    {
        var arguments = Joined(Minimal);

        StringAssert.StartsWith(arguments, "-name guest -nodefaults -no-user-config -display none -machine pc -accel tcg -cpu Nehalem -m 384 -smp 1 ");
        StringAssert.Contains(arguments, "-rtc base=utc,clock=host");
        StringAssert.Contains(arguments, "-pidfile qemu.pid");
        StringAssert.Contains(arguments, "-qmp unix:qmp.sock,server=on,wait=off");
        StringAssert.Contains(arguments, "-chardev stdio,id=console,signal=off,logfile=console.log -serial chardev:console");
        Assert.IsFalse(arguments.Contains("-no-reboot"));
        Assert.IsFalse(arguments.Contains("-incoming"));
    }

    [TestMethod]
    public void A_fixed_clock_starts_after_the_newest_windows_and_runs_only_with_the_guest()
    {
        StringAssert.Contains(Joined(Minimal with { Clock = GuestClock.Fixed }), "-rtc base=2025-01-01T00:00:00,clock=vm");
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
    public void A_named_cpu_model_replaces_the_accelerators_default_and_keeps_windows_hyper_v_flags()
    {
        var windows = Minimal with { Accelerator = AcceleratorKind.Kvm, HyperV = true, CpuModel = QemuArguments.PortableCpuModel };

        StringAssert.Contains(Joined(windows), $"-cpu Nehalem,{QemuArguments.HyperVFlags} ");
        StringAssert.Contains(Joined(Minimal with { CpuModel = "max" }), "-accel tcg -cpu max ");
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
    public void The_network_is_qemus_isolated_user_network_with_the_ssh_port_forwarded_from_loopback()
    {
        var arguments = Joined(Minimal with { Network = new UserNetwork(NicModel.E1000, "52:54:00:12:01:01") });

        StringAssert.Contains(
            arguments,
            "-netdev user,id=net0,restrict=on,net=192.168.0.0/24,host=192.168.0.3,dns=192.168.0.4,hostfwd=tcp:127.0.0.1:0-192.168.0.1:22 " +
            "-device e1000,netdev=net0,mac=52:54:00:12:01:01,romfile=");
        Assert.DoesNotContain("guestfwd", arguments);
        StringAssert.Contains(
            Joined(Minimal with { Network = new UserNetwork(NicModel.VirtioNet, "52:54:00:12:01:02") }),
            "-device virtio-net-pci,netdev=net0,mac=52:54:00:12:01:02,romfile=");
    }

    [TestMethod]
    public void Shares_are_served_by_a_command_qemu_runs_per_connection_to_port_445_of_the_share_address()
    {
        var network = new UserNetwork(NicModel.E1000, "52:54:00:12:01:01") { ShareServerCommand = "'/usr/sbin/smbd' -s '/w/a,b/smb.conf'" };

        var netdev = Build(Minimal with { Network = network }).SkipWhile(argument => argument != "-netdev").ElementAt(1);

        StringAssert.EndsWith(netdev, ",guestfwd=tcp:192.168.0.2:445-cmd:'/usr/sbin/smbd' -s '/w/a,,b/smb.conf'");
    }

    [TestMethod]
    public void Ram_from_a_file_is_a_memory_backend_shared_when_the_snapshot_is_taken_and_private_when_revived()
    {
        var taken = Build(Minimal with { Memory = new MemoryFile("/c/snap/ram.img", Shared: true) }).ToList();
        var revived = Joined(Minimal with { Memory = new MemoryFile("/c/snap/ram.img", Shared: false) });

        CollectionAssert.IsSubsetOf(
            new[] { "-machine", "pc,memory-backend=ram0", "-object", "memory-backend-file,id=ram0,size=384M,mem-path=/c/snap/ram.img,share=on" },
            taken);
        StringAssert.Contains(revived, "mem-path=/c/snap/ram.img,share=off");
    }

    [TestMethod]
    public void Uefi_uses_the_read_only_code_and_the_machines_own_variables()
    {
        StringAssert.Contains(
            Joined(Minimal with { Uefi = UefiFirmware.Debian }),
            "-drive if=pflash,format=raw,unit=0,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd -drive if=pflash,format=raw,unit=1,file=uefi-vars.fd");
    }

    [TestMethod]
    public void A_machine_that_receives_a_state_starts_paused_and_waits_for_its_source()
    {
        CollectionAssert.IsSubsetOf(new[] { "-S", "-incoming", "defer" }, Build(Minimal with { Incoming = true }).ToList());
    }

    private static IReadOnlyList<string> Build(QemuMachineSpec spec) => QemuArguments.Build(spec);

    private static string Joined(QemuMachineSpec spec) => string.Join(' ', Build(spec));
}
