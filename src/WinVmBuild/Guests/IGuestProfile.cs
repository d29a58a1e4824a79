namespace WinVmBuild.Guests;

/// <summary>
/// What the stages need from one kind of guest (Windows, or the Linux test guest that stands in for it):
/// its devices for the install and for later boots, and the scripts the controller runs in it over SSH.
/// </summary>
public interface IGuestProfile
{
    /// <summary>The user the controller logs in as with the image's key.</summary>
    string SshUser { get; }

    /// <summary>The VM for the unattended install onto <paramref name="disk"/>.</summary>
    VmDevices InstallDevices(GuestDisk disk, GuestInstallMedia media);

    /// <summary>The VM booting the installed <paramref name="disk"/>: no 9p, so its memory can be snapshotted.</summary>
    VmDevices BootDevices(GuestDisk disk);

    /// <summary>The command.sh run once before the memory snapshot is taken.</summary>
    string SuspendSetupScript { get; }

    /// <summary>The command.sh for one build: mount the shares, copy the project, run, return outputs and exit code.</summary>
    string RunScript(GuestRunRequest request);
}
