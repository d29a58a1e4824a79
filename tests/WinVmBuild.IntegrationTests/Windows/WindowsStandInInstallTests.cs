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
/// The Windows profile's real install stage against a Windows-shaped stand-in ISO (<see cref="WindowsStandIn"/>): its
/// boot images say on the serial port that they booted, then power off, which ends the stage long before any sshd.
/// </summary>
[TestClass]
[RequiresHostPackages]
[TestCategory("Vm")]
public sealed class WindowsStandInInstallTests
{
    private static readonly TimeSpan StageTimeout = TimeSpan.FromMinutes(4);
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Fixture? _fixture;

    [TestMethod]
    [DataRow(MediaKind.Floppy)]
    [DataRow(MediaKind.Cd)]
    public async Task Under_bios_setup_boots_from_the_installer_cd_whatever_carries_the_answer_file(MediaKind answer)
    {
        var console = await InstallAsync(Firmware.Bios, answer);

        StringAssert.Contains(console, WindowsStandIn.BiosBooted);
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
        var fixture = await FixtureAsync();
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
    private static async Task<string> InstallAsync(Firmware firmware, MediaKind answer)
    {
        var fixture = await FixtureAsync();
        var folder = TestPaths.NewScratchFolder($"standin-{firmware}-{answer}");
        var media = await fixture.MediaAsync(folder, firmware, answer);
        var environment = new VmStageEnvironment(AcceleratorKind.Tcg, new StageCache(Path.Combine(folder, "cache")), new RecordingLog());
        var guest = new WindowsGuestProfile("winvm", WindowsVersion.Windows11, 512, 1, firmware);

        var error = await Assert.ThrowsExactlyAsync<WinVmException>(
            () => InstallStage.RunAsync(environment, guest, media, fixture.Iso, StageTimeout, CancellationToken.None));

        Assert.AreEqual(ErrorCodes.GuestStopped, error.Code, error.Message);
        var kept = Directory.GetDirectories(environment.DiagnosticsFolder, "install-*").Single();
        return await File.ReadAllTextAsync(Path.Combine(kept, "console.log"));
    }

    private static async Task<Fixture> FixtureAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _fixture ??= await Fixture.CreateAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>The bootable stand-in, Cygwin's setup program as a 64-bit Windows program, and a mirror with openssh, made once.</summary>
    private sealed record Fixture(string Iso, string SetupProgram, string Mirror)
    {
        public static async Task<Fixture> CreateAsync()
        {
            var folder = TestPaths.NewScratchFolder("standin");
            var iso = await WindowsStandIn.CreateIsoAsync(folder, await WindowsStandIn.BootablePartsAsync(folder));
            var setup = FakeWindowsProgram.Write(Path.Combine(folder, "setup-x86_64.exe"), FakeWindowsProgram.X64);
            var mirror = Path.Combine(folder, "mirror");
            await LocalMirror.WriteAsync(
                mirror,
                [new MirrorPackage("openssh", "9.9p1-1", "Net", [], [new RepositoryFile("/usr/bin/ssh", "usr/bin/ssh.exe")])],
                CancellationToken.None);
            return new Fixture(iso, setup, new Uri(mirror + "/").AbsoluteUri);
        }

        /// <summary>The media stage's entry for Windows 11 on <paramref name="firmware"/>, made in <c>folder/cache</c>.</summary>
        public async Task<MediaEntry> MediaAsync(string folder, Firmware firmware, MediaKind answer)
        {
            var settings = SettingsReader.Read(new RawSettings(new Dictionary<string, string>
            {
                ["WinVmGuest"] = "windows",
                ["WinVmWindowsVersion"] = "11",
                ["WinVmIso"] = Iso,
                ["WinVmCygwinSetupExe"] = SetupProgram,
                ["WinVmCygwinMirror"] = Mirror,
                ["WinVmFirmware"] = firmware.ToString(),
                ["WinVmAnswerMedia"] = answer.ToString(),
                ["WinVmMemory"] = "512",
                ["WinVmCacheDir"] = Path.Combine(folder, "cache"),
                ["WinVmCommand"] = "make",
            }));
            return await MediaStage.RunAsync(settings, new StageCache(settings.CacheDir), NullBuildLog.Instance, CancellationToken.None);
        }
    }
}
