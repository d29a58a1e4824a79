using WinVmBuild.Cygwin;
using WinVmBuild.Diagnostics;
using WinVmBuild.Host;

namespace WinVmBuild.Tests.Cygwin;

[TestClass]
[RequiresHostPackages]
public sealed class CygwinRepositoryIsoTests
{
    [TestMethod]
    public async Task The_iso_reads_back_with_every_path_and_byte()
    {
        var scratch = TestPaths.NewScratchFolder("repo-iso");
        var setupExe = await WriteAsync(scratch, "setup-x86_64.exe", "MZ fake setup");
        var longName = "x86_64/release/mingw64-x86_64-long/" + new string('l', 62) + ".tar.xz"; // 70-character file name
        var (mirror, built) = await GeneratedMirror.CreateAsync(Path.Combine(scratch, "mirror"));
        var archives = built.Select(archive => new RepositoryFile(Path.Combine(mirror, archive.Path), archive.Path))
            .Append(new RepositoryFile(await WriteAsync(scratch, "long.tar.xz", "long"), longName))
            .ToList();
        var extras = new List<RepositoryFile>
        {
            new(await WriteAsync(scratch, "bootstrap.sh", "#!/bin/bash\necho hi\n"), "bootstrap.sh"),
            new(await WriteAsync(scratch, "marker", "winvmbuild"), "winvmbuild.marker"),
        };
        var iso = Path.Combine(scratch, "out", "cygwin.iso");

        await CygwinRepositoryIso.BuildAsync(SetupIniFixtures.RealPath, archives, setupExe, extras, iso, "CYGWIN", CygwinArchitecture.X86_64, CancellationToken.None);

        var expected = archives.Concat(extras).Append(new RepositoryFile(setupExe, "setup-x86_64.exe")).ToList();
        CollectionAssert.AreEqual(
            expected.Select(f => "/" + f.TargetPath).Append("/x86_64/setup.ini").Order(StringComparer.Ordinal).ToArray(),
            (await Xorriso.ListFilesAsync(iso, CancellationToken.None)).ToArray());
        var extracted = Path.Combine(scratch, "extracted");
        await Xorriso.ExtractAsync(iso, extracted, CancellationToken.None);
        foreach (var file in expected)
        {
            CollectionAssert.AreEqual(await File.ReadAllBytesAsync(file.SourcePath), await File.ReadAllBytesAsync(Path.Combine(extracted, file.TargetPath)), file.TargetPath);
        }

        var plain = Path.Combine(scratch, "setup.ini");
        await SetupIniFile.DecompressAsync(SetupIniFixtures.RealPath, plain, CancellationToken.None);
        CollectionAssert.AreEqual(await File.ReadAllBytesAsync(plain), await File.ReadAllBytesAsync(Path.Combine(extracted, "x86_64", "setup.ini")));
        CollectionAssert.AreEqual(new[] { "cygwin.iso" }, Directory.GetFileSystemEntries(Path.GetDirectoryName(iso)!).Select(Path.GetFileName).ToArray(), "the staging folder was left");
    }

    [TestMethod]
    public async Task Without_a_setup_exe_the_iso_holds_setup_ini_and_the_archives_only()
    {
        var scratch = TestPaths.NewScratchFolder("repo-iso-test-guest");
        var iso = Path.Combine(scratch, "c.iso");

        await CygwinRepositoryIso.BuildAsync(SetupIniFixtures.RealPath, [], null, [], iso, "CYGWIN", CygwinArchitecture.X86_64, CancellationToken.None);

        CollectionAssert.AreEqual(new[] { "/x86_64/setup.ini" }, (await Xorriso.ListFilesAsync(iso, CancellationToken.None)).ToArray());
    }

    [TestMethod]
    public async Task A_missing_setup_exe_is_a_clear_error()
    {
        var scratch = TestPaths.NewScratchFolder("repo-iso-noexe");

        var error = await Assert.ThrowsExactlyAsync<WinVmException>(() => CygwinRepositoryIso.BuildAsync(
            SetupIniFixtures.RealPath, [], Path.Combine(scratch, "setup-x86_64.exe"), [], Path.Combine(scratch, "c.iso"), "CYGWIN", CygwinArchitecture.X86_64, CancellationToken.None));

        Assert.AreEqual(ErrorCodes.InputFileMissing, error.Code);
        StringAssert.Contains(error.Message, Path.Combine(scratch, "setup-x86_64.exe"));
    }

    [TestMethod]
    [DataRow("../escape.sh")]
    [DataRow("/bootstrap.sh")]
    [DataRow("SETUP-x86_64.exe")]
    public async Task A_bad_or_repeated_target_path_is_an_error(string target)
    {
        var scratch = TestPaths.NewScratchFolder("repo-iso-target");
        var file = await WriteAsync(scratch, "setup-x86_64.exe", "x");

        var error = await Assert.ThrowsExactlyAsync<WinVmException>(() => CygwinRepositoryIso.BuildAsync(
            SetupIniFixtures.RealPath, [], file, [new RepositoryFile(file, target)], Path.Combine(scratch, "c.iso"), "CYGWIN", CygwinArchitecture.X86_64, CancellationToken.None));

        Assert.AreEqual(ErrorCodes.CygwinRepositoryPathInvalid, error.Code);
        StringAssert.Contains(error.Message, target);
    }

    private static async Task<string> WriteAsync(string folder, string name, string content)
    {
        var path = Path.Combine(folder, name);
        await File.WriteAllTextAsync(path, content);
        return path;
    }
}
