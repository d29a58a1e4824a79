using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using WinVmBuild.Diagnostics;
using WinVmBuild.Settings;
using WinVmBuild.Tasks;
using WinVmBuild.Vm;

namespace WinVmBuild.Tests.Sdk;

/// <summary>The settings check as the SDK's first target runs it: every rule, its one code, every problem at once.</summary>
[TestClass]
[RequiresHostPackages]
public sealed class CheckWinVmSettingsTests
{
    [TestMethod]
    public void The_sdks_defaults_for_the_test_guest_pass()
    {
        var task = TestGuest();

        Assert.IsTrue(task.Run());
        Assert.AreEqual(0, task.Engine.Errors.Count);
    }

    [TestMethod]
    public void A_windows_guest_with_its_iso_and_cygwin_setup_passes()
    {
        var task = WindowsGuest();

        Assert.IsTrue(task.Run(), string.Join('\n', task.Engine.Errors.Select(e => e.Message)));
    }

    [TestMethod]
    public void An_unknown_guest_names_the_allowed_values()
    {
        var task = TestGuest();
        task.Properties["WinVmGuest"] = "linux";

        AssertSingleError(task, ErrorCodes.SettingNotAllowed, "WinVmGuest is 'linux'. Set it to one of: windows, test.");
    }

    [TestMethod]
    [DataRow("WinVmIso", "WinVmIso is not set")]
    [DataRow("WinVmCygwinSetupExe", "WinVmCygwinSetupExe is not set")]
    public void A_windows_guest_needs_its_files(string property, string expected)
    {
        var task = WindowsGuest();
        task.Properties[property] = "";

        AssertSingleError(task, ErrorCodes.RequiredSettingMissing, expected);
    }

    [TestMethod]
    public void Every_guest_needs_a_cygwin_mirror()
    {
        var task = TestGuest();
        task.Properties["WinVmCygwinMirror"] = "";

        AssertSingleError(task, ErrorCodes.RequiredSettingMissing, "WinVmCygwinMirror is not set");
    }

    [TestMethod]
    public void A_windows_iso_that_does_not_exist_is_named()
    {
        var task = WindowsGuest();
        task.Properties["WinVmIso"] = "/nonexistent/Win10.iso";

        AssertSingleError(task, ErrorCodes.InputFileMissing, "WinVmIso names '/nonexistent/Win10.iso', which does not exist.");
    }

    [TestMethod]
    public void A_project_without_a_command_is_told_to_set_one()
    {
        var task = TestGuest();
        task.Properties["WinVmCommand"] = " ";

        AssertSingleError(task, ErrorCodes.RequiredSettingMissing, "WinVmCommand is not set.");
    }

    [TestMethod]
    [DataRow("WinVmFirmware", "efi", "WinVmFirmware is 'efi'. Set it to one of: bios, uefi.")]
    [DataRow("WinVmAccelerator", "hvf", "WinVmAccelerator is 'hvf'. Set it to one of: auto, kvm, tcg.")]
    [DataRow("WinVmAnswerMedia", "usb", "WinVmAnswerMedia is 'usb'. Set it to one of: floppy, cd.")]
    [DataRow("WinVmQuietWindows", "yes", "WinVmQuietWindows is 'yes'. Set it to one of: true, false.")]
    [DataRow("WinVmParseDiagnostics", "no", "WinVmParseDiagnostics is 'no'. Set it to one of: true, false.")]
    [DataRow("WinVmTreatGuestErrorsAsErrors", "1", "WinVmTreatGuestErrorsAsErrors is '1'. Set it to one of: true, false.")]
    public void A_value_outside_its_set_names_the_allowed_values(string property, string value, string expected)
    {
        var task = WindowsGuest();
        task.Properties[property] = value;

        AssertSingleError(task, ErrorCodes.SettingNotAllowed, expected);
    }

    [TestMethod]
    public void An_unknown_windows_version_names_the_known_ones()
    {
        var task = WindowsGuest();
        task.Properties["WinVmWindowsVersion"] = "95";

        AssertSingleError(task, ErrorCodes.SettingNotAllowed, "WinVmWindowsVersion is '95'. Set it to one of: xp, 2003, vista");
    }

    [TestMethod]
    [DataRow("2G", "WinVmMemory")]
    [DataRow("0", "WinVmCpus")]
    [DataRow("-5", "WinVmInstallTimeout")]
    [DataRow("1.5", "WinVmSuspendTimeout")]
    [DataRow("an hour", "WinVmRunTimeout")]
    [DataRow("first", "WinVmImageIndex")]
    public void A_count_that_is_not_a_positive_whole_number_is_named(string value, string property)
    {
        var task = WindowsGuest();
        task.Properties[property] = value;

        AssertSingleError(task, ErrorCodes.SettingNotPositiveNumber, $"{property} is '{value}'. Set it to a whole number greater than zero.");
    }

    [TestMethod]
    public void Image_index_and_image_name_together_contradict()
    {
        var task = WindowsGuest();
        task.Properties["WinVmImageIndex"] = "6";
        task.Properties["WinVmImageName"] = "Windows 10 Pro";

        AssertSingleError(task, ErrorCodes.SettingsContradict, "WinVmImageIndex and WinVmImageName are both set");
    }

    [TestMethod]
    [DataRow("xp")]
    [DataRow("2003")]
    public void Uefi_with_a_bios_only_windows_contradicts(string version)
    {
        var task = WindowsGuest();
        task.Properties["WinVmWindowsVersion"] = version;
        task.Properties["WinVmFirmware"] = "uefi";
        FakeWindowsProgram.Write(task.Properties["WinVmCygwinSetupExe"], FakeWindowsProgram.X86);

        AssertSingleError(task, ErrorCodes.FirmwareNotSupported, "cannot boot with UEFI firmware. Set WinVmFirmware to bios.");
    }

    [TestMethod]
    public void An_iso_that_is_not_windows_media_is_refused_before_any_stage()
    {
        var task = WindowsGuest();
        task.Properties["WinVmIso"] = Path.Combine(TestPaths.NewScratchFolder("not-media"), "linux.iso");
        File.WriteAllText(task.Properties["WinVmIso"], "not an ISO at all");

        AssertSingleError(task, ErrorCodes.InstallerIsoNotWindows, "is not Windows installation media");
    }

    [TestMethod]
    [DataRow("xp", FakeWindowsProgram.X64, "is a 64-bit Windows program (setup-x86_64.exe), but Windows xp gets 32-bit Cygwin")]
    [DataRow("10", FakeWindowsProgram.X86, "is a 32-bit Windows program (setup-x86.exe), but Windows 10 gets 64-bit Cygwin")]
    public void A_setup_program_of_the_other_architecture_is_refused(string version, ushort machine, string expected)
    {
        var task = WindowsGuest();
        task.Properties["WinVmWindowsVersion"] = version;
        FakeWindowsProgram.Write(task.Properties["WinVmCygwinSetupExe"], machine);

        AssertSingleError(task, ErrorCodes.CygwinSetupExeWrongArchitecture, expected);
    }

    [TestMethod]
    public void A_setup_program_that_is_no_windows_program_is_refused()
    {
        var task = WindowsGuest();
        File.WriteAllText(task.Properties["WinVmCygwinSetupExe"], "#!/bin/sh\n");

        AssertSingleError(task, ErrorCodes.CygwinSetupExeWrongArchitecture, "is not a Windows program");
    }

    [TestMethod]
    public void An_answer_cd_for_xp_contradicts_and_a_floppy_for_windows_10_is_allowed()
    {
        var xp = WindowsGuest();
        xp.Properties["WinVmWindowsVersion"] = "xp";
        xp.Properties["WinVmAnswerMedia"] = "cd";
        FakeWindowsProgram.Write(xp.Properties["WinVmCygwinSetupExe"], FakeWindowsProgram.X86);
        var floppy = WindowsGuest();
        floppy.Properties["WinVmAnswerMedia"] = "floppy";

        AssertSingleError(xp, ErrorCodes.MediaKindNotSupported, "setup reads winnt.sif from a floppy only");
        Assert.IsTrue(floppy.Run());
    }

    [TestMethod]
    public void Server_2025_with_the_answer_file_on_a_floppy_is_refused_and_windows_11_warned()
    {
        var server = WindowsGuest();
        server.Properties["WinVmWindowsVersion"] = "server2025";
        server.Properties["WinVmAnswerMedia"] = "floppy";
        var windows11 = WindowsGuest();
        windows11.Properties["WinVmWindowsVersion"] = "11";
        windows11.Properties["WinVmAnswerMedia"] = "floppy";
        var onCd = WindowsGuest();
        onCd.Properties["WinVmWindowsVersion"] = "11";

        AssertSingleError(server, ErrorCodes.MediaKindNotSupported, "Set WinVmAnswerMedia to cd");
        Assert.IsTrue(windows11.Run(), string.Join('\n', windows11.Engine.Errors.Select(e => e.Message)));
        Assert.AreEqual(ErrorCodes.FloppyMayBeUnreadable, windows11.Engine.Warnings.Single().Code);
        StringAssert.Contains(windows11.Engine.Warnings.Single().Message, "24H2");
        Assert.IsTrue(onCd.Run());
        Assert.IsEmpty(onCd.Engine.Warnings);
    }

    [TestMethod]
    public void A_retail_image_without_a_published_key_is_refused_before_any_stage()
    {
        var task = WindowsGuest(RetailIso.Value);

        AssertSingleError(task, ErrorCodes.ProductKeyNeeded, "The image 1: 'Windows 11 Home' (Core) of WinVmIso");
        StringAssert.Contains(task.Engine.Errors.Single().Message, "WinVmImageName ('Windows 11 Pro')");
    }

    [TestMethod]
    public void A_retail_image_with_a_published_key_or_the_projects_own_key_passes()
    {
        var pro = WindowsGuest(RetailIso.Value);
        pro.Properties["WinVmImageName"] = "Windows 11 Pro";
        var home = WindowsGuest(RetailIso.Value);
        home.Properties["WinVmProductKey"] = "ABCDE-12345-FGHIJ-67890-KLMNO";

        Assert.IsTrue(pro.Run(), string.Join('\n', pro.Engine.Errors.Select(e => e.Message)));
        Assert.IsTrue(home.Run(), string.Join('\n', home.Engine.Errors.Select(e => e.Message)));
    }

    [TestMethod]
    [DataRow("WinVmImageIndex", "3")]
    [DataRow("WinVmImageName", "Windows 11 Education")]
    public void An_image_the_iso_does_not_have_is_refused_with_the_list_of_those_it_has(string property, string value)
    {
        var task = WindowsGuest(RetailIso.Value);
        task.Properties[property] = value;

        AssertSingleError(task, ErrorCodes.InstallImageNotFound, $"{property} '{value}' names no image of WinVmIso");
        StringAssert.Contains(task.Engine.Errors.Single().Message, "1: 'Windows 11 Home' (Core), 2: 'Windows 11 Pro' (Professional)");
    }

    [TestMethod]
    public void Another_editions_generic_key_is_refused_without_being_repeated()
    {
        const string ProNKey = "MH37W-N47XK-V7XM9-C7227-GCQG9";
        var task = WindowsGuest(RetailIso.Value);
        task.Properties["WinVmImageIndex"] = "2";
        task.Properties["WinVmProductKey"] = ProNKey;

        AssertSingleError(task, ErrorCodes.ProductKeyForAnotherEdition, "generic key for Windows 10/11 Pro N");
        Assert.DoesNotContain(ProNKey, task.Engine.Errors.Single().Message!);
    }

    [TestMethod]
    public void Xp_without_a_product_key_is_refused()
    {
        var task = WindowsGuest();
        task.Properties["WinVmWindowsVersion"] = "xp";
        task.Properties["WinVmAnswerMedia"] = "floppy";
        FakeWindowsProgram.Write(task.Properties["WinVmCygwinSetupExe"], FakeWindowsProgram.X86);

        Assert.IsFalse(task.Run());

        Assert.IsTrue(task.Engine.Errors.Any(error => error.Code == ErrorCodes.ProductKeyNeeded && error.Message!.StartsWith("Windows XP setup always asks", StringComparison.Ordinal)));
    }

    [TestMethod]
    [DataRow("../secrets.txt")]
    [DataRow("/etc/passwd")]
    [DataRow("C:\\out.txt")]
    [DataRow("out\\..\\..\\x")]
    public void An_output_outside_the_project_folder_is_refused(string path)
    {
        var task = TestGuest();
        task.Task.Outputs = [new TaskItem(path)];

        // MSBuild's TaskItem turns backslashes into slashes on Linux.
        AssertSingleError(task, ErrorCodes.OutputPathOutsideProject, $"WinVmOutput '{path.Replace('\\', '/')}' is not inside the guest's project folder.");
    }

    [TestMethod]
    public void Two_shares_with_one_name_are_refused()
    {
        var task = TestGuest();
        task.Task.Shares = TwoFoldersNamedTools();

        AssertSingleError(task, ErrorCodes.DuplicateShareName, "under the name 'tools'");
    }

    [TestMethod]
    public void A_Name_metadata_tells_two_same_named_folders_apart()
    {
        var task = TestGuest();
        task.Task.Shares = TwoFoldersNamedTools();
        task.Task.Shares[1].SetMetadata("Name", "tools2");

        Assert.IsTrue(task.Run());
    }

    [TestMethod]
    [DataRow("tools dir")]
    [DataRow("-tools")]
    public void A_share_name_the_run_stage_would_refuse_is_reported_before_any_stage(string name)
    {
        var task = TestGuest();
        task.Task.Shares = [new TaskItem(TestPaths.NewScratchFolder("share"), new Dictionary<string, string> { ["Name"] = name })];

        Assert.IsFalse(task.Run());

        Assert.AreEqual(ErrorCodes.InvalidShareName, task.Engine.Errors.Single().Code);
    }

    [TestMethod]
    public void A_share_that_is_not_a_folder_is_named()
    {
        var task = TestGuest();
        task.Task.Shares = [new TaskItem("/nonexistent/share")];

        AssertSingleError(task, ErrorCodes.InputFileMissing, "The folder '/nonexistent/share' to share as 'share' does not exist.");
    }

    [TestMethod]
    [DataRow("", "", null)]
    [DataRow("false", "10", null)]
    [DataRow("TRUE", "", 30.0)]
    [DataRow("true", "", 30.0)]
    [DataRow("true", "0.5", 0.5)]
    public void A_failed_commands_guest_is_kept_only_when_asked_for_its_minutes(string keep, string minutes, double? expected)
    {
        var task = TestGuest();
        task.Properties["WinVmKeepOnFailure"] = keep;
        task.Properties["WinVmKeepMinutes"] = minutes;

        var settings = SettingsReader.Read(new RawSettings(task.Properties));
        Assert.AreEqual(expected, settings.KeepOnFailure ? settings.KeepTime.TotalMinutes : null);
    }

    [TestMethod]
    [DataRow("-5")]
    [DataRow("0")]
    [DataRow("half an hour")]
    [DataRow("1e3")]
    [DataRow("20000")]
    public void A_keep_time_that_is_not_a_number_of_minutes_up_to_a_week_is_named(string minutes)
    {
        var task = TestGuest();
        task.Properties["WinVmKeepOnFailure"] = "true";
        task.Properties["WinVmKeepMinutes"] = minutes;

        AssertSingleError(
            task,
            ErrorCodes.SettingNotPositiveNumber,
            $"WinVmKeepMinutes is '{minutes}'. Set it to a number of minutes greater than zero and at most a week (10080), such as 30 or 0.5.");
    }

    [TestMethod]
    public void Every_problem_is_reported_at_once()
    {
        var task = WindowsGuest();
        task.Properties["WinVmIso"] = "";
        task.Properties["WinVmMemory"] = "lots";
        task.Properties["WinVmCommand"] = "";

        Assert.IsFalse(task.Run());

        CollectionAssert.AreEquivalent(
            new[] { ErrorCodes.RequiredSettingMissing, ErrorCodes.RequiredSettingMissing, ErrorCodes.SettingNotPositiveNumber },
            task.Engine.Errors.Select(e => e.Code).ToArray());
    }

    [TestMethod]
    public void An_empty_property_takes_the_default_the_settings_reader_owns()
    {
        var task = TestGuest();
        task.Properties["WinVmMemory"] = "";
        task.Properties["WinVmRunTimeout"] = "";

        Assert.IsTrue(task.Run(), string.Join('\n', task.Engine.Errors.Select(e => e.Message)));
        var settings = SettingsReader.Read(new RawSettings(task.Properties));
        Assert.AreEqual(512, settings.MemoryMegabytes);
        Assert.AreEqual(TimeSpan.FromMinutes(60), settings.RunTimeout);
        Assert.AreEqual(1, settings.Cpus);
    }

    [TestMethod]
    [DataRow("", true)]
    [DataRow("False", false)]
    [DataRow("true", true)]
    public void Windows_is_made_quiet_unless_WinVmQuietWindows_is_false(string value, bool quiet)
    {
        var task = WindowsGuest();
        task.Properties["WinVmQuietWindows"] = value;

        Assert.IsTrue(task.Run(), string.Join('\n', task.Engine.Errors.Select(e => e.Message)));
        Assert.AreEqual(quiet, SettingsReader.Read(new RawSettings(task.Properties)).QuietWindows);
    }

    [TestMethod]
    [DataRow("", "", true, false)]
    [DataRow("false", "true", false, true)]
    public void Guest_diagnostics_are_parsed_and_error_lines_follow_the_exit_code_by_default(string parse, string asErrors, bool parsed, bool errors)
    {
        var task = TestGuest();
        task.Properties["WinVmParseDiagnostics"] = parse;
        task.Properties["WinVmTreatGuestErrorsAsErrors"] = asErrors;

        var settings = SettingsReader.Read(new RawSettings(task.Properties));

        Assert.AreEqual(parsed, settings.ParseDiagnostics);
        Assert.AreEqual(errors, settings.TreatGuestErrorsAsErrors);
    }

    [TestMethod]
    [DataRow("", "", null)]
    [DataRow("ghcr.io/acme/winvm", "", QemuArguments.PortableCpuModel)]
    [DataRow("ghcr.io/acme/winvm", "host", "host")]
    [DataRow("", "Haswell-noTSX,+aes", "Haswell-noTSX,+aes")]
    public void Shared_snapshots_get_a_portable_cpu_model_unless_the_project_names_one(string registry, string model, string? expected)
    {
        var task = TestGuest();
        task.Properties["WinVmCacheRegistry"] = registry;
        task.Properties["WinVmCpuModel"] = model;

        Assert.AreEqual(expected, SettingsReader.Read(new RawSettings(task.Properties)).CpuModel);
    }

    [TestMethod]
    [DataRow("", null)]
    [DataRow("100GB", 100L << 30)]
    [DataRow("500 mb", 500L << 20)]
    public void WinVmCacheMaxSize_is_a_size_and_no_limit_when_unset(string value, long? bytes)
    {
        var task = TestGuest();
        task.Properties["WinVmCacheMaxSize"] = value;

        Assert.AreEqual(bytes, SettingsReader.Read(new RawSettings(task.Properties)).CacheMaxSize);
    }

    [TestMethod]
    public void A_cache_size_that_is_no_size_says_what_to_write()
    {
        var task = TestGuest();
        task.Properties["WinVmCacheMaxSize"] = "100 gigs";

        AssertSingleError(
            task, ErrorCodes.CacheMaxSizeInvalid,
            "WinVmCacheMaxSize is '100 gigs'. Set it to a size: a number with an optional unit B, KB, MB, GB or TB, each 1024 times the one before, e.g. 100GB or 500 MB.");
    }

    [TestMethod]
    public void The_accelerator_is_resolved_once_here_for_every_stage()
    {
        var task = TestGuest();
        task.Properties["WinVmAccelerator"] = "tcg";

        Assert.IsTrue(task.Run());
        Assert.AreEqual("tcg", task.Task.Accelerator);
    }

    [TestMethod]
    public void A_secret_inline_and_in_a_file_contradicts()
    {
        var task = WindowsGuest();
        task.Properties["WinVmProductKey"] = "XXXXX-XXXXX-XXXXX-XXXXX-XXXXX";
        task.Properties["WinVmProductKeyFile"] = task.Properties["WinVmCygwinSetupExe"];

        AssertSingleError(task, ErrorCodes.SettingsContradict, "WinVmProductKey and WinVmProductKeyFile are both set");
    }

    [TestMethod]
    public void A_malformed_product_key_is_refused_without_being_repeated()
    {
        var task = WindowsGuest();
        task.Properties["WinVmProductKey"] = "SECRET-KEY";

        AssertSingleError(task, ErrorCodes.ProductKeyMalformed, "WinVmProductKey");
        Assert.DoesNotContain("SECRET", task.Engine.Errors.Single().Message!);
    }

    [TestMethod]
    public void A_mirror_that_is_not_a_url_is_refused_before_any_stage()
    {
        var task = TestGuest();
        task.Properties["WinVmCygwinMirror"] = "mirrors.kernel.org/cygwin";

        AssertSingleError(task, ErrorCodes.CygwinMirrorUrlUnsupported, "WinVmCygwinMirror 'mirrors.kernel.org/cygwin' is not an absolute");
    }

    [TestMethod]
    [DataRow("winvm", "must start with the registry's host")]
    [DataRow("ghcr.io", "names no repository")]
    [DataRow("ghcr.io/acme/winvm:latest", "must not have a tag or digest")]
    [DataRow("ghcr.io/Acme/WinVm", "lowercase letters")]
    public void A_cache_registry_that_is_no_repository_says_why(string reference, string why)
    {
        var task = TestGuest();
        task.Properties["WinVmCacheRegistry"] = reference;

        AssertSingleError(task, ErrorCodes.RegistryReferenceInvalid, why);
    }

    [TestMethod]
    public void A_cpu_model_is_a_qemu_model_name_with_flags()
    {
        var task = TestGuest();
        task.Properties["WinVmCpuModel"] = "Haswell; rm -rf /";

        AssertSingleError(task, ErrorCodes.SettingNotAllowed, "WinVmCpuModel is 'Haswell; rm -rf /'");
    }

    [TestMethod]
    [DataRow("WinVmCachePush")]
    [DataRow("WinVmCacheRegistryRequired")]
    public void Pushing_or_requiring_the_registry_needs_one(string property)
    {
        var task = TestGuest();
        task.Properties[property] = "true";

        AssertSingleError(task, ErrorCodes.RequiredSettingMissing, "WinVmCacheRegistry is not set");
    }

    [TestMethod]
    [DataRow("localhost:5000/winvm")]
    [DataRow("ghcr.io/acme/ci/winvm")]
    [DataRow("[::1]:5000/winvm")]
    public void A_registry_repository_with_push_passes(string reference)
    {
        var task = TestGuest();
        task.Properties["WinVmCacheRegistry"] = reference;
        task.Properties["WinVmCachePush"] = "true";

        Assert.IsTrue(task.Run(), string.Join('\n', task.Engine.Errors.Select(e => e.Message)));
    }

    [TestMethod]
    public void Every_error_and_warning_links_to_the_row_of_its_code_in_errors_md()
    {
        var page = Path.Combine(TestPaths.RepositoryRoot, "docs", "errors.md");
        var failing = TestGuest();
        failing.Properties["WinVmCommand"] = "";
        failing.Task.HelpLinkBase = page;
        var warned = WindowsGuest();
        warned.Properties["WinVmWindowsVersion"] = "11";
        warned.Properties["WinVmAnswerMedia"] = "floppy";
        warned.Task.HelpLinkBase = page;

        Assert.IsFalse(failing.Run());
        Assert.IsTrue(warned.Run());

        var logged = failing.Engine.Errors.Select(error => (error.Code, error.HelpLink))
            .Concat(warned.Engine.Warnings.Select(warning => (warning.Code, warning.HelpLink)))
            .ToList();
        CollectionAssert.AreEquivalent(new[] { ErrorCodes.RequiredSettingMissing, ErrorCodes.FloppyMayBeUnreadable }, logged.Select(entry => entry.Code).ToList());
        var rows = File.ReadAllText(page);
        foreach (var (code, link) in logged)
        {
            Assert.AreEqual($"{new Uri(page).AbsoluteUri}#{code.ToLowerInvariant()}", link);
            StringAssert.Contains(rows, $"| <a id=\"{code.ToLowerInvariant()}\"></a>{code} |");
        }
    }

    private static CheckTask TestGuest() => new(new Dictionary<string, string>
    {
        ["WinVmGuest"] = "test",
        ["WinVmAccelerator"] = "tcg",
        ["WinVmCygwinMirror"] = "file:///tmp/mirror/",
        ["WinVmCommand"] = "make",
    });

    /// <summary>One Windows-shaped ISO for every test of the class: the check reads its UDF file list and its evaluation image.</summary>
    private static readonly Lazy<string> StandInIso = new(() =>
        WindowsStandIn.CreateIsoAsync(TestPaths.NewScratchFolder("windows-settings-iso"), StandInParts.Inert).GetAwaiter().GetResult());

    /// <summary>A retail-shaped ISO: Home first, as on Microsoft's multi-edition media, then Pro.</summary>
    private static readonly Lazy<string> RetailIso = new(() =>
        WindowsStandIn.CreateIsoAsync(
            TestPaths.NewScratchFolder("windows-settings-retail-iso"),
            StandInParts.Inert with { InstallImages = [StandInImage.Home, StandInImage.Professional] }).GetAwaiter().GetResult());

    private static CheckTask WindowsGuest(string? iso = null)
    {
        var scratch = TestPaths.NewScratchFolder("windows-settings");
        var task = TestGuest();
        task.Properties["WinVmGuest"] = "windows";
        task.Properties["WinVmIso"] = iso ?? StandInIso.Value;

        // The check remembers the ISO's image list there.
        task.Properties["WinVmCacheDir"] = Path.Combine(scratch, "cache");
        task.Properties["WinVmCygwinSetupExe"] = FakeWindowsProgram.Write(Path.Combine(scratch, "setup-x86_64.exe"), FakeWindowsProgram.X64);
        return task;
    }

    private static TaskItem[] TwoFoldersNamedTools()
    {
        var scratch = TestPaths.NewScratchFolder("shares");
        var first = Directory.CreateDirectory(Path.Combine(scratch, "a", "tools")).FullName;
        var second = Directory.CreateDirectory(Path.Combine(scratch, "b", "tools")).FullName;
        return [new TaskItem(first), new TaskItem(second + "/")];
    }

    private static void AssertSingleError(CheckTask task, string code, string expectedText)
    {
        Assert.IsFalse(task.Run());
        var error = task.Engine.Errors.Single();
        Assert.AreEqual(code, error.Code);
        StringAssert.Contains(error.Message, expectedText);
    }

    /// <summary>The task with its properties as the SDK's _WinVmSetting items give them.</summary>
    private sealed class CheckTask(Dictionary<string, string> properties)
    {
        public Dictionary<string, string> Properties { get; } = properties;

        public RecordingBuildEngine Engine { get; } = new();

        public CheckWinVmSettings Task { get; } = new();

        public bool Run()
        {
            Task.BuildEngine = Engine;
            Task.Settings = Properties.Select(property => (ITaskItem)new TaskItem(property.Key, new Dictionary<string, string> { ["Value"] = property.Value })).ToArray();
            return Task.Execute();
        }
    }
}
