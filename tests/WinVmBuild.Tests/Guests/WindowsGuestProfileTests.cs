using WinVmBuild.Guests;
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
    }

    [TestMethod]
    public void An_install_without_the_installer_iso_is_refused()
    {
        var profile = new WindowsGuestProfile("winvm", WindowsVersion.Windows10, 2048, 1, Firmware.Bios);

        Assert.ThrowsExactly<ArgumentException>(() => profile.InstallMachine(Slot, "/c/base.qcow2", new GuestInstallMedia("/m/a.floppy", "/m/c.iso")));
    }
}
