using WinVmBuild.Cache;
using WinVmBuild.Cygwin;
using WinVmBuild.Diagnostics;
using WinVmBuild.Guests.Windows;
using WinVmBuild.Host;
using WinVmBuild.Media;
using WinVmBuild.Settings;
using WinVmBuild.Stages;
using WinVmBuild.Vm;

namespace WinVmBuild.IntegrationTests.Windows;

/// <summary>
/// The Windows profile's real install stage against stand-in ISOs of both shapes (<see cref="WindowsStandIn"/>), Windows
/// 11's and XP's: their boot images say on the serial port that they booted, then power off, which ends the stage long
/// before any sshd.
/// </summary>
[TestClass]
[RequiresHostPackages]
[TestCategory("Vm")]
public sealed class WindowsStandInInstallTests
{
    private static readonly TimeSpan StageTimeout = TimeSpan.FromMinutes(4);
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<WindowsVersion, Fixture> Fixtures = [];

    [TestMethod]
    [DataRow(MediaKind.Floppy)]
    [DataRow(MediaKind.Cd)]
    public async Task Under_bios_setup_boots_from_the_installer_cd_whatever_carries_the_answer_file(MediaKind answer)
    {
        var console = await InstallAsync(Firmware.Bios, answer);

        StringAssert.Contains(console, WindowsStandIn.BiosBooted);
    }

    [TestMethod]
    public async Task An_xp_cd_passes_the_settings_check_and_its_install_stage_boots_its_el_torito_image()
    {
        var fixture = await FixtureAsync(WindowsVersion.Xp);

        // The check the CheckWinVmSettings task runs before any stage.
        var settings = (await SettingsCheck.RunAsync(
            fixture.Settings(TestPaths.NewScratchFolder("standin-xp-check"), Firmware.Bios, MediaKind.Floppy), new RecordingLog(), CancellationToken.None)).Settings;
        var console = await InstallAsync(WindowsVersion.Xp, Firmware.Bios, MediaKind.Floppy);

        Assert.AreEqual(WindowsVersion.Xp, settings.WindowsVersion);
        Assert.AreEqual(fixture.Iso, settings.InstallerIso);
        StringAssert.Contains(console, WindowsStandIn.XpBiosBooted);
    }

    [TestMethod]
    public async Task Under_uefi_the_rebuilt_iso_boots_without_a_key_press()
    {
        var console = await InstallAsync(Firmware.Uefi, MediaKind.Cd);

        StringAssert.Contains(console, WindowsStandIn.UefiBooted);
        Assert.DoesNotContain(WindowsStandIn.UefiPrompt, console);
    }

    [TestMethod]
    public async Task Under_uefi_the_iso_as_microsoft_ships_it_asks_for_a_key_and_without_one_returns_to_the_firmware()
    {
        // The evidence for rebuilding it: the same install machine, booting the ISO as it is.
        var fixture = await FixtureAsync(WindowsVersion.Windows11);
        var folder = TestPaths.NewScratchFolder("standin-prompt");
        var guest = new WindowsGuestProfile("winvm", WindowsVersion.Windows11, 512, 1, Firmware.Uefi);
        var media = await fixture.MediaAsync(folder, Firmware.Uefi, MediaKind.Cd);
        var disk = Path.Combine(folder, "base.qcow2");
        await QemuImg.CreateAsync(disk, 1, CancellationToken.None);

        await using var machine = await QemuMachine.StartAsync(
            guest.InstallMachine(new VmSlot("standin-prompt", AcceleratorKind.Tcg), disk, media.InstallMedia(fixture.Iso)), Path.Combine(folder, "vm"),
            NullBuildLog.Instance, null, CancellationToken.None);

        await machine.WaitForConsoleLineAsync(WindowsStandIn.UefiPrompt, TimeSpan.FromMinutes(3), CancellationToken.None);
        await machine.WaitForConsoleLineAsync(WindowsStandIn.UefiNoKey, TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.IsFalse(machine.ConsoleTail(500).Any(line => line.Contains(WindowsStandIn.UefiBooted, StringComparison.Ordinal)));
    }

    /// <summary>The media and install stages as the SDK's tasks run them; returns the guest's console once the stand-in powered off.</summary>
    private static Task<string> InstallAsync(Firmware firmware, MediaKind answer) => InstallAsync(WindowsVersion.Windows11, firmware, answer);

    private static async Task<string> InstallAsync(WindowsVersion version, Firmware firmware, MediaKind answer)
    {
        var fixture = await FixtureAsync(version);
        var folder = TestPaths.NewScratchFolder($"standin-{version}-{firmware}-{answer}");
        var media = await fixture.MediaAsync(folder, firmware, answer);
        var environment = new VmStageEnvironment(AcceleratorKind.Tcg, new StageCache(Path.Combine(folder, "cache")), new RecordingLog());
        var guest = new WindowsGuestProfile(version.AdministratorAccount(), version, 512, 1, firmware);

        var error = await Assert.ThrowsExactlyAsync<WinVmException>(
            () => InstallStage.RunAsync(environment, guest, media, fixture.Iso, StageTimeout, CancellationToken.None));

        Assert.AreEqual(ErrorCodes.GuestStopped, error.Code, error.Message);
        var kept = Directory.GetDirectories(environment.DiagnosticsFolder, "install-*").Single();
        return await File.ReadAllTextAsync(Path.Combine(kept, "console.log"));
    }

    private static async Task<Fixture> FixtureAsync(WindowsVersion version)
    {
        await Gate.WaitAsync();
        try
        {
            if (!Fixtures.TryGetValue(version, out var fixture))
            {
                fixture = await Fixture.CreateAsync(version);
                Fixtures.Add(version, fixture);
            }

            return fixture;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// The bootable stand-in of the version's shape, Cygwin's setup program as a Windows program of the version's
    /// architecture, and a mirror of that architecture with openssh (for XP, the last Cygwin and OpenSSH that run there),
    /// made once per version.
    /// </summary>
    private sealed record Fixture(WindowsVersion Version, string Iso, string SetupProgram, string Mirror)
    {
        public static async Task<Fixture> CreateAsync(WindowsVersion version)
        {
            var folder = TestPaths.NewScratchFolder("standin-" + version.SettingName());
            var xp = version.AnswerFileKind() == AnswerFileKind.WinntSif;
            var iso = xp
                ? await WindowsStandIn.CreateXpIsoAsync(folder, await WindowsStandIn.BootableXpPartsAsync(folder))
                : await WindowsStandIn.CreateIsoAsync(folder, await WindowsStandIn.BootablePartsAsync(folder));
            var architecture = CygwinSupport.For(version).Architecture;
            var setup = FakeWindowsProgram.Write(Path.Combine(folder, architecture.SetupProgram()), xp ? FakeWindowsProgram.X86 : FakeWindowsProgram.X64);
            var ssh = new RepositoryFile("/usr/bin/ssh", "usr/bin/ssh.exe");
            IReadOnlyList<MirrorPackage> packages = xp
                ?
                [
                    new MirrorPackage("cygwin", "2.5.2-1", "Base", [], [new RepositoryFile("/usr/bin/true", "usr/bin/cygwin1.dll")]),
                    new MirrorPackage("openssh", "7.3p1-2", "Net", [], [ssh]),
                ]
                : [new MirrorPackage("openssh", "9.9p1-1", "Net", [], [ssh])];
            var mirror = Path.Combine(folder, "mirror");
            await LocalMirror.WriteAsync(mirror, architecture, packages, CancellationToken.None);
            return new Fixture(version, iso, setup, new Uri(mirror + "/").AbsoluteUri);
        }

        /// <summary>
        /// The project's settings for the version on <paramref name="firmware"/>, with its cache in <c>folder/cache</c>. XP's
        /// setup always asks for a key: it gets one of the right shape (the stand-in reads none).
        /// </summary>
        public RawSettings Settings(string folder, Firmware firmware, MediaKind answer) => new(new Dictionary<string, string>
        {
            ["WinVmGuest"] = "windows",
            ["WinVmWindowsVersion"] = Version.SettingName(),
            ["WinVmProductKey"] = Version.AnswerFileKind() == AnswerFileKind.WinntSif ? "BCDFG-HJKMP-QRTVW-XY234-6789B" : string.Empty,
            ["WinVmIso"] = Iso,
            ["WinVmCygwinSetupExe"] = SetupProgram,
            ["WinVmCygwinMirror"] = Mirror,
            ["WinVmFirmware"] = firmware.ToString(),
            ["WinVmAnswerMedia"] = answer.ToString(),
            ["WinVmMemory"] = "512",
            ["WinVmAccelerator"] = "tcg",
            ["WinVmCacheDir"] = Path.Combine(folder, "cache"),
            ["WinVmCommand"] = "make",
        });

        /// <summary>The media stage's entry for the version on <paramref name="firmware"/>, made in <c>folder/cache</c>.</summary>
        public async Task<MediaEntry> MediaAsync(string folder, Firmware firmware, MediaKind answer)
        {
            var project = await SettingsCheck.RunAsync(Settings(folder, firmware, answer), NullBuildLog.Instance, CancellationToken.None);
            return await MediaStage.RunAsync(project, NullBuildLog.Instance, CancellationToken.None);
        }
    }
}
