using System.Xml.Linq;
using WinVmBuild.Diagnostics;
using WinVmBuild.Host;
using WinVmBuild.Media;
using WinVmBuild.Settings;
using WinVmBuild.Media.AnswerFiles;

namespace WinVmBuild.Tests.Media;

/// <summary>Whole media, written for real and read back with independent readers (mtools, fsck.fat, xorriso).</summary>
[TestClass]
[RequiresHostPackages]
public sealed class UnattendedMediaBuilderTests
{
    private const string GivenPassword = "Given-Admin-Passw0rd";

    [TestMethod]
    public async Task A_Windows_floppy_is_a_clean_FAT12_image_holding_autounattend_xml()
    {
        var (request, log) = Request("floppy", WindowsVersion.Windows10);

        var media = await UnattendedMediaBuilder.CreateAsync(request, log, CancellationToken.None);

        Assert.AreEqual(1440 * 1024, new FileInfo(media.ImageFile).Length);
        CollectionAssert.AreEqual(new[] { AutounattendWriter.FileName }, (await Mtools.ListRootAsync(media.ImageFile, CancellationToken.None)).ToArray());
        var text = await Mtools.ReadTextAsync(media.ImageFile, AutounattendWriter.FileName, CancellationToken.None);
        Assert.AreEqual(await File.ReadAllTextAsync(media.AnswerFile), text);
        Assert.AreEqual(GivenPassword, XDocument.Parse(text).Descendants(XName.Get("AdministratorPassword", UnattendXmlWriter.Namespace)).Single().Elements().First().Value);
        var fsck = await ProcessRunner.RunAsync(new ProcessSpec("fsck.fat", ["-n", media.ImageFile]) { DebianPackage = "dosfstools" }, CancellationToken.None);
        Assert.AreEqual(0, fsck.ExitCode, fsck.StandardOutput + fsck.StandardError);
        var label = await ProcessRunner.RunCheckedAsync(new ProcessSpec("mlabel", ["-s", "-i", media.ImageFile, "::"]) { Environment = new Dictionary<string, string> { ["MTOOLS_SKIP_CHECK"] = "1" } }, CancellationToken.None);
        StringAssert.Contains(label.StandardOutput, UnattendedMediaBuilder.VolumeLabel);
    }

    [TestMethod]
    public async Task A_UEFI_CD_holds_the_answer_file_under_its_long_name()
    {
        var (request, log) = Request("cd", WindowsVersion.Windows11);
        request = request with { Firmware = Firmware.Uefi, MediaKind = MediaKind.Cd, OutputFile = Path.ChangeExtension(request.OutputFile, ".iso") };

        var media = await UnattendedMediaBuilder.CreateAsync(request, log, CancellationToken.None);

        CollectionAssert.AreEqual(new[] { "/" + AutounattendWriter.FileName }, (await Xorriso.ListFilesAsync(media.ImageFile, CancellationToken.None)).ToArray());
        var extracted = Path.Combine(Path.GetDirectoryName(media.ImageFile)!, "extracted");
        await Xorriso.ExtractAsync(media.ImageFile, extracted, CancellationToken.None);
        Assert.AreEqual(await File.ReadAllTextAsync(media.AnswerFile), await File.ReadAllTextAsync(Path.Combine(extracted, AutounattendWriter.FileName)));
    }

    [TestMethod]
    public async Task An_XP_floppy_holds_winnt_sif()
    {
        var (request, log) = Request("xp", WindowsVersion.Xp);

        var media = await UnattendedMediaBuilder.CreateAsync(request with { AdminPassword = null }, log, CancellationToken.None);

        CollectionAssert.AreEqual(new[] { WinntSifWriter.FileName }, (await Mtools.ListRootAsync(media.ImageFile, CancellationToken.None)).ToArray());
        var secrets = InstallSecrets.Read(media.SecretsFile);
        Assert.AreEqual("Administrator", secrets.AdminUser);
        StringAssert.Contains(await Mtools.ReadTextAsync(media.ImageFile, WinntSifWriter.FileName, CancellationToken.None), $"AdminPassword = \"{secrets.AdminPassword}\"");
    }

    [TestMethod]
    public async Task The_test_guest_floppy_holds_its_answer_file_and_the_key()
    {
        var (request, log) = Request("guest", WindowsVersion.Windows10);
        request = request with { Guest = GuestKind.Test };
        request = request with { CygwinPackages = MediaTestInputs.ClosureItems };

        var media = await UnattendedMediaBuilder.CreateAsync(request, log, CancellationToken.None);

        CollectionAssert.AreEqual(
            new[] { TestGuestAnswerFile.AuthorizedKeysFileName, TestGuestAnswerFile.FileName },
            (await Mtools.ListRootAsync(media.ImageFile, CancellationToken.None)).ToArray());
        Assert.AreEqual(MediaTestInputs.PublicKey + "\n", await Mtools.ReadTextAsync(media.ImageFile, TestGuestAnswerFile.AuthorizedKeysFileName, CancellationToken.None));
        StringAssert.Contains(await Mtools.ReadTextAsync(media.ImageFile, TestGuestAnswerFile.FileName, CancellationToken.None), "archive x86_64/release/make/make-4.4.1-2.tar.xz\n");
    }

    [TestMethod]
    public async Task Bootstrap_marker_and_secrets_are_written_beside_the_image_and_secrets_are_private()
    {
        var (request, log) = Request("outputs", WindowsVersion.Server2022);

        var media = await UnattendedMediaBuilder.CreateAsync(request with { AdminPassword = null }, log, CancellationToken.None);

        var folder = Path.GetDirectoryName(media.ImageFile)!;
        Assert.AreEqual(Path.Combine(folder, CygwinCd.BootstrapFileName), media.BootstrapScriptFile);
        Assert.AreEqual(Path.Combine(folder, CygwinCd.MarkerFileName), media.MarkerFile);
        StringAssert.Contains(await File.ReadAllTextAsync(media.MarkerFile), "WinVmBuild");
        var secrets = InstallSecrets.Read(media.SecretsFile);
        Assert.AreEqual("winvm", secrets.AdminUser);
        PasswordPolicy.Validate(secrets.AdminPassword, secrets.AdminUser);
        StringAssert.Contains(await File.ReadAllTextAsync(media.BootstrapScriptFile), $"--pwd '{secrets.SshdPassword}'");
        foreach (var file in new[] { media.SecretsFile, media.BootstrapScriptFile, media.AnswerFile, media.ImageFile })
        {
            Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file), file);
        }

        Assert.AreEqual(0, Directory.GetFileSystemEntries(folder, ".*").Length, "a temporary was left behind");
    }

    [TestMethod]
    public async Task The_quiet_script_is_written_for_a_quiet_windows_only()
    {
        var (request, log) = Request("quiet", WindowsVersion.Windows11);
        var (kept, _) = Request("kept", WindowsVersion.Windows11);
        var (guest, _) = Request("quiet-guest", WindowsVersion.Windows10);

        var quietMedia = await UnattendedMediaBuilder.CreateAsync(request with { QuietWindows = true }, log, CancellationToken.None);
        var keptMedia = await UnattendedMediaBuilder.CreateAsync(kept with { QuietWindows = false }, log, CancellationToken.None);
        var guestMedia = await UnattendedMediaBuilder.CreateAsync(
            guest with { QuietWindows = true, Guest = GuestKind.Test, CygwinPackages = MediaTestInputs.ClosureItems }, log, CancellationToken.None);

        Assert.AreEqual(QuietScript.Create(WindowsVersion.Windows11), await File.ReadAllTextAsync(quietMedia.QuietScriptFile!));
        Assert.IsNull(keptMedia.QuietScriptFile);
        Assert.IsFalse(File.Exists(Path.Combine(Path.GetDirectoryName(keptMedia.ImageFile)!, QuietScript.FileName)));
        Assert.IsNull(guestMedia.QuietScriptFile, "the test guest has no Windows to quiet");
    }

    [TestMethod]
    public async Task A_second_run_keeps_the_generated_passwords()
    {
        var (request, log) = Request("reuse", WindowsVersion.Windows10);
        request = request with { AdminPassword = null };

        var first = InstallSecrets.Read((await UnattendedMediaBuilder.CreateAsync(request, log, CancellationToken.None)).SecretsFile);
        var second = InstallSecrets.Read((await UnattendedMediaBuilder.CreateAsync(request, log, CancellationToken.None)).SecretsFile);

        Assert.AreEqual(first, second);
    }

    [TestMethod]
    public async Task A_second_run_gives_the_same_image_bytes_so_the_install_stays_cached()
    {
        var (request, log) = Request("same-bytes", WindowsVersion.Windows10);
        request = request with { Guest = GuestKind.Test };
        request = request with { CygwinPackages = MediaTestInputs.ClosureItems };

        var first = await File.ReadAllBytesAsync((await UnattendedMediaBuilder.CreateAsync(request, log, CancellationToken.None)).ImageFile);
        await Task.Delay(1100); // past FAT's two-second date resolution half-way: a time stamp would now differ
        var second = await File.ReadAllBytesAsync((await UnattendedMediaBuilder.CreateAsync(request, log, CancellationToken.None)).ImageFile);

        CollectionAssert.AreEqual(first, second);
    }

    [TestMethod]
    public async Task Neither_the_product_key_nor_any_password_reaches_the_log()
    {
        var (request, log) = Request("secrets", WindowsVersion.Windows11);

        var media = await UnattendedMediaBuilder.CreateAsync(request with { ProductKey = MediaTestInputs.ProductKey }, log, CancellationToken.None);

        var secrets = InstallSecrets.Read(media.SecretsFile);
        Assert.IsTrue(log.Text.Length > 0, "the build logs what it wrote");
        foreach (var secret in new[] { MediaTestInputs.ProductKey, GivenPassword, secrets.SshdPassword })
        {
            Assert.IsFalse(log.Text.Contains(secret, StringComparison.OrdinalIgnoreCase), "a secret was logged");
            Assert.IsFalse(request.ToString().Contains(secret, StringComparison.Ordinal));
            Assert.IsFalse(secrets.ToString().Contains(secret, StringComparison.Ordinal));
        }
    }

    public static IEnumerable<object[]> InvalidRequests =>
    [
        ["XP with UEFI", ErrorCodes.FirmwareNotSupported, (Func<UnattendedMediaRequest, UnattendedMediaRequest>)(r => r with { Version = WindowsVersion.Xp, Firmware = Firmware.Uefi })],
        ["XP on a CD", ErrorCodes.MediaKindNotSupported, (Func<UnattendedMediaRequest, UnattendedMediaRequest>)(r => r with { Version = WindowsVersion.Xp, MediaKind = MediaKind.Cd })],
        ["Server 2025 on a floppy", ErrorCodes.MediaKindNotSupported, (Func<UnattendedMediaRequest, UnattendedMediaRequest>)(r => r with { Version = WindowsVersion.Server2025, MediaKind = MediaKind.Floppy })],
        ["short product key", ErrorCodes.ProductKeyMalformed, (Func<UnattendedMediaRequest, UnattendedMediaRequest>)(r => r with { ProductKey = "ABCDE-12345-FGHIJ-67890" })],
        ["weak password", ErrorCodes.PasswordRejected, (Func<UnattendedMediaRequest, UnattendedMediaRequest>)(r => r with { AdminPassword = "password" })],
        ["bad locale", ErrorCodes.LocaleMalformed, (Func<UnattendedMediaRequest, UnattendedMediaRequest>)(r => r with { Locale = "english" })],
        ["bad time zone", ErrorCodes.TimeZoneInvalid, (Func<UnattendedMediaRequest, UnattendedMediaRequest>)(r => r with { TimeZone = "Nowhere Time" })],
        ["missing key", ErrorCodes.InputFileMissing, (Func<UnattendedMediaRequest, UnattendedMediaRequest>)(r => r with { SshPublicKeyFile = r.SshPublicKeyFile + ".missing" })],
        ["names for the test guest", ErrorCodes.CygwinPackagesInvalid, (Func<UnattendedMediaRequest, UnattendedMediaRequest>)(r => r with { Guest = GuestKind.Test })],
    ];

    [TestMethod]
    [DynamicData(nameof(InvalidRequests))]
    public async Task An_invalid_request_is_a_coded_error_and_writes_nothing(string what, string code, Func<UnattendedMediaRequest, UnattendedMediaRequest> spoil)
    {
        var (request, log) = Request("invalid", WindowsVersion.Windows10);
        var folder = Path.GetDirectoryName(request.OutputFile)!;
        var before = Directory.GetFileSystemEntries(folder).Order().ToArray();

        var error = await Assert.ThrowsExactlyAsync<WinVmException>(() => UnattendedMediaBuilder.CreateAsync(spoil(request), log, CancellationToken.None));

        Assert.AreEqual(code, error.Code, what);
        CollectionAssert.AreEqual(before, Directory.GetFileSystemEntries(folder).Order().ToArray(), what);
    }

    [TestMethod]
    public async Task A_weak_key_file_is_refused()
    {
        var (request, log) = Request("badkey", WindowsVersion.Windows10);
        await File.WriteAllTextAsync(request.SshPublicKeyFile, "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n");

        var error = await Assert.ThrowsExactlyAsync<WinVmException>(() => UnattendedMediaBuilder.CreateAsync(request, log, CancellationToken.None));

        Assert.AreEqual(ErrorCodes.SshPublicKeyInvalid, error.Code);
        Assert.IsFalse(File.Exists(request.OutputFile));
    }

    private static (UnattendedMediaRequest Request, RecordingLog Log) Request(string name, WindowsVersion version)
    {
        var scratch = TestPaths.NewScratchFolder("media-" + name);
        var keyFile = MediaTestInputs.WritePublicKey(scratch);
        var output = Directory.CreateDirectory(Path.Combine(scratch, "image")).FullName;
        return (new UnattendedMediaRequest
        {
            Version = version,
            AdminPassword = GivenPassword,
            CygwinPackages = [new("make")],
            SshPublicKeyFile = keyFile,
            OutputFile = Path.Combine(output, "answer.img"),
        }, new RecordingLog());
    }
}
