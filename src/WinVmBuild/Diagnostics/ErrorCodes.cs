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

    /// <summary>The mirror has none of &lt;arch&gt;/setup.xz, setup.zst, setup.bz2, setup.ini.</summary>
    public const string CygwinSetupIniNotOnMirror = "WVB0107";

    // WVB0108 (setup program missing) is retired: a missing WinVmCygwinSetupExe is WVB0501, a path to nothing WVB0003.

    /// <summary>A file for the repository ISO has a bad target path (absolute, "..", or used twice).</summary>
    public const string CygwinRepositoryPathInvalid = "WVB0109";

    // WVB0110 (archive item without metadata) is retired with the media tasks: the media stage is one C# stage.

    /// <summary>A package for CreateCygwinMirror is incomplete (no version, no files, a missing host file).</summary>
    public const string CygwinMirrorPackageInvalid = "WVB0111";

    /// <summary>Cygwin's setup program is not a Windows program of the architecture the Windows version gets (32-bit for XP/2003).</summary>
    public const string CygwinSetupExeWrongArchitecture = "WVB0112";

    /// <summary>The mirror serves a Cygwin newer than the Windows version runs.</summary>
    public const string CygwinTooNewForWindows = "WVB0113";

    // ---- Media: SSH key, answer files, floppy and CD images (WVB0200-WVB0299) ----

    // WVB0200 (unknown Windows version) is retired: every value outside its set is WVB0502.

    // WVB0201 (unknown firmware) is retired: every value outside its set is WVB0502.

    // WVB0202 (unknown answer medium) is retired: every value outside its set is WVB0502.

    /// <summary>The Windows version cannot boot with the chosen firmware (XP and Server 2003 know no UEFI).</summary>
    public const string FirmwareNotSupported = "WVB0203";

    /// <summary>The Windows version cannot read its answer file from the chosen media (XP setup reads winnt.sif from a floppy only; Server 2025 setup has no floppy driver).</summary>
    public const string MediaKindNotSupported = "WVB0204";

    /// <summary>The product key is not five groups of five letters or digits.</summary>
    public const string ProductKeyMalformed = "WVB0205";

    // WVB0206 (image index or name) is retired: an index that is no number from 1 is WVB0503, both set WVB0504.

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

    // WVB0212 (setup command too long) is retired: the package list is in winvmbuild.cmd on the Cygwin CD, not in the answer file.

    /// <summary>The image's secrets file exists but cannot be read.</summary>
    public const string SecretsFileInvalid = "WVB0213";

    // WVB0214 (a secret inline and as a file) is retired: two settings that exclude each other are WVB0504.

    /// <summary>The Windows ISO is not Windows installation media (no UDF file system, no install.wim or install.esd).</summary>
    public const string InstallerIsoNotWindows = "WVB0215";

    /// <summary>The Windows ISO has no boot image for the chosen firmware.</summary>
    public const string InstallerIsoNotBootable = "WVB0216";

    /// <summary>
    /// Setup would stop at its product key page: the chosen image is no evaluation edition and Microsoft publishes no
    /// generic key for it (or the version is XP or Server 2003, whose setup always asks), and no key was given.
    /// </summary>
    public const string ProductKeyNeeded = "WVB0217";

    /// <summary>The Windows ISO's install image has no image of the chosen index or name.</summary>
    public const string InstallImageNotFound = "WVB0218";

    /// <summary>The product key given is Microsoft's generic key of another edition than the chosen image's.</summary>
    public const string ProductKeyForAnotherEdition = "WVB0219";

    /// <summary>Warning: Windows 11 with the answer file on a floppy, which 23H2 reads and 24H2 (no floppy driver) does not.</summary>
    public const string FloppyMayBeUnreadable = "WVB0220";

    // ---- VM runtime: QEMU, QMP, user network, accelerator, kernel, initrd (WVB0300-WVB0349) ----

    /// <summary>No kernel with installed modules was found for the test guest.</summary>
    public const string KernelNotFound = "WVB0300";

    /// <summary>The kernel file exists but this user cannot read it (Ubuntu's vmlinuz is 0600).</summary>
    public const string KernelUnreadable = "WVB0301";

    /// <summary>A kernel module the test guest needs is neither in modules.dep nor built in.</summary>
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

    // WVB0316 (unknown accelerator) is retired: every value outside its set is WVB0502.

    // WVB0317 (vde_switch failed) is retired: the guest's network is QEMU's own.

    /// <summary>The UEFI firmware (OVMF) files a UEFI machine needs are missing.</summary>
    public const string UefiFirmwareMissing = "WVB0318";

    // WVB0319 (socket path too long) is retired with the vde_switch.

    /// <summary>The guest did not print an expected console line in time.</summary>
    public const string GuestConsoleTimeout = "WVB0320";

    /// <summary>A QEMU machine description combines settings QEMU cannot run (a virtio CD).</summary>
    public const string InvalidMachineSpec = "WVB0321";

    /// <summary>QEMU listed no forwarded port to the guest's sshd in its user network.</summary>
    public const string SshPortNotForwarded = "WVB0322";

    /// <summary>QEMU did not answer a QMP command within its bound: its main loop is stuck.</summary>
    public const string QmpNoAnswer = "WVB0323";

    // ---- The guest's connections: SSH, shares, project (WVB0350-WVB0399) ----

    // WVB0350 (no answer on port 22), WVB0351 (controller failed) and WVB0352 (controller without result) are retired
    // with the controller VM: a guest whose sshd never answers is a stage past its time (WVB0400).

    /// <summary>A share name Samba or the guest cannot use, or a name used twice.</summary>
    public const string InvalidShareName = "WVB0353";

    /// <summary>A host user name that cannot be a Samba account, or a password that cannot reach the guest intact.</summary>
    public const string InvalidSambaAccount = "WVB0354";

    // WVB0355 (output path) is retired: an output outside the project is WVB0505 wherever it is found.

    /// <summary>The guest VM stopped (powered off or crashed) before its sshd answered or while a command ran.</summary>
    public const string GuestStopped = "WVB0356";

    /// <summary>The host's smbd is missing, its account could not be made, or the guest could not mount a share.</summary>
    public const string ShareServerFailed = "WVB0357";

    /// <summary>The guest presented another host key than the one recorded when it was installed.</summary>
    public const string HostKeyMismatch = "WVB0358";

    /// <summary>The guest's sshd refused the image's key.</summary>
    public const string SshKeyRefused = "WVB0359";

    /// <summary>The guest could not unpack the project it was sent.</summary>
    public const string ProjectNotReceived = "WVB0360";

    // ---- Stages: install, suspend, run, the stage cache (WVB0400-WVB0499) ----

    /// <summary>A VM stage did not finish within its timeout; the message has console lines and a screenshot.</summary>
    public const string StageTimedOut = "WVB0400";

    /// <summary>The guest's sshd let the image's key in, but the install's acknowledgement command failed.</summary>
    public const string InstallNotAcknowledged = "WVB0401";

    /// <summary>The setup command run before the memory snapshot failed.</summary>
    public const string SuspendSetupFailed = "WVB0402";

    /// <summary>The guest command exited with a non-zero code.</summary>
    public const string GuestCommandFailed = "WVB0403";

    /// <summary>A file coming back from the guest is not a plain file inside the output folder.</summary>
    public const string GuestOutputRefused = "WVB0404";

    /// <summary>A stage's input (an earlier stage's cache entry, the image folder) is missing.</summary>
    public const string StageInputMissing = "WVB0405";

    /// <summary>A cache entry's files are not those its manifest lists (modified, truncated, missing): it is never used.</summary>
    public const string CacheEntryDamaged = "WVB0406";

    /// <summary>Warning: the cache's file system has no sparse files, so snapshots keep the memory compressed (slower revives).</summary>
    public const string SparseFilesUnsupported = "WVB0407";

    /// <summary>Warning: a declared output was not produced by the guest command.</summary>
    public const string OutputNotProduced = "WVB0408";

    /// <summary>The guest said on its serial port that its install failed (Cygwin's setup, sshd), and powered off.</summary>
    public const string GuestReportedFailure = "WVB0409";

    /// <summary>The cache folder cannot be written.</summary>
    public const string CacheFolderNotWritable = "WVB0410";

    /// <summary>flock does not lock on the cache folder's file system.</summary>
    public const string CacheFolderWithoutLocks = "WVB0411";

    /// <summary>The cache folder's file system has less room than the stage is about to write.</summary>
    public const string CacheFolderFull = "WVB0412";

    /// <summary>Warning: a quiet-Windows step was not in effect before the snapshot (Defender kept on by Tamper Protection, a service).</summary>
    public const string WindowsNotQuiet = "WVB0413";

    /// <summary>Warning: the guest's CPU use did not settle before the snapshot's bound; the snapshot was taken anyway.</summary>
    public const string GuestNotSettled = "WVB0414";

    /// <summary>Warning: a revived guest refused the host's time; the command sees its snapshot's.</summary>
    public const string GuestClockNotSet = "WVB0415";

    /// <summary>A provisioning step exited with a non-zero code; its layer was not kept.</summary>
    public const string ProvisionStepFailed = "WVB0417";

    /// <summary>Warning: the command failed and its guest was left running (WinVmKeepOnFailure); says how to log in.</summary>
    public const string GuestKept = "WVB0418";

    /// <summary>Warning: -t:WinVmShell ran where the build has no terminal; the guest was kept and the ssh command printed instead.</summary>
    public const string ShellWithoutTerminal = "WVB0419";

    /// <summary>Warning: an install, provision or suspend stage failed and its guest was left running (WinVmKeepOnFailure), its screen on VNC.</summary>
    public const string FailedStageGuestKept = "WVB0420";

    // ---- SDK: project settings (WVB0500-WVB0599) ----

    // WVB0500 (unknown guest) is retired: every value outside its set is WVB0502.

    /// <summary>A property the chosen guest needs is not set (WinVmIso, WinVmCygwinSetupExe, WinVmCommand, ...).</summary>
    public const string RequiredSettingMissing = "WVB0501";

    /// <summary>A property holds a value outside its allowed set (WinVmGuest, WinVmWindowsVersion, WinVmFirmware, WinVmAnswerMedia, WinVmAccelerator).</summary>
    public const string SettingNotAllowed = "WVB0502";

    /// <summary>A property that must be a positive whole number (memory, CPUs, image index, a timeout) is not.</summary>
    public const string SettingNotPositiveNumber = "WVB0503";

    /// <summary>Two settings that exclude each other are both set (WinVmImageIndex and WinVmImageName; a secret inline and as a file).</summary>
    public const string SettingsContradict = "WVB0504";

    /// <summary>A WinVmOutput item is not a relative path inside the guest's project folder.</summary>
    public const string OutputPathOutsideProject = "WVB0505";

    /// <summary>Two WinVmShare items would appear in the guest under the same share name.</summary>
    public const string DuplicateShareName = "WVB0506";

    /// <summary>WinVmCacheMaxSize is not a size (a number with an optional unit B, KB, MB, GB or TB).</summary>
    public const string CacheMaxSizeInvalid = "WVB0507";

    /// <summary>
    /// An error or warning the guest command printed in a compiler's format without a code of its own (gcc, clang),
    /// logged as an MSBuild error or warning on the host file (WinVmParseDiagnostics).
    /// </summary>
    public const string GuestDiagnostic = "WVB0508";

    /// <summary>A WinVmProvision item's extension is none a guest runs (.sh, .cmd, .bat, .ps1).</summary>
    public const string ProvisionStepKindUnknown = "WVB0510";

    /// <summary>A WinVmProvision step is of a kind the project's guest cannot run (.cmd or .ps1 for the test guest).</summary>
    public const string ProvisionStepNotForGuest = "WVB0511";

    /// <summary>A WinVmProvisionFile (or a WinVmProvision step) is not inside the project folder.</summary>
    public const string ProvisionFileOutsideProject = "WVB0512";

    /// <summary>Two WinVmProvision steps have one name, or a WinVmProvisionFile names a step there is none of.</summary>
    public const string ProvisionStepNameInvalid = "WVB0513";

    // ---- Registry: sharing cache entries through an OCI registry (WVB0600-WVB0699) ----

    /// <summary>WinVmCacheRegistry is not a registry host and repository.</summary>
    public const string RegistryReferenceInvalid = "WVB0600";

    /// <summary>The registry could not be reached, or failed mid-transfer: a warning (the stage is built here) unless WinVmCacheRegistryRequired.</summary>
    public const string RegistryUnreachable = "WVB0601";

    /// <summary>The registry refused the credentials (or their absence).</summary>
    public const string RegistryAuthenticationFailed = "WVB0602";

    /// <summary>Warning: the tag holds an artifact of another tool or another WinVmBuild major version; the stage is built here.</summary>
    public const string RegistryArtifactForeign = "WVB0603";

    /// <summary>Warning: the registry has a snapshot of the same install taken on a different machine (QEMU, machine type, CPU).</summary>
    public const string RegistrySnapshotIncompatible = "WVB0604";

    /// <summary>A pulled artifact's bytes are not those its digests name: refused, nothing published.</summary>
    public const string RegistryArtifactDamaged = "WVB0605";

    /// <summary>A docker-credential-* helper the credentials name could not be run or failed.</summary>
    public const string RegistryCredentialHelperFailed = "WVB0606";

    /// <summary>Warning: pushing an entry failed; the entry is kept in the local cache, and the next build tries again.</summary>
    public const string RegistryPushFailed = "WVB0607";

    /// <summary>Warning: a snapshot taken with the host's own CPU model (-cpu host) is not pushed: it revives only on the same CPU.</summary>
    public const string SnapshotNotPortable = "WVB0608";
}
