using System.Diagnostics;
using WinVmBuild.Diagnostics;
using WinVmBuild.Media;
using WinVmBuild.Stages;

namespace WinVmBuild.IntegrationTests.Stages;

/// <summary>A guest whose install fails says so on its serial port: the stage fails at once with what it said.</summary>
[TestClass]
[TestCategory("Vm")]
public sealed class GuestFailureTests
{
    private const string MissingArchive = "x86_64/release/missing/missing-1.0-1.tar.xz";

    [TestMethod]
    public async Task An_install_that_fails_in_the_guest_is_WVB0409_with_the_guests_words_long_before_the_timeout()
    {
        var image = await TestGuestImage.SharedAsync();
        var folder = TestPaths.NewScratchFolder("guest-failure");
        var answer = await UnattendedMediaBuilder.CreateAsync(
            new UnattendedMediaRequest
            {
                Version = WindowsVersion.TestGuest,
                CygwinPackages = [new CygwinPackageItem(MissingArchive, "missing")],
                SshPublicKeyFile = image.Key.PublicKeyFile,
                OutputFile = Path.Combine(folder, "answer.floppy"),
            },
            NullBuildLog.Instance,
            CancellationToken.None);
        var log = new RecordingLog();
        var environment = image.Environment with { Cache = new StageCache(Path.Combine(folder, "cache")), Log = log };
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsExactlyAsync<WinVmException>(() => InstallStage.RunAsync(
            environment, image.Guest, image.Media with { AnswerMedia = answer.ImageFile }, image.Key.PrivateKeyFile, TimeSpan.FromMinutes(30),
            CancellationToken.None));

        Assert.AreEqual(ErrorCodes.GuestReportedFailure, error.Code, error.Message);
        StringAssert.Contains(error.Message, $"reported that it failed: could not unpack {MissingArchive}");
        Assert.IsTrue(clock.Elapsed < TimeSpan.FromMinutes(2), $"took {clock.Elapsed}");
        Assert.IsFalse(Directory.EnumerateDirectories(Path.Combine(folder, "cache", InstallStage.Name)).Any(), "a failed install left a cache entry");
        var session = log.SessionFolders.Single();
        Assert.IsEmpty(HostProcesses.FindUsing(session), $"a process still uses {session}");
    }
}
