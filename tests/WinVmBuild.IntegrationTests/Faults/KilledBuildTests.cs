using WinVmBuild.Host;
using WinVmBuild.IntegrationTests.EndToEnd;

namespace WinVmBuild.IntegrationTests.Faults;

/// <summary>
/// Builds ended from outside while a VM stage runs, as an OOM kill, a CI runner cancelling hard or Ctrl+C end them:
/// `dotnet build` of the test guest for real, the VM under TCG. Each proves that nothing is left (no process, no
/// session folder with its secrets, no half-written cache entry) and that the next build succeeds.
/// </summary>
[TestClass]
[RequiresHostPackages]
[TestCategory("EndToEnd")]
[TestCategory("Faults")]
public sealed class KilledBuildTests
{
    private static readonly TimeSpan StageStart = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Reaped = TimeSpan.FromSeconds(15);

    /// <summary>A command that waits as long as the project holds the file 'slow': a run stage that is still running.</summary>
    private const string Command = "test -f slow &amp;&amp; sleep 600; make";

    [TestMethod]
    [DataRow("install")]
    [DataRow("suspend")]
    [DataRow("run")]
    public async Task A_build_killed_with_SIGKILL_during_a_stage_stops_its_VM_within_seconds_and_the_next_build_succeeds(string stage)
    {
        var (project, settings) = await ProjectAsync($"sigkill-{stage}", stage);
        var build = RunningProcess.Start(SdkPackage.DotnetSpec(project.Folder, ["build", .. settings]));
        await using (build)
        {
            var (qemu, _) = await LiveSessions.WaitForQemuAsync(stage, StageStart);

            // Only the process that runs the stage's task (QEMU's parent), by its id, while QEMU is alive: a kill of the
            // whole process group would stop QEMU by itself and prove nothing.
            await HostProcesses.KillAsync(LiveSessions.ParentOf(qemu));
            await build.Completion.WaitAsync(TimeSpan.FromMinutes(2));

            Assert.IsTrue(await HostProcesses.WaitUntilGoneAsync(qemu, Reaped), $"QEMU outlived the killed build by {Reaped.TotalSeconds:0} s");
        }

        var (processes, folders) = await LiveSessions.LeftAfterAsync(Reaped);
        await AssertNextBuildSucceedsAsync(project, settings, $"SIGKILL during {stage}", processes, folders);
    }

    [TestMethod]
    public async Task A_killed_build_whose_watcher_was_killed_too_is_reaped_by_the_next_build()
    {
        var (project, settings) = await ProjectAsync("sigkill-watcher", "run");
        var build = RunningProcess.Start(SdkPackage.DotnetSpec(project.Folder, ["build", .. settings]));
        int qemu;
        await using (build)
        {
            (qemu, var folder) = await LiveSessions.WaitForQemuAsync("run", StageStart);
            foreach (var watcher in HostProcesses.FindByCommandLine("--watch " + folder))
            {
                await HostProcesses.KillAsync(watcher);
            }

            await HostProcesses.KillAsync(LiveSessions.ParentOf(qemu));
            await build.Completion.WaitAsync(TimeSpan.FromMinutes(2));
        }

        Assert.IsTrue(HostProcesses.IsAlive(qemu), "without its watcher, only the next build can stop the dead build's QEMU");
        File.Delete(Path.Combine(project.Folder, "slow"));
        var next = await project.BuildAsync(settings);

        var bad = await CacheAudit.BadEntriesAsync(TestGuestProject.CacheDir);
        FaultReport.Record(
            "SIGKILL of the build and of its watcher during run", "its QEMU runs on until the next build, which reaps it and succeeds",
            LiveSessions.Processes().Count, LiveSessions.Folders().Count, bad.Count);
        BuildAssert.Succeeded(next);
        StringAssert.Contains(next.StandardOutput, "reaped the session 'run-");
        Assert.IsFalse(HostProcesses.IsAlive(qemu), "the next build left the dead build's QEMU running");
        Assert.IsEmpty(LiveSessions.Folders());
        Assert.IsEmpty(bad, string.Join('\n', bad));
    }

    [TestMethod]
    [DataRow("install")]
    [DataRow("suspend")]
    [DataRow("run")]
    public async Task Ctrl_C_during_a_stage_stops_the_build_and_every_process_it_started(string stage)
    {
        var (project, settings) = await ProjectAsync($"ctrl-c-{stage}", stage);
        var dotnet = SdkPackage.DotnetSpec(project.Folder, ["build", .. settings]);

        // As a terminal starts it: a test run started in the background ignores SIGINT, and its children would inherit that.
        var build = RunningProcess.Start(dotnet with { FileName = "env", Arguments = ["--default-signal=INT", dotnet.FileName, .. dotnet.Arguments] });
        await using (build)
        {
            var (qemu, _) = await LiveSessions.WaitForQemuAsync(stage, StageStart);
            await ProcessRunner.RunCheckedAsync(new ProcessSpec("kill", ["-INT", build.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]), CancellationToken.None);
            var stopped = await Task.WhenAny(build.Completion, Task.Delay(TimeSpan.FromMinutes(2)));
            Assert.AreSame(build.Completion, stopped, "the build did not stop within 2 minutes of Ctrl+C");

            var result = await build.Completion;
            Assert.AreNotEqual(0, result.ExitCode);
            Assert.IsTrue(await HostProcesses.WaitUntilGoneAsync(qemu, Reaped), "QEMU outlived the interrupted build");
        }

        var (processes, folders) = await LiveSessions.LeftAfterAsync(TimeSpan.Zero);
        await AssertNextBuildSucceedsAsync(project, settings, $"Ctrl+C during {stage}", processes, folders);
    }

    /// <summary>
    /// A project whose build reaches <paramref name="stage"/> as its first stage to do work, on the shared test cache:
    /// an installer ISO of its own makes a new install, a memory size of its own a new snapshot, and the run stage of
    /// an already snapshotted image waits (the file 'slow') until it is interrupted.
    /// </summary>
    private static async Task<(SdkTestProject Project, string[] Settings)> ProjectAsync(string name, string stage)
    {
        var project = await TestGuestProject.StandaloneAsync(name, Command, "survived\n");
        await File.WriteAllTextAsync(Path.Combine(project.Folder, "slow"), "remove me to let the command finish\n");
        string[] settings = stage switch
        {
            "install" => [$"-p:WinVmIso={UniqueIso()}"],
            "suspend" => [$"-p:WinVmMemory={320 + Random.Shared.Next(64)}"],
            _ => [],
        };
        if (stage == "run")
        {
            BuildAssert.Succeeded(await project.BuildAsync(["-t:WinVmSuspend", .. settings]));
        }

        return (project, settings);
    }

    /// <summary>
    /// Asserts that the interrupted build left nothing, then that the next build succeeds and leaves no bad cache entry;
    /// records the fault's row of docs/reliability.md.
    /// </summary>
    private static async Task AssertNextBuildSucceedsAsync(SdkTestProject project, string[] settings, string fault, int processes, int folders)
    {
        Assert.AreEqual(0, processes, "processes of the interrupted build are still running");
        Assert.AreEqual(0, folders, "the interrupted build's session folder, with its secrets, is still there");

        File.Delete(Path.Combine(project.Folder, "slow"));
        var next = await project.BuildAsync(settings);
        var bad = await CacheAudit.BadEntriesAsync(TestGuestProject.CacheDir);
        FaultReport.Record(fault, next.ExitCode == 0 ? "the build stops; the next build succeeds" : "the next build FAILED", processes, folders, bad.Count);

        BuildAssert.Succeeded(next);
        Assert.AreEqual("survived\n", await File.ReadAllTextAsync(BuildAssert.Collected(project)));
        Assert.IsEmpty(bad, string.Join('\n', bad));
        Assert.IsEmpty(LiveSessions.Folders());
    }

    /// <summary>An installer ISO no other build has: the test guest attaches it unread, and the install key holds its bytes.</summary>
    private static string UniqueIso()
    {
        var path = Path.Combine(TestPaths.NewScratchFolder("unique-iso"), "unique.iso");
        var bytes = new byte[1 << 20];
        Guid.NewGuid().TryWriteBytes(bytes);
        File.WriteAllBytes(path, bytes);
        return path;
    }

}
