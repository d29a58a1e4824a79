using System.Diagnostics;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using WinVmBuild.Cache;
using WinVmBuild.Diagnostics;
using WinVmBuild.Guests.TestGuest;
using WinVmBuild.Media;
using WinVmBuild.Stages;
using WinVmBuild.Vm;

namespace WinVmBuild.IntegrationTests.Stages;

/// <summary>A guest that boots but never starts sshd: the stage gives up at its timeout and shows why.</summary>
[TestClass]
[RequiresHostPackages]
[TestCategory("Vm")]
public sealed class StageTimeoutTests
{
    private const string SilentLine = "winvmbuild-test: this guest never starts sshd";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    [TestMethod]
    [TestCategory("Faults")]
    public async Task A_guest_without_sshd_fails_the_install_with_WVB0400_console_lines_and_a_screenshot_in_time()
    {
        var image = await TestGuestImage.SharedAsync();
        var folder = TestPaths.NewScratchFolder("stage-timeout");
        var guest = new SilentGuest(image.Guest, await WriteSilentInitrdAsync(folder));
        var log = new RecordingLog();
        var environment = image.Environment with { Cache = new StageCache(Path.Combine(folder, "cache")), Log = log };
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsExactlyAsync<WinVmException>(() => InstallStage.RunAsync(
            environment, guest, image.Media, installerIso: null, Timeout, CancellationToken.None));

        Assert.AreEqual(ErrorCodes.StageTimedOut, error.Code, error.Message);
        Assert.IsTrue(clock.Elapsed < Timeout + TimeSpan.FromSeconds(20), $"gave up after {clock.Elapsed}");
        StringAssert.Contains(error.Message, "The install stage did not finish within");
        StringAssert.Contains(error.Message, SilentLine);
        var screenshot = error.Message.Split('\n').Single(line => line.StartsWith("Screenshot of the guest: ", StringComparison.Ordinal))
            ["Screenshot of the guest: ".Length..];
        Assert.IsTrue(new FileInfo(screenshot).Length > 0, $"{screenshot} is missing or empty");
        var kept = Path.GetDirectoryName(screenshot)!;
        StringAssert.Contains(await File.ReadAllTextAsync(Path.Combine(kept, "console.log")), SilentLine, "the whole console log is kept");
        CollectionAssert.Contains(log.Lines.ToList(), $"WinVmBuild: install: the guest's console log and last screen are kept in {kept}");
        Assert.IsFalse(Directory.EnumerateDirectories(Path.Combine(folder, "cache", InstallStage.Name)).Any(), "a failed install left a cache entry");
        FaultReport.Record(
            "The guest never boots (its sshd never answers)", $"{error.Code} at the stage's timeout, with a screenshot and the console's last lines",
            await Leftovers.MeasureAsync(TimeSpan.Zero, caches: [environment.Cache.Root]));
    }

    [TestMethod]
    [TestCategory("Faults")]
    public async Task With_keep_on_failure_the_timed_out_guest_stays_up_with_its_screen_on_vnc_until_its_bound()
    {
        var image = await TestGuestImage.SharedAsync();
        var folder = TestPaths.NewScratchFolder("stage-timeout-kept");
        var guest = new SilentGuest(image.Guest, await WriteSilentInitrdAsync(folder));
        var log = new RecordingLog();
        var kept = TimeSpan.FromMinutes(0.25);
        var environment = image.Environment with { Cache = new StageCache(Path.Combine(folder, "cache")), Log = log, KeepOnFailure = kept };

        var error = await Assert.ThrowsExactlyAsync<WinVmException>(() => InstallStage.RunAsync(
            environment, guest, image.Media, installerIso: null, Timeout, CancellationToken.None));
        var failed = DateTime.UtcNow;

        Assert.AreEqual(ErrorCodes.StageTimedOut, error.Code, error.Message);
        var warning = log.Lines.Single(line => line.Contains(ErrorCodes.FailedStageGuestKept, StringComparison.Ordinal));
        var socket = Regex.Match(warning, @"unix socket (\S+), which").Groups[1].Value;
        Assert.AreEqual("RFB 003.008\n", await VncGreetingAsync(socket), warning);
        Assert.IsNotEmpty(LiveSessions.Processes(), "the kept guest's QEMU");
        var left = await Leftovers.MeasureAsync(kept + TimeSpan.FromSeconds(30), caches: [environment.Cache.Root]);
        Assert.IsGreaterThanOrEqualTo(kept - TimeSpan.FromSeconds(2), DateTime.UtcNow - failed, "reaped before its time");
        FaultReport.Record(
            "A stage times out with WinVmKeepOnFailure (its guest kept for 15 s)",
            $"{error.Code}, and {ErrorCodes.FailedStageGuestKept} naming the guest's VNC socket; the guest is stopped at its bound",
            left);
    }

    /// <summary>What a VNC server says first: its protocol version (RFB), 12 bytes.</summary>
    private static async Task<string> VncGreetingAsync(string socket)
    {
        using var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await client.ConnectAsync(new UnixDomainSocketEndPoint(socket));
        var greeting = new byte[12];
        await client.ReceiveAsync(greeting.AsMemory(), SocketFlags.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        return System.Text.Encoding.ASCII.GetString(greeting);
    }

    /// <summary>An initrd whose init prints one line and waits forever: the kernel boots, sshd never does.</summary>
    private static async Task<string> WriteSilentInitrdAsync(string folder)
    {
        var path = Path.Combine(folder, "silent.cpio");
        await new Initrd()
            .AddText("/init", $"#!/bin/sh\n/bin/busybox mount -t devtmpfs devtmpfs /dev\necho '{SilentLine}' > /dev/console\nwhile true; do /bin/busybox sleep 60; done\n", 0b111_101_101)
            .AddHostFile("/bin/busybox", TestGuestInitrd.BusyboxPath)
            .AddSymbolicLink("/bin/sh", "busybox")
            .AddDirectory("/dev")
            .WriteAsync(path);
        return path;
    }

    /// <summary>The test guest's machines, booting <paramref name="initrd"/> instead of the test guest's own.</summary>
    private sealed class SilentGuest(TestGuestProfile guest, string initrd) : GuestProfileDecorator(guest)
    {
        public override string Description => "silent " + guest.Description;

        public override QemuMachineSpec InstallMachine(VmSlot slot, string disk, GuestInstallMedia media) =>
            guest.InstallMachine(slot, disk, media) with { Initrd = initrd };

        public override QemuMachineSpec BootMachine(VmSlot slot, string disk) => guest.BootMachine(slot, disk) with { Initrd = initrd };
    }
}
