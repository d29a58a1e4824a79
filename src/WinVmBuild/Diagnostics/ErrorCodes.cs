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

    /// <summary>A setup.ini line cannot be read (the error names the file and line).</summary>
    public const string SetupIniMalformed = "WVB0100";

    /// <summary>A requested or depended-on package name is in no stanza and provided by none.</summary>
    public const string CygwinPackageNotFound = "WVB0101";

    /// <summary>No version of a package meets every version constraint placed on it.</summary>
    public const string CygwinDependencyUnsatisfiable = "WVB0102";

    /// <summary>A downloaded archive's size or digest differs from its install: line; nothing was cached.</summary>
    public const string CygwinArchiveMismatch = "WVB0103";

    /// <summary>The mirror could not be reached after several attempts.</summary>
    public const string CygwinMirrorUnreachable = "WVB0104";

    /// <summary>The mirror answered that a file does not exist (HTTP 404, or missing under file://).</summary>
    public const string CygwinMirrorFileNotFound = "WVB0105";

    /// <summary>The mirror is not an absolute http://, https:// or file:// URL.</summary>
    public const string CygwinMirrorUrlUnsupported = "WVB0106";

    /// <summary>The mirror has none of x86_64/setup.xz, setup.zst, setup.bz2, setup.ini.</summary>
    public const string CygwinSetupIniNotOnMirror = "WVB0107";

    /// <summary>The setup-x86_64.exe to put on the repository ISO was not given or does not exist.</summary>
    public const string CygwinSetupExeMissing = "WVB0108";

    /// <summary>A file for the repository ISO has a bad target path (absolute, "..", or used twice).</summary>
    public const string CygwinRepositoryPathInvalid = "WVB0109";

    /// <summary>An archive item lacks the metadata a task needs (Size, Sha512 or Md5, InstallPath).</summary>
    public const string CygwinArchiveItemInvalid = "WVB0110";

    /// <summary>A package for CreateCygwinMirror is incomplete (no version, no files, a missing host file).</summary>
    public const string CygwinMirrorPackageInvalid = "WVB0111";

    // ---- Media: SSH key, answer files, floppy and CD images (WVB0200-WVB0299) ----

    // ---- VM runtime: QEMU, QMP, vde_switch, accelerator, kernel, initrd, controller (WVB0300-WVB0399) ----

    /// <summary>No kernel with installed modules was found for the controller VM and the test guest.</summary>
    public const string KernelNotFound = "WVB0300";

    /// <summary>The kernel file exists but this user cannot read it (Ubuntu's vmlinuz is 0600).</summary>
    public const string KernelUnreadable = "WVB0301";

    /// <summary>A kernel module an appliance needs is neither in modules.dep nor built in.</summary>
    public const string KernelModuleNotFound = "WVB0302";

    // ---- Stages: install, suspend, run, the stage cache (WVB0400-WVB0499) ----

    // ---- SDK: project settings (WVB0500-WVB0599) ----
}
