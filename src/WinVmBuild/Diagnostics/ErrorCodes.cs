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

    /// <summary>WindowsVersion is not one of the versions WinVmBuild can install.</summary>
    public const string UnknownWindowsVersion = "WVB0200";

    /// <summary>Firmware is neither bios nor uefi.</summary>
    public const string UnknownFirmware = "WVB0201";

    /// <summary>MediaKind is neither floppy nor cd.</summary>
    public const string UnknownMediaKind = "WVB0202";

    /// <summary>The Windows version cannot boot with the chosen firmware (XP and Server 2003 know no UEFI).</summary>
    public const string FirmwareNotSupported = "WVB0203";

    /// <summary>The Windows version cannot read its answer file from the chosen media (XP setup reads winnt.sif from a floppy only).</summary>
    public const string MediaKindNotSupported = "WVB0204";

    /// <summary>The product key is not five groups of five letters or digits.</summary>
    public const string ProductKeyMalformed = "WVB0205";

    /// <summary>The image index is not a number from 1, or both an index and a name were given.</summary>
    public const string ImageSelectionInvalid = "WVB0206";

    /// <summary>The administrator password would be rejected by Windows or cannot be placed safely in the answer files.</summary>
    public const string PasswordRejected = "WVB0207";

    /// <summary>The locale is not a language-region name such as en-US.</summary>
    public const string LocaleMalformed = "WVB0208";

    /// <summary>The time zone is not a Windows time zone name (or, for XP and Server 2003, not an index winnt.sif accepts).</summary>
    public const string TimeZoneInvalid = "WVB0209";

    /// <summary>The SSH public key file does not hold exactly one OpenSSH public key line.</summary>
    public const string SshPublicKeyInvalid = "WVB0210";

    /// <summary>The Cygwin package items cannot be used: none given, a name with characters Cygwin never uses, or (test guest) no install path.</summary>
    public const string CygwinPackagesInvalid = "WVB0211";

    /// <summary>The Cygwin setup command is longer than Windows accepts in an answer file.</summary>
    public const string SetupCommandTooLong = "WVB0212";

    /// <summary>The image's secrets file exists but cannot be read.</summary>
    public const string SecretsFileInvalid = "WVB0213";

    /// <summary>A secret was given both inline and as a file.</summary>
    public const string SecretGivenTwice = "WVB0214";

    // ---- VM runtime: QEMU, QMP, vde_switch, accelerator, kernel, initrd, controller (WVB0300-WVB0399) ----

    /// <summary>No kernel with installed modules was found for the controller VM and the test guest.</summary>
    public const string KernelNotFound = "WVB0300";

    /// <summary>The kernel file exists but this user cannot read it (Ubuntu's vmlinuz is 0600).</summary>
    public const string KernelUnreadable = "WVB0301";

    /// <summary>A kernel module an appliance needs is neither in modules.dep nor built in.</summary>
    public const string KernelModuleNotFound = "WVB0302";

    // ---- Stages: install, suspend, run, the stage cache (WVB0400-WVB0499) ----

    // ---- SDK: project settings (WVB0500-WVB0599) ----

    /// <summary>WinVmGuest is neither windows nor test.</summary>
    public const string UnknownGuest = "WVB0500";

    /// <summary>A property the chosen guest needs is not set (WinVmIso, WinVmCygwinSetupExe, WinVmCommand, ...).</summary>
    public const string RequiredSettingMissing = "WVB0501";

    /// <summary>A property holds a value outside its allowed set (WinVmFirmware, WinVmAccelerator, WinVmWindowsVersion).</summary>
    public const string SettingNotAllowed = "WVB0502";

    /// <summary>A property that must be a positive whole number (memory, CPUs, image index, a timeout) is not.</summary>
    public const string SettingNotPositiveNumber = "WVB0503";

    /// <summary>Two settings contradict each other (both image index and name; UEFI with XP/2003).</summary>
    public const string SettingsContradict = "WVB0504";

    /// <summary>A WinVmOutput item is not a relative path inside the guest's project folder.</summary>
    public const string OutputPathOutsideProject = "WVB0505";

    /// <summary>Two WinVmShare items would appear in the guest under the same share name.</summary>
    public const string DuplicateShareName = "WVB0506";
}
