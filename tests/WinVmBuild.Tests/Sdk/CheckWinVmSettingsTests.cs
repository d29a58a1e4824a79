using Microsoft.Build.Utilities;
using WinVmBuild.Diagnostics;
using WinVmBuild.Tasks;

namespace WinVmBuild.Tests.Sdk;

[TestClass]
public sealed class CheckWinVmSettingsTests
{
    private readonly RecordingBuildEngine _engine = new();

    [TestMethod]
    public void The_sdks_defaults_for_the_test_guest_pass()
    {
        Assert.IsTrue(TestGuest().Execute());
        Assert.AreEqual(0, _engine.Errors.Count);
    }

    [TestMethod]
    public void A_windows_guest_with_its_iso_and_cygwin_setup_passes()
    {
        Assert.IsTrue(WindowsGuest().Execute(), string.Join('\n', _engine.Errors.Select(e => e.Message)));
    }

    [TestMethod]
    public void An_unknown_guest_names_the_allowed_values()
    {
        var task = TestGuest();
        task.Guest = "linux";

        AssertSingleError(task, ErrorCodes.UnknownGuest, "WinVmGuest is 'linux'. Set it to one of: windows, test.");
    }

    [TestMethod]
    [DataRow(nameof(CheckWinVmSettings.Iso), "WinVmIso is not set")]
    [DataRow(nameof(CheckWinVmSettings.CygwinSetupExe), "WinVmCygwinSetupExe is not set")]
    public void A_windows_guest_needs_its_files(string parameter, string expected)
    {
        var task = WindowsGuest();
        Set(task, parameter, "");

        AssertSingleError(task, ErrorCodes.RequiredSettingMissing, expected);
    }

    [TestMethod]
    public void Every_guest_needs_a_cygwin_mirror()
    {
        var task = TestGuest();
        task.CygwinMirror = "";

        AssertSingleError(task, ErrorCodes.RequiredSettingMissing, "WinVmCygwinMirror is not set");
    }

    [TestMethod]
    public void A_windows_iso_that_does_not_exist_is_named()
    {
        var task = WindowsGuest();
        task.Iso = "/nonexistent/Win10.iso";

        AssertSingleError(task, ErrorCodes.InputFileMissing, "WinVmIso names '/nonexistent/Win10.iso', which does not exist.");
    }

    [TestMethod]
    public void A_project_without_a_command_is_told_to_set_one()
    {
        var task = TestGuest();
        task.Command = " ";

        AssertSingleError(task, ErrorCodes.RequiredSettingMissing, "WinVmCommand is not set.");
    }

    [TestMethod]
    [DataRow(nameof(CheckWinVmSettings.Firmware), "efi", "WinVmFirmware 'efi' is not known. Use one of: bios, uefi.")]
    [DataRow(nameof(CheckWinVmSettings.Accelerator), "hvf", "WinVmAccelerator is 'hvf'. Set it to one of: auto, kvm, tcg.")]
    [DataRow(nameof(CheckWinVmSettings.AnswerMedia), "usb", "WinVmAnswerMedia 'usb' is not known. Use one of: floppy, cd.")]
    public void A_value_outside_its_set_names_the_allowed_values(string parameter, string value, string expected)
    {
        var task = WindowsGuest();
        Set(task, parameter, value);

        AssertSingleError(task, ErrorCodes.SettingNotAllowed, expected);
    }

    [TestMethod]
    public void An_unknown_windows_version_names_the_known_ones()
    {
        var task = WindowsGuest();
        task.WindowsVersion = "95";

        AssertSingleError(task, ErrorCodes.UnknownWindowsVersion, "'95' is not known. Use one of: xp, 2003, vista");
    }

    [TestMethod]
    [DataRow(nameof(CheckWinVmSettings.Memory), "2G", "WinVmMemory")]
    [DataRow(nameof(CheckWinVmSettings.Cpus), "0", "WinVmCpus")]
    [DataRow(nameof(CheckWinVmSettings.InstallTimeout), "-5", "WinVmInstallTimeout")]
    [DataRow(nameof(CheckWinVmSettings.SuspendTimeout), "1.5", "WinVmSuspendTimeout")]
    [DataRow(nameof(CheckWinVmSettings.RunTimeout), "", "WinVmRunTimeout")]
    [DataRow(nameof(CheckWinVmSettings.ImageIndex), "first", "WinVmImageIndex")]
    public void A_count_that_is_not_a_positive_whole_number_is_named(string parameter, string value, string property)
    {
        var task = WindowsGuest();
        Set(task, parameter, value);

        AssertSingleError(task, ErrorCodes.SettingNotPositiveNumber, $"{property} is '{value}'. Set it to a whole number greater than zero.");
    }

    [TestMethod]
    public void Image_index_and_image_name_together_contradict()
    {
        var task = WindowsGuest();
        task.ImageIndex = "6";
        task.ImageName = "Windows 10 Pro";

        AssertSingleError(task, ErrorCodes.SettingsContradict, "WinVmImageIndex and WinVmImageName are both set");
    }

    [TestMethod]
    [DataRow("xp")]
    [DataRow("2003")]
    public void Uefi_with_a_bios_only_windows_contradicts(string version)
    {
        var task = WindowsGuest();
        task.WindowsVersion = version;
        task.Firmware = "uefi";
        FakeWindowsProgram.Write(task.CygwinSetupExe!, FakeWindowsProgram.X86);

        AssertSingleError(task, ErrorCodes.FirmwareNotSupported, "Set Firmware (WinVmFirmware) to bios.");
    }

    [TestMethod]
    public void An_iso_that_is_not_windows_media_is_refused_before_any_stage()
    {
        var task = WindowsGuest();
        task.Iso = Path.Combine(TestPaths.NewScratchFolder("not-media"), "linux.iso");
        File.WriteAllText(task.Iso, "not an ISO at all");

        AssertSingleError(task, ErrorCodes.InstallerIsoNotWindows, "is not Windows installation media");
    }

    [TestMethod]
    [DataRow("xp", FakeWindowsProgram.X64, "is a 64-bit Windows program (setup-x86_64.exe), but Windows xp gets 32-bit Cygwin")]
    [DataRow("10", FakeWindowsProgram.X86, "is a 32-bit Windows program (setup-x86.exe), but Windows 10 gets 64-bit Cygwin")]
    public void A_setup_program_of_the_other_architecture_is_refused(string version, ushort machine, string expected)
    {
        var task = WindowsGuest();
        task.WindowsVersion = version;
        FakeWindowsProgram.Write(task.CygwinSetupExe!, machine);

        AssertSingleError(task, ErrorCodes.CygwinSetupExeWrongArchitecture, expected);
    }

    [TestMethod]
    public void A_setup_program_that_is_no_windows_program_is_refused()
    {
        var task = WindowsGuest();
        File.WriteAllText(task.CygwinSetupExe!, "#!/bin/sh\n");

        AssertSingleError(task, ErrorCodes.CygwinSetupExeWrongArchitecture, "is not a Windows program");
    }

    [TestMethod]
    public void An_answer_cd_for_xp_contradicts_and_a_floppy_for_windows_10_is_allowed()
    {
        var xp = WindowsGuest();
        xp.WindowsVersion = "xp";
        xp.AnswerMedia = "cd";
        FakeWindowsProgram.Write(xp.CygwinSetupExe!, FakeWindowsProgram.X86);
        var floppy = WindowsGuest();
        floppy.AnswerMedia = "floppy";

        AssertSingleError(xp, ErrorCodes.MediaKindNotSupported, "setup reads winnt.sif from a floppy only");
        Assert.IsTrue(floppy.Execute());
    }

    [TestMethod]
    [DataRow("../secrets.txt")]
    [DataRow("/etc/passwd")]
    [DataRow("C:\\out.txt")]
    [DataRow("out\\..\\..\\x")]
    public void An_output_outside_the_project_folder_is_refused(string path)
    {
        var task = TestGuest();
        task.Outputs = [new TaskItem(path)];

        // MSBuild's TaskItem turns backslashes into slashes on Linux.
        AssertSingleError(task, ErrorCodes.OutputPathOutsideProject, $"WinVmOutput '{path.Replace('\\', '/')}' is not inside the guest's project folder.");
    }

    [TestMethod]
    public void Two_shares_with_one_name_are_refused()
    {
        var task = TestGuest();
        task.Shares = TwoFoldersNamedTools();

        AssertSingleError(task, ErrorCodes.DuplicateShareName, "under the name 'tools'");
    }

    [TestMethod]
    public void A_Name_metadata_tells_two_same_named_folders_apart()
    {
        var task = TestGuest();
        task.Shares = TwoFoldersNamedTools();
        task.Shares[1].SetMetadata("Name", "tools2");

        Assert.IsTrue(task.Execute());
    }

    [TestMethod]
    [DataRow("tools dir")]
    [DataRow("-tools")]
    public void A_share_name_the_run_stage_would_refuse_is_reported_before_any_stage(string name)
    {
        var task = TestGuest();
        task.Shares = [new TaskItem(TestPaths.NewScratchFolder("share"), new Dictionary<string, string> { ["Name"] = name })];

        Assert.IsFalse(task.Execute());

        Assert.AreEqual(ErrorCodes.InvalidShareName, _engine.Errors.Single().Code);
    }

    [TestMethod]
    public void A_share_that_is_not_a_folder_is_named()
    {
        var task = TestGuest();
        task.Shares = [new TaskItem("/nonexistent/share")];

        AssertSingleError(task, ErrorCodes.InputFileMissing, "WinVmShare '/nonexistent/share' is not an existing folder.");
    }

    [TestMethod]
    public void Every_problem_is_reported_at_once()
    {
        var task = WindowsGuest();
        task.Iso = "";
        task.Memory = "lots";
        task.Command = "";

        Assert.IsFalse(task.Execute());

        CollectionAssert.AreEquivalent(
            new[] { ErrorCodes.RequiredSettingMissing, ErrorCodes.RequiredSettingMissing, ErrorCodes.SettingNotPositiveNumber },
            _engine.Errors.Select(e => e.Code).ToArray());
    }

    private CheckWinVmSettings TestGuest() => new()
    {
        BuildEngine = _engine,
        Guest = "test",
        WindowsVersion = "10",
        Firmware = "bios",
        Accelerator = "auto",
        Memory = "512",
        Cpus = "1",
        CacheDir = "/tmp/winvmbuild-cache",
        CygwinMirror = "file:///tmp/mirror/",
        Command = "make",
        InstallTimeout = "120",
        SuspendTimeout = "20",
        RunTimeout = "60",
    };

    /// <summary>One Windows-shaped ISO for every test of the class: the check reads its UDF file list.</summary>
    private static readonly Lazy<string> StandInIso = new(() =>
        WindowsStandIn.CreateIsoAsync(TestPaths.NewScratchFolder("windows-settings-iso"), StandInParts.Inert).GetAwaiter().GetResult());

    private CheckWinVmSettings WindowsGuest()
    {
        var scratch = TestPaths.NewScratchFolder("windows-settings");
        var task = TestGuest();
        task.Guest = "windows";
        task.Memory = "2048";
        task.Iso = StandInIso.Value;
        task.CygwinSetupExe = FakeWindowsProgram.Write(Path.Combine(scratch, "setup-x86_64.exe"), FakeWindowsProgram.X64);
        return task;
    }

    private static TaskItem[] TwoFoldersNamedTools()
    {
        var scratch = TestPaths.NewScratchFolder("shares");
        var first = Directory.CreateDirectory(Path.Combine(scratch, "a", "tools")).FullName;
        var second = Directory.CreateDirectory(Path.Combine(scratch, "b", "tools")).FullName;
        return [new TaskItem(first), new TaskItem(second + "/")];
    }

    private static void Set(CheckWinVmSettings task, string parameter, string value) =>
        typeof(CheckWinVmSettings).GetProperty(parameter)!.SetValue(task, value);

    private void AssertSingleError(CheckWinVmSettings task, string code, string expectedText)
    {
        Assert.IsFalse(task.Execute());
        var error = _engine.Errors.Single();
        Assert.AreEqual(code, error.Code);
        StringAssert.Contains(error.Message, expectedText);
    }
}
