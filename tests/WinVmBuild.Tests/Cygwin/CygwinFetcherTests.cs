using WinVmBuild.Cygwin;
using WinVmBuild.Diagnostics;

namespace WinVmBuild.Tests.Cygwin;

[TestClass]
[RequiresHostPackages]
public sealed class CygwinFetcherTests
{
    [TestMethod]
    public async Task Archives_download_verified_over_http_and_are_never_downloaded_again()
    {
        var cache = TestPaths.NewScratchFolder("fetch-cache");
        var (mirror, archives) = await GeneratedMirror.CreateAsync(TestPaths.NewScratchFolder("fetch-mirror"));
        IReadOnlyList<FetchedArchive> fetched;
        var server = await BusyboxHttpServer.StartAsync(mirror);
        var serverProcess = server.ProcessId;
        await using (server)
        {
            fetched = await new CygwinFetcher(new MirrorClient(server.Url, NullBuildLog.Instance), cache, NullBuildLog.Instance)
                .FetchArchivesAsync(archives, CancellationToken.None);
        }

        Assert.IsTrue(await HostProcesses.WaitUntilGoneAsync(serverProcess, TimeSpan.FromSeconds(5)));
        for (var i = 0; i < archives.Count; i++)
        {
            Assert.AreEqual(Path.Combine(cache, "archives", archives[i].Hash.Hex, archives[i].FileName), fetched[i].LocalPath);
            CollectionAssert.AreEqual(
                await File.ReadAllBytesAsync(Path.Combine(mirror, archives[i].Path)),
                await File.ReadAllBytesAsync(fetched[i].LocalPath));
        }

        // The server is gone: only the cache can answer now.
        var again = await new CygwinFetcher(new MirrorClient(server.Url, NullBuildLog.Instance), cache, NullBuildLog.Instance)
            .FetchArchivesAsync(archives, CancellationToken.None);
        CollectionAssert.AreEqual(fetched.Select(f => f.LocalPath).ToArray(), again.Select(f => f.LocalPath).ToArray());
    }

    [TestMethod]
    [TestCategory("Faults")]
    public async Task A_corrupted_byte_is_an_error_and_leaves_the_cache_empty()
    {
        var scratch = TestPaths.NewScratchFolder("fetch-corrupt");
        var mirror = Path.Combine(scratch, "mirror");
        var cache = Path.Combine(scratch, "cache");
        var (generated, archives) = await GeneratedMirror.CreateAsync(Path.Combine(scratch, "generated"));
        var make = archives[0];
        var bytes = await File.ReadAllBytesAsync(Path.Combine(generated, make.Path));
        bytes[bytes.Length / 2] ^= 0x01;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(mirror, make.Path))!);
        await File.WriteAllBytesAsync(Path.Combine(mirror, make.Path), bytes);

        WinVmException error;
        await using (var server = await BusyboxHttpServer.StartAsync(mirror))
        {
            error = await Assert.ThrowsExactlyAsync<WinVmException>(() =>
                new CygwinFetcher(new MirrorClient(server.Url, NullBuildLog.Instance), cache, NullBuildLog.Instance)
                    .FetchArchivesAsync([make], CancellationToken.None));
        }

        Assert.AreEqual(ErrorCodes.CygwinArchiveMismatch, error.Code);
        StringAssert.Contains(error.Message, make.Path);
        Assert.IsEmpty(Directory.GetFileSystemEntries(Path.Combine(cache, "archives")), "something was left in the cache");
        FaultReport.Record(
            "An archive on the mirror does not match its hash in setup.ini", $"{error.Code}, naming the archive",
            await Leftovers.MeasureAsync(TimeSpan.Zero, caches: [cache]));
    }

    [TestMethod]
    public async Task An_unreachable_mirror_is_an_error_naming_the_url_after_retries()
    {
        var url = $"http://127.0.0.1:{BusyboxHttpServer.FreePort()}/cygwin";
        var log = new RecordingLog();
        var make = (await GeneratedMirror.CreateAsync(TestPaths.NewScratchFolder("fetch-unreachable-mirror"))).Archives.Take(1).ToList();
        var client = new MirrorClient(url, log) { FirstRetryDelay = TimeSpan.FromMilliseconds(50) };

        var error = await Assert.ThrowsExactlyAsync<WinVmException>(() =>
            new CygwinFetcher(client, TestPaths.NewScratchFolder("fetch-unreachable"), log).FetchArchivesAsync(make, CancellationToken.None));

        Assert.AreEqual(ErrorCodes.CygwinMirrorUnreachable, error.Code);
        StringAssert.Contains(error.Message, url + "/x86_64/release/make/make-4.4.1-2.tar.xz");
        Assert.AreEqual(2, log.Details.Count(d => d.Contains("trying again", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task Setup_ini_is_fetched_once_per_mirror_and_again_on_refresh()
    {
        var cache = TestPaths.NewScratchFolder("fetch-setup");
        string path;
        string serverUrl;
        await using (var server = await BusyboxHttpServer.StartAsync(TestPaths.CygwinMirror))
        {
            serverUrl = server.Url;
            path = await new CygwinFetcher(new MirrorClient(server.Url, NullBuildLog.Instance), cache, NullBuildLog.Instance)
                .FetchSetupIniAsync(CygwinArchitecture.X86_64, refresh: false, CancellationToken.None);
        }

        Assert.AreEqual("setup.xz", Path.GetFileName(path));
        CollectionAssert.AreEqual(await File.ReadAllBytesAsync(SetupIniFixtures.RealPath), await File.ReadAllBytesAsync(path));

        // The server is gone: the cached copy answers, and a refresh reports the mirror.
        var fetcher = new CygwinFetcher(new MirrorClient(serverUrl, NullBuildLog.Instance) { FirstRetryDelay = TimeSpan.Zero }, cache, NullBuildLog.Instance);
        Assert.AreEqual(path, await fetcher.FetchSetupIniAsync(CygwinArchitecture.X86_64, refresh: false, CancellationToken.None));
        var error = await Assert.ThrowsExactlyAsync<WinVmException>(() => fetcher.FetchSetupIniAsync(CygwinArchitecture.X86_64, refresh: true, CancellationToken.None));
        Assert.AreEqual(ErrorCodes.CygwinMirrorUnreachable, error.Code);
        Assert.IsTrue(File.Exists(path), "a failed refresh keeps the cached copy");
    }

    [TestMethod]
    public async Task A_file_mirror_with_only_setup_ini_is_found_past_the_missing_compressed_forms_and_reread_every_time()
    {
        var scratch = TestPaths.NewScratchFolder("fetch-file");
        var mirror = Directory.CreateDirectory(Path.Combine(scratch, "mirror", "x86_64")).Parent!.FullName;
        File.Copy(Path.Combine(TestPaths.CalmFixtures, "calm-inifile-setup.ini"), Path.Combine(mirror, "x86_64", "setup.ini"));
        var fetcher = new CygwinFetcher(new MirrorClient(new Uri(mirror).AbsoluteUri, NullBuildLog.Instance), Path.Combine(scratch, "cache"), NullBuildLog.Instance);

        var path = await fetcher.FetchSetupIniAsync(CygwinArchitecture.X86_64, refresh: false, CancellationToken.None);

        Assert.AreEqual("setup.ini", Path.GetFileName(path));

        // A file:// mirror is often written by the build itself: it is read again every time, without a refresh.
        File.WriteAllText(Path.Combine(mirror, "x86_64", "setup.ini"), "release: cygwin\narch: x86_64\n");
        Assert.AreEqual("release: cygwin\narch: x86_64\n", File.ReadAllText(await fetcher.FetchSetupIniAsync(CygwinArchitecture.X86_64, refresh: false, CancellationToken.None)));
        File.Delete(Path.Combine(mirror, "x86_64", "setup.ini"));
        var error = await Assert.ThrowsExactlyAsync<WinVmException>(() => fetcher.FetchSetupIniAsync(CygwinArchitecture.X86_64, refresh: false, CancellationToken.None));
        Assert.AreEqual(ErrorCodes.CygwinSetupIniNotOnMirror, error.Code);
    }

    [TestMethod]
    public async Task A_32_bit_mirror_serves_its_setup_ini_from_x86_and_asked_for_64_bit_says_it_has_none()
    {
        var scratch = TestPaths.NewScratchFolder("fetch-x86");
        var mirror = Directory.CreateDirectory(Path.Combine(scratch, "circa", "x86")).Parent!.FullName;
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Cygwin", "Fixtures", "setup-x86-2016.ini"), Path.Combine(mirror, "x86", "setup.ini"));
        var fetcher = new CygwinFetcher(new MirrorClient(new Uri(mirror).AbsoluteUri, NullBuildLog.Instance), Path.Combine(scratch, "cache"), NullBuildLog.Instance);

        var x86 = await fetcher.FetchSetupIniAsync(CygwinArchitecture.X86, refresh: false, CancellationToken.None);
        var error = await Assert.ThrowsExactlyAsync<WinVmException>(() => fetcher.FetchSetupIniAsync(CygwinArchitecture.X86_64, refresh: false, CancellationToken.None));

        StringAssert.Contains(await File.ReadAllTextAsync(x86), "setup-version: 2.874");
        Assert.AreEqual(ErrorCodes.CygwinSetupIniNotOnMirror, error.Code);
        StringAssert.Contains(error.Message, "has none of x86_64/setup.xz");
        StringAssert.Contains(error.Message, "it serves no 64-bit Cygwin");
    }

    [TestMethod]
    [DataRow("ftp://mirror.example/cygwin")]
    [DataRow("mirrors/cygwin")]
    public void A_mirror_that_is_not_an_http_or_file_url_is_an_error(string mirror)
    {
        var error = Assert.ThrowsExactly<WinVmException>(() => new MirrorClient(mirror, NullBuildLog.Instance));

        Assert.AreEqual(ErrorCodes.CygwinMirrorUrlUnsupported, error.Code);
        StringAssert.Contains(error.Message, mirror);
    }

}
