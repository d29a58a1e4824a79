namespace WinVmBuild.Diagnostics;

/// <summary>
/// Every error and warning code WinVmBuild reports, in one place. Each one is described, with what to
/// change, in docs/errors.md. Codes are never reused: a retired code stays reserved.
/// </summary>
public static class ErrorCodes
{
    // ---- General: host tools, files, processes (WVB0001-WVB0099) ----

    /// <summary>A host program (qemu, xorriso, mtools, ...) is not installed.</summary>
    public const string HostToolMissing = "WVB0001";

    /// <summary>A host program exited with a failure.</summary>
    public const string HostToolFailed = "WVB0002";

    /// <summary>A file or folder the user named does not exist.</summary>
    public const string InputFileMissing = "WVB0003";

    /// <summary>Writing a file failed (disk full, no permission); nothing partial was kept.</summary>
    public const string WriteFailed = "WVB0004";

    /// <summary>The build was cancelled; every process it started was stopped.</summary>
    public const string Cancelled = "WVB0005";

    // ---- Cygwin: setup.ini, closure, fetch, repository ISO (WVB0100-WVB0199) ----

    // ---- Media: SSH key, answer files, floppy and CD images (WVB0200-WVB0299) ----

    // ---- VM runtime: QEMU, QMP, vde_switch, accelerator, kernel, initrd, controller (WVB0300-WVB0399) ----

    /// <summary>No kernel with installed modules was found for the controller VM and the test guest.</summary>
    public const string KernelNotFound = "WVB0300";

    /// <summary>The kernel file exists but this user cannot read it (Ubuntu's vmlinuz is 0600).</summary>
    public const string KernelUnreadable = "WVB0301";

    /// <summary>A kernel module an appliance needs is neither in modules.dep nor built in.</summary>
    public const string KernelModuleNotFound = "WVB0302";

    // Appliances: the controller VM and the test guest (WVB0350-WVB0399).

    /// <summary>The guest's sshd never answered within the controller's timeout: the guest did not boot, or died.</summary>
    public const string GuestUnreachable = "WVB0350";

    /// <summary>The controller could not run the command: smbd did not start, or ssh was refused.</summary>
    public const string ControllerFailed = "WVB0351";

    /// <summary>The controller VM stopped without an exit code or a reason (it crashed or was killed).</summary>
    public const string ControllerNoResult = "WVB0352";

    /// <summary>A share name Samba or the guest cannot use, used twice, or reserved.</summary>
    public const string InvalidShareName = "WVB0353";

    /// <summary>A Samba account name that cannot be a Unix user name, or a password that cannot reach the guest intact.</summary>
    public const string InvalidSambaAccount = "WVB0354";

    /// <summary>A declared output that is not a path inside the project.</summary>
    public const string InvalidOutputPath = "WVB0355";

    /// <summary>The guest VM stopped (powered off or crashed) before the controller's command finished.</summary>
    public const string GuestStopped = "WVB0356";

    // ---- Stages: install, suspend, run, the stage cache (WVB0400-WVB0499) ----

    // ---- SDK: project settings (WVB0500-WVB0599) ----
}
