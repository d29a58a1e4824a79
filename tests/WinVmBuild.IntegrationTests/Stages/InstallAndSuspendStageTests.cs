using WinVmBuild.Host;
using WinVmBuild.Network;
using WinVmBuild.Stages;
using WinVmBuild.Vm;

namespace WinVmBuild.IntegrationTests.Stages;

/// <summary>The install and suspend stages' cache entries, made once for the stage tests by <see cref="TestGuestImage"/>.</summary>
[TestClass]
[RequiresHostPackages]
[TestCategory("Vm")]
public sealed class InstallAndSuspendStageTests
{
    [TestMethod]
    public async Task The_install_entry_holds_the_installed_base_disk()
    {
        var image = await TestGuestImage.SharedAsync();

        var info = await QemuImg.InfoAsync(Path.Combine(image.InstallEntry, InstallStage.DiskFile), CancellationToken.None);

        Assert.AreEqual(Path.Combine(image.Environment.Cache.Root, InstallStage.Name), Path.GetDirectoryName(image.InstallEntry));
        Assert.AreEqual("qcow2", info.Format);
        Assert.AreEqual((long)image.Guest.DiskSizeGigabytes << 30, info.VirtualSize);
        Assert.IsNull(info.BackingFile);
    }

    [TestMethod]
    public async Task The_install_entry_records_the_guests_own_ed25519_host_key()
    {
        var image = await TestGuestImage.SharedAsync();

        var pin = HostKeyPin.Read(image.InstallEntry);

        StringAssert.StartsWith(pin.Fingerprint, "ssh-ed25519 SHA256:");
        Assert.AreEqual(pin, HostKeyPin.Read(image.SuspendEntry));
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(image.InstallEntry, HostKeyPin.FileName)));
    }

    [TestMethod]
    public async Task The_suspend_entry_holds_an_overlay_by_relative_path_a_sparse_owner_only_ram_file_and_only_the_device_state()
    {
        var image = await TestGuestImage.SharedAsync();

        var info = await QemuImg.InfoAsync(Path.Combine(image.SuspendEntry, SuspendStage.DiskFile), CancellationToken.None);
        var ram = FileStatus.Of(Path.Combine(image.SuspendEntry, SuspendStage.MemoryFile));
        var state = new FileInfo(Path.Combine(image.SuspendEntry, "state.bin"));

        Assert.AreEqual("qcow2", info.Format);
        Assert.IsNotNull(info.BackingFile);
        Assert.IsFalse(Path.IsPathRooted(info.BackingFile), info.BackingFile);
        Assert.AreEqual(
            Path.Combine(image.InstallEntry, InstallStage.DiskFile),
            Path.GetFullPath(Path.Combine(image.SuspendEntry, info.BackingFile)));
        Assert.AreEqual((long)image.Guest.BootMachine(new VmSlot("x", AcceleratorKind.Tcg), "d").MemoryMegabytes << 20, ram.Size);
        Assert.IsTrue(ram.AllocatedBytes < ram.Size / 2, $"ram.img occupies {ram.AllocatedBytes} of {ram.Size} bytes: holes were not kept");
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(image.SuspendEntry, SuspendStage.MemoryFile)));
        Assert.IsTrue(state.Length is > 0 and < 1 << 20, $"state.bin has {state.Length} bytes: more than the devices' state");
        Assert.IsFalse(File.Exists(Path.Combine(image.SuspendEntry, "state.zst")));
        await image.Environment.Cache.EnsureIntactAsync(image.SuspendEntry, CancellationToken.None);
    }

    [TestMethod]
    public async Task The_install_and_the_suspend_that_succeeded_left_no_diagnostics()
    {
        var image = await TestGuestImage.SharedAsync();

        var diagnostics = image.Environment.DiagnosticsFolder;

        // Failing runs of other tests may leave theirs (run-*): these stages succeeded.
        var left = Directory.Exists(diagnostics) ? Directory.GetDirectories(diagnostics, "install-*").Concat(Directory.GetDirectories(diagnostics, "suspend-*")) : [];
        Assert.IsEmpty(left.ToList());
    }

    [TestMethod]
    public async Task With_the_same_inputs_both_stages_return_their_cached_entry_without_starting_a_VM()
    {
        var image = await TestGuestImage.SharedAsync();
        var log = new RecordingLog();
        var stateWritten = File.GetLastWriteTimeUtc(Path.Combine(image.SuspendEntry, SuspendStage.MemoryFile));

        var install = await image.InstallAsync(log, CancellationToken.None);
        var snapshot = await image.SuspendAsync(install, log, CancellationToken.None);

        Assert.AreEqual(image.InstallEntry, install);
        Assert.AreEqual(image.SuspendEntry, snapshot);
        Assert.IsFalse(log.StartedQemu, string.Join('\n', log.Lines));
        CollectionAssert.Contains(log.Lines.ToList(), $"{InstallStage.Name}: cached at {install}");
        CollectionAssert.Contains(log.Lines.ToList(), $"{SuspendStage.Name}: cached at {snapshot}");
        Assert.AreEqual(stateWritten, File.GetLastWriteTimeUtc(Path.Combine(snapshot, SuspendStage.MemoryFile)));
    }
}
