using WinVmBuild.Guests.Windows;
using WinVmBuild.Media;
using WinVmBuild.Stages;

namespace WinVmBuild.Tests.Stages;

/// <summary>The media's key holds what the media install: a quiet Windows and one kept as it is are different media.</summary>
[TestClass]
public sealed class MediaKeyTests
{
    [TestMethod]
    public void A_quiet_windows_and_one_kept_as_it_is_have_different_media_keys()
    {
        var folder = TestPaths.NewScratchFolder("media-key");
        var setupIni = Path.Combine(folder, "setup.ini");
        File.WriteAllText(setupIni, "release: cygwin\n");
        var setup = FakeWindowsProgram.Write(Path.Combine(folder, "setup-x86_64.exe"), FakeWindowsProgram.X64);
        var quiet = new WindowsGuestKind(
            WindowsVersion.Windows10, Firmware.Bios, MediaKind.Cd, ImageSelection.Default, null, null, "en-US", "UTC", QuietWindows: true, setup);

        Assert.AreEqual(MediaStage.Key(quiet, ["make"], setupIni), MediaStage.Key(quiet with { }, ["make"], setupIni));
        Assert.AreNotEqual(MediaStage.Key(quiet, ["make"], setupIni), MediaStage.Key(quiet with { QuietWindows = false }, ["make"], setupIni));
    }
}
