using WinVmBuild.Diagnostics;
using WinVmBuild.Guests;
using WinVmBuild.Guests.Windows;
using WinVmBuild.Host;
using WinVmBuild.IntegrationTests.Stages;
using WinVmBuild.Media;
using WinVmBuild.Stages;
using WinVmBuild.Vm;

namespace WinVmBuild.IntegrationTests.Windows;

/// <summary>
/// The Windows profile's real install stage against a Windows-shaped stand-in ISO (<see cref="WindowsStandIn"/>): its
/// boot images say on the serial port that they booted, then power off, which ends the stage long before any sshd.
/// </summary>
[TestClass]
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
        var media = await fixture.MediaAsync(folder, Firmware.Uefi, MediaKind.Cd) with { InstallerIso = fixture.Iso };
        var disk = Path.Combine(folder, "base.qcow2");
        await QemuImg.CreateAsync(disk, 1, CancellationToken.None);

        await using var machine = await QemuMachine.StartAsync(
            guest.InstallMachine(new VmSlot("standin-prompt", AcceleratorKind.Tcg), disk, media), Path.Combine(folder, "vm"), NullBuildLog.Instance, null,
            CancellationToken.None);

        await machine.WaitForConsoleLineAsync(WindowsStandIn.UefiPrompt, TimeSpan.FromMinutes(3), CancellationToken.None);
        await machine.WaitForConsoleLineAsync(WindowsStandIn.UefiNoKey, TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.IsFalse(machine.ConsoleTail(500).Any(line => line.Contains(WindowsStandIn.UefiBooted, StringComparison.Ordinal)));
    }

    /// <summary>The install stage as the SDK's install task runs it; returns the guest's console once the stand-in powered off.</summary>
    private static async Task<string> InstallAsync(Firmware firmware, MediaKind answer)
    {
        var fixture = await FixtureAsync();
        var folder = TestPaths.NewScratchFolder($"standin-{firmware}-{answer}");
        var environment = new VmStageEnvironment(AcceleratorKind.Tcg, new StageCache(Path.Combine(folder, "cache")), new RecordingLog());
        var guest = new WindowsGuestProfile("winvm", WindowsVersion.Windows11, 512, 1, firmware);
        var installer = await WindowsInstallerIso.ForFirmwareAsync(fixture.Iso, firmware, environment.Cache, environment.Log, CancellationToken.None);
        var media = await fixture.MediaAsync(folder, firmware, answer) with { InstallerIso = installer };

        var error = await Assert.ThrowsExactlyAsync<WinVmException>(
            () => InstallStage.RunAsync(environment, guest, media, fixture.Key.PrivateKeyFile, StageTimeout, CancellationToken.None));

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

    /// <summary>The bootable stand-in, a key pair, and a Cygwin CD with the marker, made once.</summary>
    private sealed record Fixture(string Iso, SshKeyPair Key, string CygwinIso)
    {
        public static async Task<Fixture> CreateAsync()
        {
            var folder = TestPaths.NewScratchFolder("standin");
            var iso = await WindowsStandIn.CreateIsoAsync(folder, await WindowsStandIn.BootablePartsAsync(folder));
            var key = await SshKeyPair.CreateAsync(Path.Combine(folder, "ssh", "id_ed25519"), "standin", NullBuildLog.Instance, CancellationToken.None);
            var cd = Directory.CreateDirectory(Path.Combine(folder, "cygwin-cd")).FullName;
            await File.WriteAllTextAsync(Path.Combine(cd, CygwinCd.MarkerFileName), CygwinCd.MarkerContent(WindowsVersion.Windows11));
            var cygwinIso = Path.Combine(folder, "cygwin.iso");
            await Xorriso.CreateImageAsync(cd, cygwinIso, "CYGWIN", CancellationToken.None);
            return new Fixture(iso, key, cygwinIso);
        }

        /// <summary>The answer medium the media stage makes for Windows 11 on <paramref name="firmware"/>.</summary>
        public async Task<GuestInstallMedia> MediaAsync(string folder, Firmware firmware, MediaKind answer)
        {
            var media = await UnattendedMediaBuilder.CreateAsync(
                new UnattendedMediaRequest
                {
                    Version = WindowsVersion.Windows11,
                    Firmware = firmware,
                    MediaKind = answer,
                    CygwinPackages = [new CygwinPackageItem("make")],
                    SshPublicKeyFile = Key.PublicKeyFile,
                    OutputFile = Path.Combine(folder, "media", $"answer.{answer.ToString().ToLowerInvariant()}"),
                },
                NullBuildLog.Instance,
                CancellationToken.None);
            return new GuestInstallMedia(media.ImageFile, CygwinIso) { AnswerKind = answer };
        }
    }
}
