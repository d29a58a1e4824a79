using System.Globalization;
using System.Text.RegularExpressions;
using WinVmBuild.Cache;
using WinVmBuild.Diagnostics;
using WinVmBuild.Guests;
using WinVmBuild.Guests.TestGuest;
using WinVmBuild.Media;
using WinVmBuild.Network;
using WinVmBuild.Stages;
using WinVmBuild.Vm;

namespace WinVmBuild.IntegrationTests.Stages;

/// <summary>
/// The suspend stage's settle step, with a guest left busy by its setup command: a process in the background burns the
/// CPU after the command has returned, as Windows' native-image generation or TiWorker would.
/// </summary>
[TestClass]
[RequiresHostPackages]
[TestCategory("Vm")]
public sealed partial class SettleStepTests
{
    private const string BurnDone = "/tmp/burn-done";

    /// <summary>
    /// About 15 s of a shell loop under TCG (100000 rounds took 3 s on the 2-core development VM). Counted, not timed: a
    /// revived guest whose clock is set to the host's would otherwise end the loop at once, and the test would pass
    /// without the settle. /tmp is the guest's memory, so the file is in the snapshot only if the loop ended before it.
    /// </summary>
    private const string Burn = $"i=0; while [ $i -lt 500000 ]; do i=$((i+1)); done; touch {BurnDone}";

    [TestMethod]
    public async Task The_snapshot_of_a_busy_guest_is_taken_after_its_work_ended()
    {
        var image = await TestGuestImage.SharedAsync();
        var guest = new BackgroundWorkGuest(image.Guest, Burn, image.Guest.Settle);
        var log = new RecordingLog();

        var snapshot = await SuspendStage.RunAsync(
            image.Environment with { Log = log }, guest, image.Media, image.InstallEntry, TestGuestImage.StageTimeout, CancellationToken.None);
        var revived = await RunStage.RunAsync(
            image.Environment, guest, image.Media, snapshot,
            new RunRequest($"test -e {BurnDone} && echo burn ended before the snapshot", TestPaths.NewScratchFolder("settle-project"), [], [], TestPaths.NewScratchFolder("settle-outputs")),
            TimeSpan.FromMinutes(3), _ => { }, CancellationToken.None);

        Assert.AreEqual(0, revived.ExitCode, $"{BurnDone} is not in the snapshot: it was taken while the guest burned the CPU.\n{log.Text}");
        var waited = SettledAfter(log.Details.Single(line => line.StartsWith("suspend: settled in ", StringComparison.Ordinal)));
        Assert.IsTrue(waited >= 5, $"settled after {waited} s: the burn had barely started");
        Assert.IsEmpty(log.Warnings.ToList());
        StringAssert.Matches(log.Messages[^1], SettledReport());
    }

    [TestMethod]
    public async Task A_guest_that_never_quiets_is_snapshotted_at_the_bound_with_WVB0414()
    {
        var image = await TestGuestImage.SharedAsync();
        var settle = image.Guest.Settle with { Bound = TimeSpan.FromSeconds(8) };
        var guest = new BackgroundWorkGuest(image.Guest, "while :; do :; done", settle);
        var log = new RecordingLog();

        var snapshot = await SuspendStage.RunAsync(
            image.Environment with { Log = log }, guest, image.Media, image.InstallEntry, TestGuestImage.StageTimeout, CancellationToken.None);

        Assert.IsTrue(File.Exists(Path.Combine(snapshot, "state.bin")), "no snapshot was taken");
        var (code, text) = log.Warnings.Single();
        Assert.AreEqual(ErrorCodes.GuestNotSettled, code);
        var gaveUp = GaveUp().Match(text);
        Assert.IsTrue(gaveUp.Success, text);
        Assert.IsTrue(int.Parse(gaveUp.Groups[1].Value, CultureInfo.InvariantCulture) is >= 8 and <= 10, $"gave up late: {text}");
        Assert.IsTrue(int.Parse(gaveUp.Groups[2].Value, CultureInfo.InvariantCulture) >= 20, $"QEMU's use while the guest looped: {text}");
        StringAssert.Contains(log.Messages[^1], $"; the guest still busy after {gaveUp.Groups[1].Value} s)");
    }

    private static int SettledAfter(string detail) => int.Parse(detail["suspend: settled in ".Length..].Split(' ')[0], CultureInfo.InvariantCulture);

    [GeneratedRegex(@"; the guest settled in \d+ s\) in ")]
    private static partial Regex SettledReport();

    [GeneratedRegex(@"^The guest of the suspend stage was still busy after (\d+) s: QEMU at (\d+)% of one host CPU on average")]
    private static partial Regex GaveUp();

    /// <summary>The test guest, whose setup command leaves <paramref name="work"/> running in the background, settled by <paramref name="settle"/>.</summary>
    private sealed class BackgroundWorkGuest(TestGuestProfile guest, string work, CpuSettle settle) : IGuestProfile
    {
        public string Description => "busy " + guest.Description;

        public string SshUser => guest.SshUser;

        public int DiskSizeGigabytes => guest.DiskSizeGigabytes;

        /// <summary>In a session of its own with no tie to the SSH channel, so the command returns at once and the work goes on.</summary>
        public string SuspendSetupScript => guest.SuspendSetupScript + $"setsid sh -c '{work}' < /dev/null > /dev/null 2>&1 &\n";

        public CpuSettle Settle => settle;

        public GuestShell Shell => guest.Shell;

        public SmbDialect ShareDialect => guest.ShareDialect;

        public Task<BootableInstaller> BootableInstallerAsync(string? iso, StageCache cache, IBuildLog log, CancellationToken cancellationToken) =>
            guest.BootableInstallerAsync(iso, cache, log, cancellationToken);

        public QemuMachineSpec InstallMachine(VmSlot slot, string disk, GuestInstallMedia media) => guest.InstallMachine(slot, disk, media);

        public QemuMachineSpec BootMachine(VmSlot slot, string disk) => guest.BootMachine(slot, disk);
    }
}
