using WinVmBuild.Cache;
using WinVmBuild.Diagnostics;

namespace WinVmBuild.Tests.Stages;

[TestClass]
public sealed class CacheFolderCheckTests
{
    [TestMethod]
    public void A_local_folder_is_usable_and_the_probe_leaves_nothing()
    {
        var root = TestPaths.NewScratchFolder("cache-check");

        CacheFolderCheck.EnsureUsable(Path.Combine(root, "cache"));

        Assert.IsEmpty(Directory.GetFileSystemEntries(Path.Combine(root, "cache")));
    }

    [TestMethod]
    public void A_file_system_where_flock_locks_nothing_is_WVB0411()
    {
        var root = TestPaths.NewScratchFolder("cache-check");

        var error = Assert.ThrowsExactly<WinVmException>(() => CacheFolderCheck.EnsureUsable(root, locksExclude: _ => false));

        Assert.AreEqual(ErrorCodes.CacheFolderWithoutLocks, error.Code);
        StringAssert.Contains(error.Message, "Set WinVmCacheDir to a folder on a local file system");
        Assert.IsEmpty(Directory.GetFileSystemEntries(root), "the probe file is left");
    }

    [TestMethod]
    public void A_cache_folder_that_cannot_be_made_is_WVB0410()
    {
        var file = Path.Combine(TestPaths.NewScratchFolder("cache-check"), "a-file");
        File.WriteAllText(file, "not a folder");

        var error = Assert.ThrowsExactly<WinVmException>(() => CacheFolderCheck.EnsureUsable(Path.Combine(file, "cache")));

        Assert.AreEqual(ErrorCodes.CacheFolderNotWritable, error.Code);
        StringAssert.Contains(error.Message, "Set WinVmCacheDir to a folder you can write");
    }

    [TestMethod]
    public void A_stage_that_needs_more_room_than_its_file_system_has_is_WVB0412_with_both_sizes()
    {
        var root = TestPaths.NewScratchFolder("cache-check");
        var free = CacheFolderCheck.FreeBytes(root);

        CacheFolderCheck.EnsureSpace(root, free / 2, "suspend");
        var error = Assert.ThrowsExactly<WinVmException>(() => CacheFolderCheck.EnsureSpace(root, free + (1L << 40), "suspend"));

        Assert.AreEqual(ErrorCodes.CacheFolderFull, error.Code);
        StringAssert.Contains(error.Message, $"the suspend stage needs at least {(free + (1L << 40)) >> 20} MB there");
    }
}
