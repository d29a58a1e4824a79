using WinVmBuild.Cache;
using WinVmBuild.Diagnostics;
using WinVmBuild.Guests.Provisioning;
using WinVmBuild.Host;
using WinVmBuild.Media;
using WinVmBuild.Network;
using WinVmBuild.Vm;

namespace WinVmBuild.Guests.TestGuest;

/// <summary>
/// The Linux guest that stands in for Windows where no Windows image exists: the host's kernel, an initrd
/// with busybox and the host's sshd, and a disk that its install mode fills from the same media Windows
/// gets (answer floppy, Cygwin repository ISO).
/// </summary>
public sealed class TestGuestProfile : IGuestProfile
{
    /// <summary>The serial of the guest's own disk, which its init finds it by.</summary>
    public const string DiskSerial = "winvmbuild-disk";

    /// <summary>
    /// Disks, network, the media's file systems, and cifs. ext4 needs crc32c and cifs its crypto, both
    /// declared as soft dependencies that ResolveLoadOrder cannot follow (an alias; no "pre:"): they are
    /// listed before the module that needs them, as modprobe would load them.
    /// </summary>
    public static readonly IReadOnlyList<string> Modules =
    [
        "virtio_pci", "virtio_blk", "virtio_net", "crc32c_generic", "ext4", "vfat", "nls_cp437", "nls_ascii", "isofs",
        "ctr", "ghash_generic", "gcm", "ccm", "cmac", "ecb", "md4", "sha512_generic", "cifs",
    ];

    /// <summary>
    /// busybox sh; shares are cifs mounts under /mnt, over SMB 3.0. The account goes in as mount options, which the
    /// kernel splits at commas (SambaAccount keeps them out of the password). The command runs in a login shell that
    /// stays in the project folder, as in Cygwin.
    /// </summary>
    public static readonly GuestShell CifsShell = new(
        $$"""
        mount_share() {
            mkdir -p "/mnt/$1" || fail "could not make /mnt/$1"
            mount -t cifs "//{{GuestNetwork.ShareServerAddress}}/$1" "/mnt/$1" -o "username=$share_user,password=$share_password,vers=3.0" \
                || fail "could not mount the share $1"
        }
        """,
        "CHERE_INVOKING=1 sh -lc",
        "env CHERE_INVOKING=1 sh -l");

    // no_timer_check: a host too busy to run the guest's timer for a moment must not make the kernel give up on it
    // ("IO-APIC + timer doesn't work!", seen under TCG with a loaded host), as cloud images boot their kernels.
    private const string KernelArguments = "console=ttyS0 panic=-1 loglevel=4 no_timer_check";

    /// <summary>
    /// What Cygwin's /etc/profile does that matters to a build: a login shell changes to the home folder, unless
    /// CHERE_INVOKING is set. The test guest's command runs in a login shell too, so the run script is tried as
    /// Windows runs it.
    /// </summary>
    private const string CygwinLikeProfile = """
        # Like Cygwin's /etc/profile: a login shell starts in the home folder, unless CHERE_INVOKING says stay.
        if [ -n "${CHERE_INVOKING:-}" ]; then
            unset CHERE_INVOKING
        else
            cd "$HOME" || echo "profile: could not change to $HOME" >&2
        fi

        """;

    private readonly HostKernel _kernel;
    private readonly string _initrdPath;
    private readonly int _memoryMegabytes;
    private readonly int _cpus;

    /// <param name="initrdPath">The image's initrd (<see cref="CreateInitrdAsync"/>): every stage boots the one it was installed with.</param>
    public TestGuestProfile(HostKernel kernel, string initrdPath, int memoryMegabytes, int cpus)
    {
        _kernel = kernel;
        _initrdPath = initrdPath;
        _memoryMegabytes = memoryMegabytes;
        _cpus = cpus;
    }

    public string Description => "test guest";

    public string SshUser => TestGuestAnswerFile.User;

    public int DiskSizeGigabytes => 1;

    /// <summary>Flushes the disk, so that the snapshot's memory and the disk agree.</summary>
    public string SuspendSetupScript => "sync\n";

    /// <summary>Only shell steps: the settings refuse the others for the test guest.</summary>
    public string ProvisionCommand(ProvisionStep provision) => $"sh ./{ShellQuote.Literal(provision.Name)}";

    /// <summary>In a session of its own: the restart outlives the SSH session that asks for it.</summary>
    public string RestartCommand => "setsid sh -c 'sleep 1; sync; reboot -f' < /dev/null > /dev/null 2>&1 &";

    /// <summary>The disk read-only first: the layer's file system is clean, as after the install's unmount.</summary>
    public string PowerOffCommand => "setsid sh -c 'sleep 1; sync; mount -o remount,ro /disk; poweroff -f' < /dev/null > /dev/null 2>&1 &";

    /// <summary>
    /// Quiet for 2 s below 20 % of one host CPU, waited for 2 minutes at most. Idle, the test guest's QEMU uses about
    /// 1 % of one host CPU under TCG, busy 80-100 % (<see cref="CpuSettle"/>): an idle guest costs the snapshot 2 s.
    /// </summary>
    public CpuSettle Settle { get; } = new(TimeSpan.FromSeconds(2), 0.2, TimeSpan.FromMinutes(2));

    public GuestShell Shell => CifsShell;

    /// <summary>None: a Linux guest's programs print the paths its shell uses.</summary>
    public string? WindowsRoot => null;

    public SmbDialect ShareDialect => SmbDialect.Smb3;

    /// <summary>Writes the guest's initrd for <paramref name="kernel"/> to <paramref name="initrdPath"/> (atomically): its modules, busybox and the host's sshd.</summary>
    public static async Task CreateInitrdAsync(HostKernel kernel, string initrdPath, CancellationToken cancellationToken)
    {
        var initrd = TestGuestInitrd.Create(kernel, Modules)
            .AddText("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\nsshd:x:100:65534::/run/sshd:/bin/false\n")
            .AddText("/etc/group", "root:x:0:\nnogroup:x:65534:\n")
            .AddText("/etc/ssh/sshd_config", string.Empty)
            .AddText("/etc/profile", CygwinLikeProfile)
            .AddDirectory("/root", 0b111_000_000)
            .AddDirectory("/run/sshd");
        await initrd.AddHostProgramAsync("/usr/sbin/sshd", cancellationToken).ConfigureAwait(false);
        await initrd.AddHostProgramAsync("/usr/bin/ssh-keygen", cancellationToken).ConfigureAwait(false);
        await initrd.WriteAsync(initrdPath).ConfigureAwait(false);
    }

    /// <summary>The test guest boots no installer: the ISO, when the project names one, is carried as it is.</summary>
    public Task<BootableInstaller> BootableInstallerAsync(string? iso, StageCache cache, IBuildLog log, CancellationToken cancellationToken) =>
        Task.FromResult(new BootableInstaller(iso));

    /// <summary>
    /// The disk, the answer floppy and the repository ISO; and the installer ISO, when the project names one, as a disk the
    /// init never reads (it finds its media by what they hold): an install then depends on the same inputs as Windows'.
    /// </summary>
    public QemuMachineSpec InstallMachine(VmSlot slot, string disk, GuestInstallMedia media) => Machine(
        slot,
        [
            SystemDrive(disk),
            ReadOnlyDisk(media.AnswerMedia),
            ReadOnlyDisk(media.RepositoryIso),
            .. media.InstallerIso is null ? Array.Empty<QemuDrive>() : [ReadOnlyDisk(media.InstallerIso)],
        ]);

    public QemuMachineSpec BootMachine(VmSlot slot, string disk) => Machine(slot, SystemDrive(disk));

    private static QemuDrive SystemDrive(string disk) => new(disk, DriveKind.Disk, DriveInterface.Virtio) { Serial = DiskSerial };

    private static QemuDrive ReadOnlyDisk(string image) => new(image, DriveKind.Disk, DriveInterface.Virtio) { ReadOnly = true };

    // Every drive is virtio: the init finds its disk by serial, the floppy and the ISO by what they hold.
    // NoReboot: the init's panic=-1 reboot on failure becomes QEMU exiting, which the stages notice.
    private QemuMachineSpec Machine(VmSlot slot, params QemuDrive[] drives) =>
        slot.Machine(_memoryMegabytes, _cpus, NicModel.VirtioNet) with
        {
            Kernel = _kernel.KernelPath,
            Initrd = _initrdPath,
            KernelArguments = KernelArguments,
            Drives = drives,
            NoReboot = true,
        };
}
