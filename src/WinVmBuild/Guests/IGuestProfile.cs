using WinVmBuild.Vm;

namespace WinVmBuild.Guests;

/// <summary>
/// What the stages need from one kind of guest (Windows, or the Linux test guest that stands in for it):
/// its VM for the install and for later boots, and the scripts the controller runs in it over SSH.
/// </summary>
public interface IGuestProfile
{
    /// <summary>The user the controller logs in as with the image's key.</summary>
    string SshUser { get; }

    /// <summary>The size of the system disk the install starts from (a sparse qcow2).</summary>
    int DiskSizeGigabytes { get; }

    /// <summary>The command.sh run once before the memory snapshot is taken.</summary>
    string SuspendSetupScript { get; }

    /// <summary>The VM for the unattended install onto the qcow2 disk <paramref name="disk"/>.</summary>
    QemuMachineSpec InstallMachine(VmSlot slot, string disk, GuestInstallMedia media);

    /// <summary>The VM booting the installed <paramref name="disk"/>: no 9p, so its memory can be snapshotted.</summary>
    QemuMachineSpec BootMachine(VmSlot slot, string disk);

    /// <summary>The command.sh for one build: mount the shares, copy the project, run, return outputs and exit code.</summary>
    string RunScript(GuestRunRequest request);
}
