using WinVmBuild.Guests.Provisioning;
using WinVmBuild.Guests.Windows;
using WinVmBuild.Media;
using WinVmBuild.Network;
using WinVmBuild.Vm;

namespace WinVmBuild.Tests.Guests;

[TestClass]
public sealed class WindowsGuestProfileTests
{
    private static readonly VmSlot Slot = new("windows", AcceleratorKind.Tcg);

    [TestMethod]
    public void The_install_boots_the_installer_with_the_cygwin_cd_and_the_answer_floppy_on_devices_windows_knows()
    {
        var profile = new WindowsGuestProfile("winvm", WindowsVersion.Windows10, 4096, 2, Firmware.Bios);

        var machine = profile.InstallMachine(Slot, "/c/base.qcow2", new GuestInstallMedia("/m/answer.floppy", "/m/cygwin.iso") { InstallerIso = "/isos/win10.iso" });

        Assert.AreEqual(new UserNetwork(NicModel.E1000, GuestNetwork.MacAddress), machine.Network);
        Assert.AreEqual((4096, 2), (machine.MemoryMegabytes, machine.Cpus));
        CollectionAssert.AreEqual(
            new[]
            {
                new QemuDrive("/c/base.qcow2", DriveKind.Disk),
                new QemuDrive("/isos/win10.iso", DriveKind.Cdrom) { ReadOnly = true },
                new QemuDrive("/m/cygwin.iso", DriveKind.Cdrom) { ReadOnly = true },
                new QemuDrive("/m/answer.floppy", DriveKind.Floppy) { ReadOnly = true },
            },
            machine.Drives.ToArray());
        Assert.IsFalse(machine.NoReboot, "setup reboots several times during the install");
        Assert.IsNull(machine.Kernel);
        Assert.IsNull(machine.Uefi);
    }

    [TestMethod]
    public void Under_uefi_the_answer_file_is_on_a_cd_and_the_firmware_is_ovmf()
    {
        var profile = new WindowsGuestProfile("winvm", WindowsVersion.Windows11, 4096, 2, Firmware.Uefi);

        var machine = profile.InstallMachine(
            Slot, "/c/base.qcow2", new GuestInstallMedia("/m/answer.cd", "/m/cygwin.iso") { InstallerIso = "/isos/win11.iso", AnswerKind = MediaKind.Cd });

        Assert.AreEqual(new QemuDrive("/m/answer.cd", DriveKind.Cdrom) { ReadOnly = true }, machine.Drives[^1]);
        Assert.AreEqual(UefiFirmware.Debian, machine.Uefi);
        Assert.AreEqual(4, QemuArguments.Build(machine).Count(argument => argument.StartsWith("file=/", StringComparison.Ordinal) && argument.Contains("if=ide", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Later_boots_have_only_the_system_disk_and_log_in_as_the_installed_administrator()
    {
        var profile = new WindowsGuestProfile("Administrator", WindowsVersion.Xp, 2048, 1, Firmware.Bios);

        var machine = profile.BootMachine(Slot, "/c/disk.qcow2");

        CollectionAssert.AreEqual(new[] { new QemuDrive("/c/disk.qcow2", DriveKind.Disk) }, machine.Drives.ToArray());
        Assert.AreEqual("Administrator", profile.SshUser);
        Assert.AreEqual(SmbDialect.Nt1, profile.ShareDialect, "XP's share client speaks SMB1 only");
        Assert.AreEqual(NicModel.Rtl8139, machine.Network!.Model, "XP has no e1000 driver of its own");
    }

    [TestMethod]
    public void An_install_without_the_installer_iso_is_refused()
    {
        var profile = new WindowsGuestProfile("winvm", WindowsVersion.Windows10, 2048, 1, Firmware.Bios);

        Assert.ThrowsExactly<ArgumentException>(() => profile.InstallMachine(Slot, "/c/base.qcow2", new GuestInstallMedia("/m/a.floppy", "/m/c.iso")));
    }

    [TestMethod]
    [DataRow(Firmware.Bios, MediaKind.Floppy, AcceleratorKind.Kvm, "qemu-windows-bios-floppy-kvm.args")]
    [DataRow(Firmware.Bios, MediaKind.Cd, AcceleratorKind.Tcg, "qemu-windows-bios-cd-tcg.args")]
    [DataRow(Firmware.Uefi, MediaKind.Cd, AcceleratorKind.Kvm, "qemu-windows-uefi-cd-kvm.args")]
    public void The_install_machine_matches_its_golden_command_line(Firmware firmware, MediaKind answer, AcceleratorKind accelerator, string golden)
    {
        var profile = new WindowsGuestProfile("winvm", WindowsVersion.Windows11, 4096, 2, firmware);
        var media = new GuestInstallMedia($"/m/answer.{answer.ToString().ToLowerInvariant()}", "/m/cygwin.iso") { InstallerIso = "/isos/win11.iso", AnswerKind = answer };

        var machine = profile.InstallMachine(new VmSlot("winvmbuild-install", accelerator), "/c/base.qcow2", media);

        GoldenFiles.AssertMatches(golden, string.Join('\n', QemuArguments.Build(machine)) + "\n");
    }

    [TestMethod]
    public void The_bios_boots_the_installer_cd_once_and_then_the_disk_never_the_floppy_and_uefi_keeps_its_own_order()
    {
        var media = new GuestInstallMedia("/m/answer.floppy", "/m/cygwin.iso") { InstallerIso = "/isos/win10.iso" };

        var bios = new WindowsGuestProfile("winvm", WindowsVersion.Windows10, 2048, 2, Firmware.Bios);
        var uefi = new WindowsGuestProfile("winvm", WindowsVersion.Windows10, 2048, 2, Firmware.Uefi);

        CollectionAssert.IsSubsetOf(new[] { "-boot", "order=c,once=d" }, QemuArguments.Build(bios.InstallMachine(Slot, "/c/base.qcow2", media)).ToList());
        CollectionAssert.DoesNotContain(QemuArguments.Build(bios.BootMachine(Slot, "/c/disk.qcow2")).ToList(), "-boot");
        CollectionAssert.DoesNotContain(QemuArguments.Build(uefi.InstallMachine(Slot, "/c/base.qcow2", media with { AnswerKind = MediaKind.Cd })).ToList(), "-boot");
    }

    [TestMethod]
    public void Windows_gets_hyper_v_enlightenments_under_kvm_and_none_under_tcg()
    {
        var profile = new WindowsGuestProfile("winvm", WindowsVersion.Windows10, 2048, 2, Firmware.Bios);

        var kvm = QemuArguments.Build(profile.BootMachine(Slot with { Accelerator = AcceleratorKind.Kvm }, "/c/disk.qcow2")).ToList();
        var tcg = QemuArguments.Build(profile.BootMachine(Slot, "/c/disk.qcow2")).ToList();

        Assert.AreEqual("host,hv_relaxed,hv_vapic,hv_spinlocks=0x1fff,hv_vpindex,hv_runtime,hv_synic,hv_stimer,hv_reset,hv_frequencies,hv_time", kvm[kvm.IndexOf("-cpu") + 1]);
        Assert.AreEqual(QemuArguments.TcgCpuModel, tcg[tcg.IndexOf("-cpu") + 1]);
    }

    [TestMethod]
    public void Provisioning_steps_run_in_the_program_their_kind_names_with_the_file_name_quoted()
    {
        var profile = new WindowsGuestProfile("winvm", WindowsVersion.Windows10, 4096, 2, Firmware.Bios);
        ProvisionStep Step(string name, ProvisionStepKind kind) => new(name, "/p/" + name, name, kind, Network: false, Restart: false);

        Assert.AreEqual("bash ./'10 tools.sh'", profile.ProvisionCommand(Step("10 tools.sh", ProvisionStepKind.Shell)));
        Assert.AreEqual("cmd.exe /c '20-python.cmd'", profile.ProvisionCommand(Step("20-python.cmd", ProvisionStepKind.Cmd)));
        Assert.AreEqual(
            "powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -File '30-feature.ps1'",
            profile.ProvisionCommand(Step("30-feature.ps1", ProvisionStepKind.PowerShell)));
        Assert.AreEqual("shutdown /r /t 3", profile.RestartCommand);
    }
}
