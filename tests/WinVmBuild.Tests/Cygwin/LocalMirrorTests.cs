using WinVmBuild.Cygwin;
using WinVmBuild.Diagnostics;
using WinVmBuild.Host;

namespace WinVmBuild.Tests.Cygwin;

[TestClass]
[RequiresHostPackages]
public sealed class LocalMirrorTests
{
    [TestMethod]
    public async Task Host_programs_become_a_mirror_that_resolves_and_fetches_verified()
    {
        var scratch = TestPaths.NewScratchFolder("local-mirror");
        var mirror = Path.Combine(scratch, "mirror");
        var note = Path.Combine(scratch, "note.txt");
        await File.WriteAllTextAsync(note, "hello from the host\n");

        var setupIniPath = await LocalMirror.WriteAsync(mirror, Packages(note), CancellationToken.None);

        var setupIni = await SetupIni.LoadAsync(setupIniPath, CancellationToken.None);
        var closure = new CygwinClosure(setupIni, NullBuildLog.Instance).Resolve(["hello"], []);
        CollectionAssert.AreEqual(new[] { "hello 1.0-1", "hello-data 2-1" }, closure.Select(p => p.ToString()).ToArray());
        var fetched = await new CygwinFetcher(new MirrorClient(new Uri(mirror).AbsoluteUri, NullBuildLog.Instance), Path.Combine(scratch, "cache"), NullBuildLog.Instance)
            .FetchArchivesAsync(closure.Select(p => p.Archive).ToList(), CancellationToken.None);
        Assert.AreEqual(2, fetched.Count);

        var listing = await ProcessRunner.RunCheckedAsync(new ProcessSpec("tar", ["-tvJf", fetched[0].LocalPath]), CancellationToken.None);
        var lines = listing.StandardOutput.TrimEnd().Split('\n');
        CollectionAssert.AreEqual(new[] { "usr/", "usr/bin/", "usr/bin/true" }, lines.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1]).ToArray());
        Assert.IsTrue(lines.All(l => l.Contains(" 0/0 ", StringComparison.Ordinal) && l.Contains("1970-01-01", StringComparison.Ordinal)), listing.StandardOutput);
        StringAssert.StartsWith(lines[2], "-rwx");
    }

    [TestMethod]
    public async Task A_32_bit_mirror_is_laid_out_under_x86_where_the_fetcher_looks_for_it()
    {
        var scratch = TestPaths.NewScratchFolder("local-mirror-x86");
        var mirror = Path.Combine(scratch, "mirror");
        var note = Path.Combine(scratch, "note.txt");
        await File.WriteAllTextAsync(note, "32-bit\n");

        var written = await LocalMirror.WriteAsync(mirror, CygwinArchitecture.X86, Packages(note), CancellationToken.None);

        var fetched = await new CygwinFetcher(new MirrorClient(new Uri(mirror).AbsoluteUri, NullBuildLog.Instance), Path.Combine(scratch, "cache"), NullBuildLog.Instance)
            .FetchSetupIniAsync(CygwinArchitecture.X86, refresh: false, CancellationToken.None);
        Assert.AreEqual(Path.Combine(mirror, "x86", "setup.ini"), written);
        var setupIni = await SetupIni.LoadAsync(fetched, CancellationToken.None);
        StringAssert.Contains(await File.ReadAllTextAsync(written), "\narch: x86\n");
        Assert.AreEqual("x86/release/hello/hello-1.0-1.tar.xz", setupIni.Packages["hello"].Current!.Install!.Path);
        Assert.IsTrue(File.Exists(Path.Combine(mirror, "x86", "release", "hello", "hello-1.0-1.tar.xz")));
    }

    [TestMethod]
    public async Task The_same_packages_give_the_same_bytes()
    {
        var scratch = TestPaths.NewScratchFolder("local-mirror-repro");
        var note = Path.Combine(scratch, "note.txt");
        await File.WriteAllTextAsync(note, "same\n");

        var first = await LocalMirror.WriteAsync(Path.Combine(scratch, "a"), Packages(note), CancellationToken.None);
        File.SetLastWriteTimeUtc(note, DateTime.UtcNow.AddDays(-3));
        var second = await LocalMirror.WriteAsync(Path.Combine(scratch, "b"), Packages(note), CancellationToken.None);

        CollectionAssert.AreEqual(await File.ReadAllBytesAsync(first), await File.ReadAllBytesAsync(second));
    }

    [TestMethod]
    public async Task A_missing_host_file_is_an_error_naming_package_and_file()
    {
        var scratch = TestPaths.NewScratchFolder("local-mirror-bad");
        var missing = Path.Combine(scratch, "absent");
        var package = new MirrorPackage("broken", "1-1", "Base", [], [new RepositoryFile(missing, "usr/bin/absent")]);

        var error = await Assert.ThrowsExactlyAsync<WinVmException>(() => LocalMirror.WriteAsync(Path.Combine(scratch, "m"), [package], CancellationToken.None));

        Assert.AreEqual(ErrorCodes.CygwinMirrorPackageInvalid, error.Code);
        StringAssert.Contains(error.Message, "'broken'");
        StringAssert.Contains(error.Message, missing);
    }

    private static IReadOnlyList<MirrorPackage> Packages(string note) =>
    [
        new MirrorPackage("hello", "1.0-1", "Utils", ["hello-data"], [new RepositoryFile("/bin/true", "usr/bin/true")]) { Summary = "Says \"hello\"" },
        new MirrorPackage("hello-data", "2-1", "Utils", [], [new RepositoryFile(note, "usr/share/hello/note.txt")]),
    ];
}
