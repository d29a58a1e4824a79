using System.Xml.Linq;
using WinVmBuild.Cygwin;
using WinVmBuild.Diagnostics;
using WinVmBuild.Guests.Windows.AnswerFiles;
using WinVmBuild.Settings;
using WinVmBuild.Stages;

namespace WinVmBuild.Tests.Windows;

/// <summary>
/// The key the settings check decides for the chosen image reaches autounattend.xml through the media stage:
/// Microsoft's generic key for a retail Pro image, nothing for an evaluation image; a Home image without a key is
/// refused before any media are made.
/// </summary>
[TestClass]
[RequiresHostPackages]
public sealed class GenericProductKeyMediaTests
{
    private const string ProKey = "W269N-WFGWX-YVC9B-4J6C9-T83GX"; // Microsoft's generic key for Windows 10/11 Pro
    private static readonly XNamespace U = UnattendXmlWriter.Namespace;

    [TestMethod]
    public async Task A_pro_image_gets_microsofts_generic_key_and_the_log_never_shows_it()
    {
        var (home, log) = await SettingsAsync("pro", StandInImage.Home, StandInImage.Professional);
        var settings = home with { Properties = new Dictionary<string, string>(home.Properties) { ["WinVmImageName"] = "Windows 11 Pro" } };

        var entry = await MediaStage.RunAsync(await SettingsCheck.RunAsync(settings, log, CancellationToken.None), log, CancellationToken.None);

        var key = XDocument.Load(Path.Combine(entry.Folder, AutounattendWriter.FileName)).Descendants(U + "ProductKey").Single().Element(U + "Key")!.Value;
        Assert.AreEqual(ProKey, key);
        Assert.DoesNotContain(ProKey, log.Text);
    }

    [TestMethod]
    public async Task An_evaluation_image_gets_no_key()
    {
        var (settings, log) = await SettingsAsync("evaluation", StandInImage.Evaluation);

        var entry = await MediaStage.RunAsync(await SettingsCheck.RunAsync(settings, log, CancellationToken.None), log, CancellationToken.None);

        Assert.IsFalse(XDocument.Load(Path.Combine(entry.Folder, AutounattendWriter.FileName)).Descendants(U + "ProductKey").Any());
    }

    [TestMethod]
    public async Task A_home_image_without_a_key_is_WVB0217_before_any_media()
    {
        var (settings, log) = await SettingsAsync("home", StandInImage.Home, StandInImage.Professional);

        var error = await Assert.ThrowsExactlyAsync<SettingsException>(() => SettingsCheck.RunAsync(settings, log, CancellationToken.None));

        Assert.AreEqual(ErrorCodes.ProductKeyNeeded, error.Problems.Single().Code);
        Assert.IsFalse(Directory.Exists(Path.Combine(settings.Properties["WinVmCacheDir"], MediaStage.Name)));
    }

    /// <summary>Windows 11 settings for a stand-in ISO holding <paramref name="images"/>, with a local mirror that has openssh.</summary>
    private static async Task<(RawSettings Settings, RecordingLog Log)> SettingsAsync(string name, params StandInImage[] images)
    {
        var folder = TestPaths.NewScratchFolder("key-media-" + name);
        var iso = await WindowsStandIn.CreateIsoAsync(folder, StandInParts.Inert with { InstallImages = images });
        var mirror = Path.Combine(folder, "mirror");
        await LocalMirror.WriteAsync(
            mirror,
            [new MirrorPackage("openssh", "9.9p1-1", "Net", [], [new RepositoryFile("/usr/bin/ssh", "usr/bin/ssh.exe")])],
            CancellationToken.None);
        var settings = new RawSettings(new Dictionary<string, string>
        {
            ["WinVmGuest"] = "windows",
            ["WinVmWindowsVersion"] = "11",
            ["WinVmIso"] = iso,
            ["WinVmCygwinSetupExe"] = FakeWindowsProgram.Write(Path.Combine(folder, "setup-x86_64.exe"), FakeWindowsProgram.X64),
            ["WinVmCygwinMirror"] = new Uri(mirror + "/").AbsoluteUri,
            ["WinVmCacheDir"] = Path.Combine(folder, "cache"),
            ["WinVmCommand"] = "make",
            ["WinVmAccelerator"] = "tcg",
        });
        return (settings, new RecordingLog());
    }
}
