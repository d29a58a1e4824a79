using WinVmBuild.Cache;
using WinVmBuild.Cygwin;
using WinVmBuild.Diagnostics;
using WinVmBuild.Guests.Provisioning;
using WinVmBuild.Host;
using WinVmBuild.Media;
using WinVmBuild.Network;
using WinVmBuild.Vm;

namespace WinVmBuild.Guests.Windows;

/// <summary>
/// Windows with Cygwin, installed by its own setup from the installer ISO with the generated answer medium,
/// Cygwin from the repository ISO. Only devices Windows has drivers for out of the box: IDE, and e1000 (RTL8139 for
/// XP and Server 2003).
/// </summary>
public sealed class WindowsGuestProfile(string sshUser, WindowsVersion version, int memoryMegabytes, int cpus, Firmware firmware)
    : IGuestProfile
{
    /// <summary>
    /// Cygwin's bash. Each share is connected with <c>net use</c> under the session's Samba account (modern Windows
    /// refuses guest logons), then mounted in Cygwin at <c>/mnt/NAME</c>, as the test guest has it. The mounts are made
    /// on every run, not kept in fstab: the snapshot holds none, so a revived guest never sees stale files. The command
    /// runs in a login shell, as a user's terminal would; CHERE_INVOKING keeps Cygwin's /etc/profile from changing to
    /// the home folder.
    /// </summary>
    public static readonly GuestShell CygwinShell = new(
        $$"""
        mount_share() {
            net use "\\\\{{GuestNetwork.ShareServerAddress}}\\$1" "$share_password" "/user:$share_user" /persistent:no >/dev/null \
                || fail "could not connect the share $1"
            mkdir -p "/mnt/$1" || fail "could not make /mnt/$1"
            mount -o binary,noacl "//{{GuestNetwork.ShareServerAddress}}/$1" "/mnt/$1" || fail "could not mount the share $1"
        }
        """,
        "CHERE_INVOKING=1 bash -lc",
        "env CHERE_INVOKING=1 bash -l");

    /// <summary>The administrator the bootstrap authorized the image's key for (<see cref="InstallSecrets.AdminUser"/>).</summary>
    public string SshUser => sshUser;

    public string Description => version.DisplayName();

    /// <summary>Room for Windows 10/11 and a Cygwin with compilers.</summary>
    public int DiskSizeGigabytes => 64;

    /// <summary>
    /// Whether the media made Windows quiet (WinVmQuietWindows): then the setup command before the snapshot lets it
    /// settle and checks each quiet step (<see cref="SettleScript"/>).
    /// </summary>
    public bool QuietWindows { get; init; }

    /// <summary>Flushes Windows' file system caches, so that the snapshot's memory and its disk agree; a quiet Windows settles first.</summary>
    public string SuspendSetupScript => QuietWindows ? SettleScript.Create(version) : "sync\n";

    /// <summary>
    /// Quiet for a minute below 50 % of one host CPU, waited for 15 minutes at most: under TCG Windows' background work
    /// (native-image generation, TiWorker, maintenance) comes in bursts minutes apart, and one busy task keeps a vCPU, so
    /// about one host CPU, busy. Idle, a Windows 10 guest without the Hyper-V timers (QEMU gets them only under KVM) is
    /// reported at 30 % of a host CPU and more, as its kernel polls the emulated timers, and at about 1 % with them
    /// (altechnative.net, "Virtualized Windows 10 Idle CPU Consumption"; truenas/middleware pull request 9247): not measured
    /// here, where no Windows boots. WVB0414 says what the wait saw when Windows does not get below it.
    /// </summary>
    public CpuSettle Settle { get; } = new(TimeSpan.FromMinutes(1), 0.5, TimeSpan.FromMinutes(15));

    /// <summary>
    /// A shell step in Cygwin's bash; a .cmd in cmd.exe and a .ps1 in Windows PowerShell, each in the step's folder, which
    /// Cygwin hands them as their current directory.
    /// </summary>
    public string ProvisionCommand(ProvisionStep provision) => provision.Kind switch
    {
        ProvisionStepKind.Cmd => $"cmd.exe /c {ShellQuote.Literal(provision.Name)}",
        ProvisionStepKind.PowerShell => $"powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -File {ShellQuote.Literal(provision.Name)}",
        _ => $"bash ./{ShellQuote.Literal(provision.Name)}",
    };

    /// <summary>shutdown returns at once and restarts Windows a few seconds later (every version's shutdown.exe takes /r /t).</summary>
    public string RestartCommand => "shutdown /r /t 3";

    /// <summary>Windows flushes its disks as it shuts down.</summary>
    public string PowerOffCommand => "shutdown /s /t 3";

    public GuestShell Shell => CygwinShell;

    public string WindowsRoot => CygwinSupport.For(version).Architecture.Root();

    public SmbDialect ShareDialect => version.MinimumSmbDialect();

    /// <summary>
    /// The project's ISO, checked to be of the shape the version's setup needs, under BIOS; under UEFI its copy rebuilt to
    /// boot without a key press (once per ISO content).
    /// </summary>
    public async Task<BootableInstaller> BootableInstallerAsync(string? iso, StageCache cache, IBuildLog log, CancellationToken cancellationToken) =>
        await WindowsInstallerIso.ForFirmwareAsync(
            iso ?? throw new ArgumentNullException(nameof(iso), "A Windows install needs the installer ISO."),
            version,
            firmware,
            cache,
            log,
            cancellationToken).ConfigureAwait(false);

    public QemuMachineSpec InstallMachine(VmSlot slot, string disk, GuestInstallMedia media)
    {
        var installer = media.InstallerIso ?? throw new ArgumentException("A Windows install needs the installer ISO.", nameof(media));
        var answer = media.AnswerKind == MediaKind.Floppy
            ? new QemuDrive(media.AnswerMedia, DriveKind.Floppy) { ReadOnly = true }
            : new QemuDrive(media.AnswerMedia, DriveKind.Cdrom) { ReadOnly = true };

        // Setup reboots several times: no NoReboot here. It powers off once the bootstrap is acknowledged. The BIOS boots
        // the installer CD once, then the disk: QEMU's default order would boot the answer floppy, whose boot code
        // chains to the empty disk, and never reach the CD (UEFI firmware keeps its own order).
        return Machine(slot) with
        {
            BootOrder = firmware == Firmware.Bios ? "order=c,once=d" : null,
            Drives =
            [
                SystemDrive(disk),
                new QemuDrive(installer, DriveKind.Cdrom) { ReadOnly = true },
                new QemuDrive(media.RepositoryIso, DriveKind.Cdrom) { ReadOnly = true },
                answer,
            ],
        };
    }

    public QemuMachineSpec BootMachine(VmSlot slot, string disk) => Machine(slot) with { Drives = [SystemDrive(disk)] };

    private static QemuDrive SystemDrive(string disk) => new(disk, DriveKind.Disk);

    private QemuMachineSpec Machine(VmSlot slot) =>
        slot.Machine(memoryMegabytes, cpus, version.AnswerFileKind() == AnswerFileKind.WinntSif ? NicModel.Rtl8139 : NicModel.E1000) with
        {
            Uefi = firmware == Firmware.Uefi ? UefiFirmware.Debian : null,
            HyperV = true,
        };
}
