using WinVmBuild.Host;
using WinVmBuild.Stages;

namespace WinVmBuild.IntegrationTests.Stages;

/// <summary>The install and suspend stages' cache entries, made once for the stage tests by <see cref="TestGuestImage"/>.</summary>
[TestClass]
[TestCategory("Vm")]
public sealed class InstallAndSuspendStageTests
{
    private static readonly byte[] ZstdMagic = [0x28, 0xB5, 0x2F, 0xFD];

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
    public async Task The_suspend_entry_holds_an_overlay_on_the_base_disk_by_relative_path_and_a_zstd_memory_state()
    {
        var image = await TestGuestImage.SharedAsync();

        var info = await QemuImg.InfoAsync(Path.Combine(image.SnapshotEntry, SuspendStage.DiskFile), CancellationToken.None);
        var state = Path.Combine(image.SnapshotEntry, SuspendStage.StateFile);

        Assert.AreEqual("qcow2", info.Format);
        Assert.IsNotNull(info.BackingFile);
        Assert.IsFalse(Path.IsPathRooted(info.BackingFile), info.BackingFile);
        Assert.AreEqual(
            Path.Combine(image.InstallEntry, InstallStage.DiskFile),
            Path.GetFullPath(Path.Combine(image.SnapshotEntry, info.BackingFile)));
        var header = new byte[4];
        await using (var stream = File.OpenRead(state))
        {
            await stream.ReadExactlyAsync(header);
        }

        CollectionAssert.AreEqual(ZstdMagic, header, "state.zst is a zstd stream");
        Assert.IsTrue(new FileInfo(state).Length > 1 << 20, $"state.zst has only {new FileInfo(state).Length} bytes");
    }

    [TestMethod]
    public async Task With_the_same_inputs_both_stages_return_their_cached_entry_without_starting_a_VM()
    {
        var image = await TestGuestImage.SharedAsync();
        var log = new RecordingLog();
        var stateWritten = File.GetLastWriteTimeUtc(Path.Combine(image.SnapshotEntry, SuspendStage.StateFile));

        var install = await image.InstallAsync(log, CancellationToken.None);
        var snapshot = await image.SuspendAsync(install, log, CancellationToken.None);

        Assert.AreEqual(image.InstallEntry, install);
        Assert.AreEqual(image.SnapshotEntry, snapshot);
        Assert.IsFalse(log.StartedQemu, string.Join('\n', log.Lines));
        CollectionAssert.Contains(log.Lines.ToList(), $"{InstallStage.Name}: cached at {install}");
        CollectionAssert.Contains(log.Lines.ToList(), $"{SuspendStage.Name}: cached at {snapshot}");
        Assert.AreEqual(stateWritten, File.GetLastWriteTimeUtc(Path.Combine(snapshot, SuspendStage.StateFile)));
    }
}
