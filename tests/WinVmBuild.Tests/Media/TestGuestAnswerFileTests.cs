using WinVmBuild.Guests.TestGuest;

namespace WinVmBuild.Tests.Media;

[TestClass]
public sealed class TestGuestAnswerFileTests
{
    [TestMethod]
    public void The_file_lists_address_mac_root_and_every_archive_in_closure_order()
    {
        var text = TestGuestAnswerFile.Create(MediaTestInputs.Closure.ArchivePaths);

        Assert.IsFalse(text.Contains('\r'));
        var pairs = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).Select(l => l.Split(' ', 2)).ToList();
        Assert.AreEqual("192.168.0.1/24", pairs.Single(p => p[0] == "address")[1]);
        Assert.AreEqual("52:54:00:12:01:01", pairs.Single(p => p[0] == "mac")[1]);
        Assert.AreEqual("/cygwin", pairs.Single(p => p[0] == "root")[1]);
        CollectionAssert.AreEqual(
            MediaTestInputs.Closure.ArchivePaths.ToArray(),
            pairs.Where(p => p[0] == "archive").Select(p => p[1]).ToArray());
    }

    [TestMethod]
    public async Task Every_archive_listed_is_one_the_real_setup_ini_installs()
    {
        var text = TestGuestAnswerFile.Create(MediaTestInputs.Closure.ArchivePaths);
        var setupIni = await WinVmBuild.Tests.Cygwin.SetupIniFixtures.LoadRealAsync();
        var installPaths = new[] { "make", "libintl8" }.Select(name => setupIni.Packages[name].Current!.Install!.Path).ToList();

        var listed = text.Split('\n').Where(l => l.StartsWith("archive ", StringComparison.Ordinal)).Select(l => l["archive ".Length..]).ToList();

        CollectionAssert.AreEquivalent(installPaths, listed);
    }
}
