using WinVmBuild.Host;

namespace WinVmBuild.Tests.Host;

/// <summary>Standard output read as one binary stream while it comes: what the reader leaves is dropped, its failure stops the program.</summary>
[TestClass]
[RequiresHostPackages]
public sealed class ReadStandardOutputTests
{
    [TestMethod]
    public async Task A_reader_that_stops_early_leaves_the_program_to_finish_past_a_full_pipe()
    {
        var head = new byte[4];

        // 8 MB: far more than a pipe holds, so the program ends only if the rest is read for it.
        var result = await ProcessRunner.RunCheckedAsync(
            new ProcessSpec("head", ["-c", "8388608", "/dev/zero"]) { ReadStandardOutput = stream => stream.ReadExactlyAsync(head).AsTask() },
            CancellationToken.None);

        Assert.AreEqual(0, result.ExitCode);
        CollectionAssert.AreEqual(new byte[4], head);
        Assert.AreEqual(string.Empty, result.StandardOutput);
    }

    [TestMethod]
    public async Task A_reader_that_fails_stops_the_program_and_its_error_ends_the_run()
    {
        var started = DateTime.UtcNow;

        var error = await Assert.ThrowsExactlyAsync<InvalidDataException>(() => ProcessRunner.RunAsync(
            new ProcessSpec("sh", ["-c", "echo not what was expected; exec sleep 60"]) { ReadStandardOutput = _ => throw new InvalidDataException("unexpected") },
            CancellationToken.None));

        Assert.AreEqual("unexpected", error.Message);
        Assert.IsLessThan(TimeSpan.FromSeconds(30), DateTime.UtcNow - started, "the program was killed, not waited for");
    }
}
