using WinVmBuild.Host;

namespace WinVmBuild.Tests.Vm;

[TestClass]
[RequiresHostPackages]
public sealed class QemuImgTests
{
    [TestMethod]
    public async Task An_overlay_names_its_base_relative_so_the_pair_survives_a_folder_rename()
    {
        var scratch = TestPaths.NewScratchFolder("qemu-img");
        var entry = Path.Combine(scratch, "entry");
        Directory.CreateDirectory(Path.Combine(entry, "base"));
        await QemuImg.CreateAsync(Path.Combine(entry, "base", "disk.qcow2"), 40, CancellationToken.None);
        await QemuImg.CreateOverlayAsync(Path.Combine(entry, "overlay.qcow2"), Path.Combine(entry, "base", "disk.qcow2"), CancellationToken.None);

        var published = Path.Combine(scratch, "published");
        Directory.Move(entry, published);
        var overlay = await QemuImg.InfoAsync(Path.Combine(published, "overlay.qcow2"), CancellationToken.None);
        var disk = await QemuImg.InfoAsync(Path.Combine(published, "base", "disk.qcow2"), CancellationToken.None);

        Assert.AreEqual("qcow2", overlay.Format);
        Assert.AreEqual(Path.Combine("base", "disk.qcow2"), overlay.BackingFile);
        Assert.AreEqual(40L << 30, overlay.VirtualSize);
        Assert.IsNull(disk.BackingFile);
        Assert.IsTrue(new FileInfo(Path.Combine(published, "base", "disk.qcow2")).Length < 1 << 20, "the disk is not sparse");
        Assert.AreEqual(0, Directory.GetFiles(published, ".*", SearchOption.AllDirectories).Length, "a temporary was left behind");
    }
}
