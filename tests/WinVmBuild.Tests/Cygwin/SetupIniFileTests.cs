using WinVmBuild.Cygwin;
using WinVmBuild.Host;

namespace WinVmBuild.Tests.Cygwin;

[TestClass]
[RequiresHostPackages]
public sealed class SetupIniFileTests
{
    [TestMethod]
    [DataRow("xz", "setup.xz")]
    [DataRow("bzip2", "setup.bz2")]
    [DataRow("zstd", "setup.zst")]
    [DataRow(null, "setup.ini")]
    public async Task Every_published_form_reads_the_same(string? compressor, string name)
    {
        var scratch = TestPaths.NewScratchFolder("setup-forms");
        var original = Path.Combine(TestPaths.CalmFixtures, "calm-inifile-setup.ini");
        var path = Path.Combine(scratch, name);
        if (compressor is null)
        {
            File.Copy(original, path);
        }
        else
        {
            await ProcessRunner.RunCheckedAsync(new ProcessSpec(compressor, ["-c", original]) { StandardOutputPath = path }, CancellationToken.None);
        }

        var setupIni = await SetupIni.LoadAsync(path, CancellationToken.None);
        var plain = Path.Combine(scratch, "plain.ini");
        await SetupIniFile.DecompressAsync(path, plain, CancellationToken.None);

        Assert.AreEqual(SetupIniFixtures.Calm("calm-inifile-setup.ini").Packages.Count, setupIni.Packages.Count);
        CollectionAssert.AreEqual(await File.ReadAllBytesAsync(original), await File.ReadAllBytesAsync(plain));
        Assert.AreEqual(compressor is not null, SetupIniFile.IsCompressed(path));
    }
}
