using System.Xml.Linq;
using WinVmBuild.Cache;
using WinVmBuild.Cygwin;
using WinVmBuild.Guests;
using WinVmBuild.Guests.TestGuest;
using WinVmBuild.Guests.Windows;
using WinVmBuild.Guests.Windows.AnswerFiles;
using WinVmBuild.Host;
using WinVmBuild.Media;
using WinVmBuild.Stages;
using WinVmBuild.Tests.Cygwin;
using WinVmBuild.Vm;

namespace WinVmBuild.Tests.Media;

/// <summary>
/// The media stage for each kind of guest, written for real and read back with independent readers (mtools,
/// fsck.fat, xorriso): what each guest puts on its answer medium and its Cygwin CD, and that secrets stay private.
/// </summary>
[TestClass]
[RequiresHostPackages]
public sealed class MediaStageTests
{
    private const string GivenPassword = "Given-Admin-Passw0rd";

    [TestMethod]
    public async Task A_Windows_floppy_is_a_clean_FAT12_image_holding_autounattend_xml()
    {
        var entry = await MediaAsync("floppy", Windows(WindowsVersion.Windows10) with { AnswerMedium = MediaKind.Floppy });

        Assert.AreEqual(1440 * 1024, new FileInfo(entry.AnswerMedia).Length);
        CollectionAssert.AreEqual(new[] { AutounattendWriter.FileName }, (await Mtools.ListRootAsync(entry.AnswerMedia, CancellationToken.None)).ToArray());
        var text = await Mtools.ReadTextAsync(entry.AnswerMedia, AutounattendWriter.FileName, CancellationToken.None);
        Assert.AreEqual(await File.ReadAllTextAsync(entry.GuestFile(AutounattendWriter.FileName)), text);
        Assert.AreEqual(GivenPassword, XDocument.Parse(text).Descendants(XName.Get("AdministratorPassword", UnattendXmlWriter.Namespace)).Single().Elements().First().Value);
        var fsck = await ProcessRunner.RunAsync(new ProcessSpec("fsck.fat", ["-n", entry.AnswerMedia]) { DebianPackage = "dosfstools" }, CancellationToken.None);
        Assert.AreEqual(0, fsck.ExitCode, fsck.StandardOutput + fsck.StandardError);
        var label = await ProcessRunner.RunCheckedAsync(new ProcessSpec("mlabel", ["-s", "-i", entry.AnswerMedia, "::"]) { Environment = new Dictionary<string, string> { ["MTOOLS_SKIP_CHECK"] = "1" } }, CancellationToken.None);
        StringAssert.Contains(label.StandardOutput, AnswerMedium.VolumeLabel);
    }

    [TestMethod]
    public async Task A_UEFI_CD_holds_the_answer_file_under_its_long_name()
    {
        var entry = await MediaAsync("cd", Windows(WindowsVersion.Windows11) with { Firmware = Firmware.Uefi });

        CollectionAssert.AreEqual(new[] { "/" + AutounattendWriter.FileName }, (await Xorriso.ListFilesAsync(entry.AnswerMedia, CancellationToken.None)).ToArray());
        var extracted = Path.Combine(entry.Folder, "extracted");
        await Xorriso.ExtractAsync(entry.AnswerMedia, extracted, CancellationToken.None);
        Assert.AreEqual(await File.ReadAllTextAsync(entry.GuestFile(AutounattendWriter.FileName)), await File.ReadAllTextAsync(Path.Combine(extracted, AutounattendWriter.FileName)));
    }

    [TestMethod]
    public async Task An_XP_floppy_holds_winnt_sif_with_the_generated_administrator_password()
    {
        var entry = await MediaAsync(
            "xp", Windows(WindowsVersion.Xp) with { AnswerMedium = MediaKind.Floppy, AdminPassword = null, ProductKey = MediaTestInputs.ProductKey });

        CollectionAssert.AreEqual(new[] { WinntSifWriter.FileName }, (await Mtools.ListRootAsync(entry.AnswerMedia, CancellationToken.None)).ToArray());
        var secrets = InstallSecrets.Read(entry.Secrets);
        Assert.AreEqual("Administrator", secrets.AdminUser);
        StringAssert.Contains(await Mtools.ReadTextAsync(entry.AnswerMedia, WinntSifWriter.FileName, CancellationToken.None), $"AdminPassword = \"{secrets.AdminPassword}\"");
    }

    [TestMethod]
    public async Task The_test_guest_floppy_holds_its_answer_file_and_the_key_and_its_initrd_is_beside_it()
    {
        var entry = await MediaAsync("guest", new TestGuestKind(HostKernel.Find(null)));

        CollectionAssert.AreEqual(
            new[] { TestGuestAnswerFile.AuthorizedKeysFileName, TestGuestAnswerFile.FileName },
            (await Mtools.ListRootAsync(entry.AnswerMedia, CancellationToken.None)).ToArray());
        Assert.AreEqual(await File.ReadAllTextAsync(entry.PublicKey), await Mtools.ReadTextAsync(entry.AnswerMedia, TestGuestAnswerFile.AuthorizedKeysFileName, CancellationToken.None));
        StringAssert.Contains(await Mtools.ReadTextAsync(entry.AnswerMedia, TestGuestAnswerFile.FileName, CancellationToken.None), $"archive {GeneratedMirror.MakePath}\n");
        Assert.IsTrue(File.Exists(entry.GuestFile(TestGuestKind.InitrdFile)));
        CollectionAssert.DoesNotContain((await Xorriso.ListFilesAsync(entry.CygwinIso, CancellationToken.None)).ToList(), "/" + InstallScript.FileName);
    }

    [TestMethod]
    public async Task The_cygwin_cd_has_what_windows_runs_and_secrets_stay_private()
    {
        var entry = await MediaAsync("outputs", Windows(WindowsVersion.Server2022) with { AdminPassword = null });

        var onCd = (await Xorriso.ListFilesAsync(entry.CygwinIso, CancellationToken.None)).ToList();
        foreach (var file in new[] { InstallScript.FileName, BootstrapScript.FileName, CygwinCd.MarkerFileName, QuietScript.FileName, "setup-x86_64.exe" })
        {
            CollectionAssert.Contains(onCd, "/" + file);
        }

        StringAssert.Contains(await File.ReadAllTextAsync(entry.GuestFile(CygwinCd.MarkerFileName)), "Windows Server 2022");
        var secrets = InstallSecrets.Read(entry.Secrets);
        Assert.AreEqual("winvm", secrets.AdminUser);
        PasswordPolicy.Validate(secrets.AdminPassword, secrets.AdminUser);
        StringAssert.Contains(await File.ReadAllTextAsync(entry.GuestFile(BootstrapScript.FileName)), $"--pwd '{secrets.SshdPassword}'");
        foreach (var file in new[] { entry.Secrets, entry.GuestFile(BootstrapScript.FileName), entry.GuestFile(AutounattendWriter.FileName), entry.AnswerMedia, entry.PrivateKey })
        {
            Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file), file);
        }
    }

    [TestMethod]
    public async Task The_quiet_script_is_on_the_cd_of_a_quiet_windows_only()
    {
        var quiet = await MediaAsync("quiet", Windows(WindowsVersion.Windows11));
        var kept = await MediaAsync("kept", Windows(WindowsVersion.Windows11) with { QuietWindows = false });

        Assert.AreEqual(QuietScript.Create(WindowsVersion.Windows11), await File.ReadAllTextAsync(quiet.GuestFile(QuietScript.FileName)));
        CollectionAssert.DoesNotContain((await Xorriso.ListFilesAsync(kept.CygwinIso, CancellationToken.None)).ToList(), "/" + QuietScript.FileName);
    }

    [TestMethod]
    public async Task A_second_run_finds_the_entry_with_its_passwords_and_new_media_are_the_same_bytes()
    {
        var folder = TestPaths.NewScratchFolder("media-again");
        var guest = Windows(WindowsVersion.Windows10) with { AdminPassword = null };

        var first = await MediaInAsync(folder, guest);
        var again = await MediaInAsync(folder, guest);
        var files = new[] { new MediaFile("a.txt", "a\n"), new MediaFile("b.txt", "b\n") };
        await AnswerMedium.WriteAsync(files, Path.Combine(folder, "one.floppy"), MediaKind.Floppy, CancellationToken.None);
        await Task.Delay(1100); // past FAT's two-second date resolution half-way: a time stamp would now differ
        await AnswerMedium.WriteAsync(files, Path.Combine(folder, "two.floppy"), MediaKind.Floppy, CancellationToken.None);

        Assert.AreEqual(first.Folder, again.Folder);
        Assert.AreEqual(InstallSecrets.Read(first.Secrets), InstallSecrets.Read(again.Secrets));
        CollectionAssert.AreEqual(await File.ReadAllBytesAsync(Path.Combine(folder, "one.floppy")), await File.ReadAllBytesAsync(Path.Combine(folder, "two.floppy")));
    }

    [TestMethod]
    public async Task Neither_the_product_key_nor_any_password_reaches_the_log()
    {
        var log = new RecordingLog();
        var guest = Windows(WindowsVersion.Windows11) with { ProductKey = MediaTestInputs.ProductKey };

        var entry = await MediaInAsync(TestPaths.NewScratchFolder("media-secrets"), guest, log);

        var secrets = InstallSecrets.Read(entry.Secrets);
        Assert.IsGreaterThan(0, log.Text.Length, "the build logs what it wrote");
        foreach (var secret in new[] { MediaTestInputs.ProductKey, GivenPassword, secrets.SshdPassword })
        {
            Assert.IsFalse(log.Text.Contains(secret, StringComparison.OrdinalIgnoreCase), "a secret was logged");
            Assert.IsFalse(guest.ToString().Contains(secret, StringComparison.Ordinal));
            Assert.IsFalse(secrets.ToString().Contains(secret, StringComparison.Ordinal));
        }
    }

    /// <summary>A Windows guest of <paramref name="version"/> with the given password, a CD for its answer file and a fake setup program.</summary>
    private static WindowsGuestKind Windows(WindowsVersion version) => new(
        version,
        Firmware.Bios,
        version.DefaultAnswerMedia(),
        ImageSelection.Default,
        ProductKey: null,
        GivenPassword,
        "en-US",
        TimeZoneSetting.Resolve("UTC", version),
        QuietWindows: true,
        SetupProgram: FakeWindowsProgram.Write(
            Path.Combine(TestPaths.NewScratchFolder("setup"), CygwinSupport.For(version).Architecture.SetupProgram()),
            CygwinSupport.For(version).Architecture == CygwinArchitecture.X86 ? FakeWindowsProgram.X86 : FakeWindowsProgram.X64));

    private static Task<MediaEntry> MediaAsync(string name, IGuestKind guest) => MediaInAsync(TestPaths.NewScratchFolder("media-" + name), guest);

    /// <summary>The media stage for <paramref name="guest"/> with make from a generated mirror (openssh too, for Windows), its cache in <paramref name="folder"/>.</summary>
    private static async Task<MediaEntry> MediaInAsync(string folder, IGuestKind guest, RecordingLog? log = null)
    {
        var mirror = Path.Combine(folder, "mirror");
        await LocalMirror.WriteAsync(
            mirror,
            guest.Architecture,
            [
                new MirrorPackage("make", "4.4.1-2", "Devel", [], [new RepositoryFile("/usr/bin/make", "usr/bin/make.exe")]),
                new MirrorPackage("openssh", "9.9p1-1", "Net", [], [new RepositoryFile("/usr/bin/ssh", "usr/bin/ssh.exe")]),
                new MirrorPackage("cygwin", "2.5.2-1", "Base", [], [new RepositoryFile("/usr/bin/true", "usr/bin/cygwin1.dll")]),
            ],
            CancellationToken.None);
        return await MediaStage.RunAsync(
            guest, ["make"], new Uri(mirror + "/").AbsoluteUri, new StageCache(Path.Combine(folder, "cache")), log ?? new RecordingLog(), CancellationToken.None);
    }
}
