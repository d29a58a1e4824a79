using WinVmBuild.Host;

namespace WinVmBuild.Tests.Host;

[TestClass]
public sealed class FileStatusTests
{
    [TestMethod]
    public void A_file_with_a_hole_occupies_less_than_its_size_and_holes_are_dug_without_changing_a_byte()
    {
        var folder = TestPaths.NewScratchFolder("sparse");
        var file = Path.Combine(folder, "ram.img");
        var data = new byte[4 << 20];
        data[^1] = 7;
        File.WriteAllBytes(file, data);
        Assert.IsFalse(FileStatus.Of(file).IsSparse, "written in full");

        SparseFiles.DigHolesAsync(file, CancellationToken.None).GetAwaiter().GetResult();

        Assert.IsTrue(SparseFiles.Supported(folder));
        Assert.IsTrue(FileStatus.Of(file).AllocatedBytes <= 64 << 10, $"{FileStatus.Of(file).AllocatedBytes} bytes allocated");
        CollectionAssert.AreEqual(data, File.ReadAllBytes(file));
    }

    [TestMethod]
    public void The_identity_changes_when_the_file_is_touched_or_replaced_and_not_when_it_is_read_or_renamed_beside()
    {
        var folder = TestPaths.NewScratchFolder("identity");
        var file = Path.Combine(folder, "disk.qcow2");
        File.WriteAllText(file, "disk");
        var original = FileStatus.Of(file);

        _ = File.ReadAllText(file);
        Assert.AreEqual(original.Identity, FileStatus.Of(file).Identity);

        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(-5));
        var touched = FileStatus.Of(file);
        Assert.AreNotEqual(original.Identity, touched.Identity);

        File.WriteAllText(file + ".new", "disk");
        File.Move(file + ".new", file, overwrite: true);
        Assert.AreNotEqual(touched.Inode, FileStatus.Of(file).Inode);
        Assert.AreEqual(4, FileStatus.Of(file).Size);
    }

    [TestMethod]
    public void A_missing_file_is_FileNotFoundException()
    {
        Assert.ThrowsExactly<FileNotFoundException>(() => FileStatus.Of(Path.Combine(TestPaths.NewScratchFolder("missing"), "none")));
    }
}
