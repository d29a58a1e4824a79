using System.Diagnostics;
using WinVmBuild.Cache;
using WinVmBuild.Diagnostics;
using WinVmBuild.Guests.TestGuest;
using WinVmBuild.Host;
using WinVmBuild.Media;
using WinVmBuild.Stages;

namespace WinVmBuild.IntegrationTests.Stages;

/// <summary>A guest whose install fails says so on its serial port: the stage fails at once with what it said.</summary>
[TestClass]
[RequiresHostPackages]
[TestCategory("Vm")]
public sealed class GuestFailureTests
{
    private const string MissingArchive = "x86_64/release/missing/missing-1.0-1.tar.xz";

    [TestMethod]
    public async Task An_install_that_fails_in_the_guest_is_WVB0409_with_the_guests_words_long_before_the_timeout()
    {
        var image = await TestGuestImage.SharedAsync();
        var folder = TestPaths.NewScratchFolder("guest-failure");

        // The image's media, with an answer floppy that asks for an archive the Cygwin CD does not hold.
        var media = image.Media with { Folder = Path.Combine(folder, "media") };
        await ProcessRunner.RunCheckedAsync(new ProcessSpec("cp", ["-a", image.Media.Folder, media.Folder]), CancellationToken.None);
        File.Delete(media.AnswerMedia);
        await AnswerMedium.WriteAsync(
            [
                new(TestGuestAnswerFile.FileName, TestGuestAnswerFile.Create([MissingArchive])),
                new(TestGuestAnswerFile.AuthorizedKeysFileName, await File.ReadAllTextAsync(media.PublicKey)),
            ],
            media.AnswerMedia,
            MediaKind.Floppy,
            CancellationToken.None);
        var log = new RecordingLog();
        var environment = image.Environment with { Cache = new StageCache(Path.Combine(folder, "cache")), Log = log };
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsExactlyAsync<WinVmException>(() => InstallStage.RunAsync(
            environment, image.Guest, media, installerIso: null, TimeSpan.FromMinutes(30),
            CancellationToken.None));

        Assert.AreEqual(ErrorCodes.GuestReportedFailure, error.Code, error.Message);
        StringAssert.Contains(error.Message, $"reported that it failed: could not unpack {MissingArchive}");
        Assert.IsTrue(clock.Elapsed < TimeSpan.FromMinutes(2), $"took {clock.Elapsed}");
        Assert.IsFalse(Directory.EnumerateDirectories(Path.Combine(folder, "cache", InstallStage.Name)).Any(), "a failed install left a cache entry");
        var session = log.SessionFolders.Single();
        Assert.IsEmpty(HostProcesses.OfSession(session), $"a process still uses {session}");
    }
}
