using WinVmBuild.Media;
using WinVmBuild.Settings;
using WinVmBuild.Stages;
using WinVmBuild.Vm;

namespace WinVmBuild.Tests.Stages;

/// <summary>The media's key holds what the media install: a quiet Windows and one kept as it is are different media.</summary>
[TestClass]
public sealed class MediaKeyTests
{
    [TestMethod]
    public void A_quiet_windows_and_one_kept_as_it_is_have_different_media_keys()
    {
        var setupIni = Path.Combine(TestPaths.NewScratchFolder("media-key"), "setup.ini");
        File.WriteAllText(setupIni, "release: cygwin\n");
        var quiet = Settings() with { QuietWindows = true };

        Assert.AreEqual(MediaStage.Key(quiet, null, setupIni), MediaStage.Key(Settings() with { QuietWindows = true }, null, setupIni));
        Assert.AreNotEqual(MediaStage.Key(quiet, null, setupIni), MediaStage.Key(quiet with { QuietWindows = false }, null, setupIni));
    }

    private static WinVmSettings Settings() => new()
    {
        Guest = GuestKind.Windows,
        WindowsVersion = WindowsVersion.Windows10,
        Firmware = Firmware.Bios,
        AnswerMedia = MediaKind.Cd,
        Image = ImageSelection.Default,
        Locale = "en-US",
        TimeZone = "UTC",
        CygwinMirror = "https://mirrors.kernel.org/sourceware/cygwin/",
        CygwinPackages = ["make"],
        MemoryMegabytes = 2048,
        Cpus = 2,
        Accelerator = AcceleratorChoice.Auto,
        Clock = GuestClock.Host,
        CacheDir = "/nonexistent/cache",
        InstallTimeout = TimeSpan.FromMinutes(120),
        SuspendTimeout = TimeSpan.FromMinutes(20),
        RunTimeout = TimeSpan.FromMinutes(60),
        Command = "make",
        Shares = [],
        Outputs = [],
    };
}
