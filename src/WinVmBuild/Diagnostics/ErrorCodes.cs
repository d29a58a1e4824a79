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

    /// <summary>QEMU exited, or did not answer on its QMP socket, while starting (bad arguments, missing files).</summary>
    public const string QemuStartFailed = "WVB0310";

    /// <summary>QEMU refused a QMP command; the message names the command and QEMU's reason.</summary>
    public const string QmpCommandFailed = "WVB0311";

    /// <summary>QEMU exited while a QMP command was waiting for its answer.</summary>
    public const string QemuExited = "WVB0312";

    /// <summary>Saving the VM's memory to a state file, or reviving it from one, failed.</summary>
    public const string SnapshotFailed = "WVB0313";

    /// <summary>Warning: KVM cannot be used, so every VM runs under TCG (software emulation), much slower.</summary>
    public const string KvmUnavailable = "WVB0314";

    /// <summary>WinVmAccelerator=kvm was requested but KVM cannot be used on this host.</summary>
    public const string KvmRequestedButUnusable = "WVB0315";

    /// <summary>WinVmAccelerator is not one of auto, kvm, tcg.</summary>
    public const string UnknownAccelerator = "WVB0316";

    /// <summary>vde_switch exited or did not create its control socket.</summary>
    public const string VdeSwitchFailed = "WVB0317";

    /// <summary>The UEFI firmware (OVMF) files a UEFI machine needs are missing.</summary>
    public const string UefiFirmwareMissing = "WVB0318";

    /// <summary>A unix socket path is longer than the 107 bytes Linux allows.</summary>
    public const string SocketPathTooLong = "WVB0319";

    /// <summary>The guest did not print an expected console line in time.</summary>
    public const string GuestConsoleTimeout = "WVB0320";

    /// <summary>A QEMU machine description combines settings QEMU cannot run (a virtio CD, a state file of unknown type).</summary>
    public const string InvalidMachineSpec = "WVB0321";

    // ---- Stages: install, suspend, run, the stage cache (WVB0400-WVB0499) ----

    // ---- SDK: project settings (WVB0500-WVB0599) ----
}
