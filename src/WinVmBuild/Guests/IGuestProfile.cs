using WinVmBuild.Cache;
using WinVmBuild.Diagnostics;
using WinVmBuild.Media;
using WinVmBuild.Network;
using WinVmBuild.Vm;

namespace WinVmBuild.Guests;

/// <summary>
/// What the stages need from one kind of guest (Windows, or the Linux test guest that stands in for it): its VM for
/// the install and for later boots, its shell, and the SMB dialect its share client speaks.
/// </summary>
public interface IGuestProfile
{
    /// <summary>What the guest is ("Windows 10", "test guest"), as a shared image's annotations name it.</summary>
    string Description { get; }

    /// <summary>The user the host logs in as with the image's key.</summary>
    string SshUser { get; }

    /// <summary>The size of the system disk the install starts from (a sparse qcow2).</summary>
    int DiskSizeGigabytes { get; }

    /// <summary>The script run once over SSH before the memory snapshot is taken.</summary>
    string SuspendSetupScript { get; }

    /// <summary>Shell text that runs a provisioning step, in its folder (the step's file is there under its name).</summary>
    string ProvisionCommand(Provisioning.ProvisionStep provision);

    /// <summary>Shell text that has the guest restart a moment later, and returns at once.</summary>
    string RestartCommand { get; }

    /// <summary>Shell text that has the guest flush its disk and power off a moment later, and returns at once.</summary>
    string PowerOffCommand { get; }

    /// <summary>How quiet the guest must be after that script before its memory is snapshotted, and how long to wait for it.</summary>
    CpuSettle Settle { get; }

    /// <summary>How the guest's shell mounts a share and runs the user's command.</summary>
    GuestShell Shell { get; }

    /// <summary>
    /// Where Windows programs in the guest see its root folder '/' (Cygwin's root, <c>C:\cygwin64</c>), so that the paths
    /// they print can be read back (<see cref="GuestPathMapper"/>); null for a guest whose programs know no Windows paths.
    /// </summary>
    string? WindowsRoot { get; }

    /// <summary>The oldest SMB dialect its share server must accept.</summary>
    SmbDialect ShareDialect { get; }

    /// <summary>The installation ISO as this guest's install boots it, from the one the project names (null: none); the install disposes it.</summary>
    /// <param name="cache">Where a copy of the ISO made to boot it is kept (Windows under UEFI).</param>
    Task<BootableInstaller> BootableInstallerAsync(string? iso, StageCache cache, IBuildLog log, CancellationToken cancellationToken);

    /// <summary>The VM for the unattended install onto the qcow2 disk <paramref name="disk"/>.</summary>
    QemuMachineSpec InstallMachine(VmSlot slot, string disk, GuestInstallMedia media);

    /// <summary>The VM booting the installed <paramref name="disk"/>; its memory is what the snapshot saves.</summary>
    QemuMachineSpec BootMachine(VmSlot slot, string disk);
}
