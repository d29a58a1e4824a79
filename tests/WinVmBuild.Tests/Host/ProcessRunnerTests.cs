using WinVmBuild.Diagnostics;
using WinVmBuild.Host;

namespace WinVmBuild.Tests.Host;

[TestClass]
[RequiresHostPackages]
public sealed class ProcessRunnerTests
{
    [TestMethod]
    public async Task Returns_exit_code_and_streams_lines_as_they_arrive()
    {
        var lines = new List<string>();
        var result = await ProcessRunner.RunAsync(
            new ProcessSpec("sh", ["-c", "echo one; echo two >&2; read x; echo \"got $x\"; exit 7"])
            {
                StandardInput = "input\n",
                OnOutputLine = lines.Add,
            },
            CancellationToken.None);

        Assert.AreEqual(7, result.ExitCode);
        CollectionAssert.AreEqual(new[] { "one", "got input" }, lines);
        Assert.AreEqual("two\n", result.StandardError);
    }

    [TestMethod]
    public async Task A_missing_program_is_a_coded_error_naming_its_package()
    {
        var error = await Assert.ThrowsExactlyAsync<WinVmException>(() => ProcessRunner.RunAsync(
            new ProcessSpec("winvmbuild-no-such-tool", []) { DebianPackage = "no-such-package" },
            CancellationToken.None));

        Assert.AreEqual(ErrorCodes.HostToolMissing, error.Code);
        StringAssert.Contains(error.Message, "no-such-package");
    }

    [TestMethod]
    public async Task A_failing_program_is_a_coded_error_with_its_last_lines()
    {
        var error = await Assert.ThrowsExactlyAsync<WinVmException>(() => ProcessRunner.RunCheckedAsync(
            new ProcessSpec("sh", ["-c", "echo broken >&2; exit 3"]), CancellationToken.None));

        Assert.AreEqual(ErrorCodes.HostToolFailed, error.Code);
        StringAssert.Contains(error.Message, "broken");
    }

    [TestMethod]
    public async Task Cancellation_kills_the_process_and_its_children()
    {
        var scratch = TestPaths.NewScratchFolder("cancel");
        var pidFile = Path.Combine(scratch, "child.pid");
        using var cancellation = new CancellationTokenSource();
        var run = ProcessRunner.RunAsync(
            new ProcessSpec("sh", ["-c", $"sleep 300 & echo $! > {pidFile}; wait"]),
            cancellation.Token);
        while (!File.Exists(pidFile) || new FileInfo(pidFile).Length == 0)
        {
            await Task.Delay(20);
        }

        cancellation.Cancel();
        await Assert.ThrowsAsync<OperationCanceledException>(() => run);

        var child = int.Parse(File.ReadAllText(pidFile).Trim());
        Assert.IsTrue(await HostProcesses.WaitUntilGoneAsync(child, TimeSpan.FromSeconds(5)), "the child 'sleep' is still running");
    }
}
