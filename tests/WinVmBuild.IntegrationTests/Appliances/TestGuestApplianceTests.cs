using System.Security.Cryptography;
using WinVmBuild.Controller;
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
        Assert.AreEqual(0, installed.GuestExitCode, "the guest powered off by itself");
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
        // Each test boots its own copy: boot mode mounts the disk read-write.
        var disk = Path.Combine(work, "disk.raw");
        File.Copy(installed.Disk, disk);
        var config = new ControllerConfig(fixture.Guest.SshUser, ApplianceFixture.Account, shares, Port22Timeout);
        int switchId, guestId;
        (ControllerResult Result, IReadOnlyList<string> Log, string Console) run;
        await using (var network = await RawSwitch.StartAsync(work))
        {
            switchId = network.ProcessId;
            await using var guest = RawVm.Start(fixture.Guest.BootDevices(new GuestDisk(disk, "raw")), network);
            guestId = guest.ProcessId;
            run = await fixture.RunControllerAsync(network, work, config, script, guest);
            Assert.IsFalse(guest.Exited.IsCompleted, "the booted guest keeps running:\n" + guest.Console);
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
        var disk = Path.Combine(work, "disk.raw");
        await using (var file = File.Create(disk))
        {
            file.SetLength(64L << 20);
        }

        var config = new ControllerConfig(fixture.Guest.SshUser, ApplianceFixture.Account, [], Port22Timeout);
        await using var network = await RawSwitch.StartAsync(work);
        await using var guest = RawVm.Start(fixture.Guest.InstallDevices(new GuestDisk(disk, "raw"), media), network);
        var (acknowledgement, _, _) = await fixture.RunControllerAsync(network, work, config, InstallHandOff.Command, guest);
        var guestExit = await guest.Exited.WaitAsync(TimeSpan.FromMinutes(2));
        return new Installed(disk, acknowledgement, guest.Console, guestExit.ExitCode);
    }

    private sealed record Installed(string Disk, ControllerResult Acknowledgement, string Console, int GuestExitCode);
}
