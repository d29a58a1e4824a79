using System.Security.Cryptography;
using WinVmBuild.Controller;
using WinVmBuild.Diagnostics;
using WinVmBuild.Host;
using WinVmBuild.Vm;
using WinVmBuild.Guests;
using WinVmBuild.Guests.TestGuest;

namespace WinVmBuild.IntegrationTests.Appliances;

[TestClass]
[TestCategory("Vm")]
public sealed class TestGuestApplianceTests
{
    private static readonly TimeSpan Port22Timeout = TimeSpan.FromMinutes(2);
    private static readonly SemaphoreSlim InstallGate = new(1, 1);
    private static Installed? _installed;

    [TestMethod]
    public async Task Install_unpacks_the_listed_archives_then_powers_off_once_the_controller_acknowledges_it()
    {
        var installed = await InstallOnceAsync();

        Assert.AreEqual(0, installed.Acknowledgement.ExitCode, installed.Console);
        StringAssert.Contains(installed.Console, $"unpacked {TestGuestMedia.MakeArchive}");
        StringAssert.Contains(installed.Console, $"unpacked {TestGuestMedia.ProbeArchive}");
        StringAssert.Contains(installed.Console, "install acknowledged");
        Assert.IsTrue(installed.PoweredOff, "the guest powered off by itself");
    }

    [TestMethod]
    public async Task Booted_from_its_disk_it_runs_commands_with_the_installed_programs()
    {
        var fixture = await ApplianceFixture.GetAsync();
        var installed = await InstallOnceAsync();
        var work = TestPaths.NewScratchFolder("testguest-boot");
        var script = $"""
            echo hello
            command -v {TestGuestMedia.ProbeProgram}
            {TestGuestMedia.ProbeProgram} 3
            sha512sum /cygwin/usr/bin/make.exe
            exit 7
            """;

        var (result, log) = await RunInBootedGuestAsync(fixture, installed, work, [], script);

        Assert.AreEqual(7, result.EnsureExitCode(), string.Join('\n', log));
        var make = await TestGuestMedia.ReadMemberAsync(
            Path.Combine(TestPaths.CygwinMirror, TestGuestMedia.MakeArchive), "usr/bin/make.exe", work);
        CollectionAssert.AreEqual(
            new[]
            {
                "hello",
                $"/cygwin/usr/bin/{TestGuestMedia.ProbeProgram}",
                "1", "2", "3",
                $"{Convert.ToHexStringLower(SHA512.HashData(make))}  /cygwin/usr/bin/make.exe",
            },
            log.ToArray());
    }

    [TestMethod]
    public async Task A_run_script_sees_the_projects_files_over_cifs_and_returns_outputs_and_exit_code()
    {
        var fixture = await ApplianceFixture.GetAsync();
        var installed = await InstallOnceAsync();
        var work = TestPaths.NewScratchFolder("testguest-run");
        var project = Directory.CreateDirectory(Path.Combine(work, "project")).FullName;
        var written = $"written by the host at {DateTime.UtcNow:O}";
        await File.WriteAllTextAsync(Path.Combine(project, "hello.txt"), written + "\n");
        var shares = new[] { new SharedFolder("project", project, readOnly: true) };
        var request = new GuestRunRequest(
            "cat hello.txt && mkdir -p 'bin dir' && cp hello.txt 'bin dir/copy.txt' && exit 3",
            ["bin dir/copy.txt", "never-made.txt"],
            shares,
            "project",
            ApplianceFixture.Account);

        var (result, log) = await RunInBootedGuestAsync(fixture, installed, work, shares, fixture.Guest.RunScript(request));

        Assert.AreEqual(3, result.EnsureExitCode(), string.Join('\n', log));
        CollectionAssert.Contains(log.ToList(), written);
        CollectionAssert.Contains(log.ToList(), "winvmbuild: the declared output never-made.txt was not produced");
        Assert.AreEqual(written + "\n", await File.ReadAllTextAsync(Path.Combine(work, "xchg", "out", "bin dir", "copy.txt")));
        Assert.IsFalse(File.Exists(Path.Combine(project, "bin dir", "copy.txt")), "the command ran in a copy of the project");
    }

    private static async Task<(ControllerResult Result, IReadOnlyList<string> Log)> RunInBootedGuestAsync(
        ApplianceFixture fixture, Installed installed, string work, IReadOnlyList<SharedFolder> shares, string script)
    {
        // Each test boots its own overlay: boot mode mounts the disk read-write.
        var disk = Path.Combine(work, "disk.qcow2");
        await QemuImg.CreateOverlayAsync(disk, installed.Disk, CancellationToken.None);
        var config = new ControllerConfig(fixture.Guest.SshUser, ApplianceFixture.Account, shares, Port22Timeout);
        int switchId, guestId;
        (ControllerResult Result, IReadOnlyList<string> Log, string Console) run;
        await using (var network = await StartSwitchAsync(work))
        {
            switchId = network.ProcessId;
            await using var guest = await StartGuestAsync(fixture.Guest.BootMachine(Slot(network), disk), work);
            guestId = guest.ProcessId;
            run = await fixture.RunControllerAsync(network, work, config, script, guest);
            Assert.IsFalse(guest.HasExited, "the booted guest keeps running:\n" + string.Join('\n', guest.ConsoleTail(50)));
        }

        await ApplianceFixture.AssertGoneAsync(guestId);
        await ApplianceFixture.AssertGoneAsync(switchId);
        Assert.IsEmpty(HostProcesses.FindByCommandLine(work), "a process still uses the test's folder");
        return (run.Result, run.Log);
    }

    private static async Task<Installed> InstallOnceAsync()
    {
        await InstallGate.WaitAsync();
        try
        {
            return _installed ??= await InstallAsync();
        }
        finally
        {
            InstallGate.Release();
        }
    }

    private static async Task<Installed> InstallAsync()
    {
        var fixture = await ApplianceFixture.GetAsync();
        var work = TestPaths.NewScratchFolder("testguest-install");
        var media = await TestGuestMedia.CreateAsync(work, fixture.PublicKey);
        var disk = Path.Combine(work, "disk.qcow2");
        await QemuImg.CreateAsync(disk, 1, CancellationToken.None);

        var config = new ControllerConfig(fixture.Guest.SshUser, ApplianceFixture.Account, [], Port22Timeout);
        await using var network = await StartSwitchAsync(work);
        await using var guest = await StartGuestAsync(fixture.Guest.InstallMachine(Slot(network), disk, media), work);
        var (acknowledgement, _, _) = await fixture.RunControllerAsync(network, work, config, InstallHandOff.Command, guest);
        var poweredOff = await guest.WaitForExitAsync(TimeSpan.FromMinutes(2), CancellationToken.None);
        return new Installed(disk, acknowledgement, string.Join('\n', guest.ConsoleTail(500)), poweredOff);
    }

    private static Task<VdeSwitch> StartSwitchAsync(string work) =>
        VdeSwitch.StartAsync(Path.Combine(work, "switch"), NullBuildLog.Instance, CancellationToken.None);

    private static VmSlot Slot(VdeSwitch network) => new("testguest", AcceleratorKind.Tcg, network.Folder);

    private static Task<QemuMachine> StartGuestAsync(QemuMachineSpec spec, string work) =>
        QemuMachine.StartAsync(spec, Path.Combine(work, "guest"), NullBuildLog.Instance, null, CancellationToken.None);

    private sealed record Installed(string Disk, ControllerResult Acknowledgement, string Console, bool PoweredOff);
}
