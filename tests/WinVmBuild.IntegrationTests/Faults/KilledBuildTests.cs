using System.Security.Cryptography;
using WinVmBuild.Host;
using WinVmBuild.IntegrationTests.EndToEnd;

namespace WinVmBuild.IntegrationTests.Faults;

/// <summary>
/// Builds ended from outside in the middle of a VM stage's work (<see cref="MidStage"/>), as an OOM kill, a CI runner
/// cancelling hard or Ctrl+C in a terminal end them: `dotnet build` of the test guest for real, the VM under TCG. Each
/// proves that nothing is left (no process of the build's sessions, whatever it calls itself and wherever it works; no
/// session folder with its secrets; no half-written cache entry) and that the next build succeeds.
/// </summary>
[TestClass]
[RequiresHostPackages]
[TestCategory("EndToEnd")]
[TestCategory("Faults")]
public sealed class KilledBuildTests
{
    private static readonly TimeSpan StageStart = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Reaped = TimeSpan.FromSeconds(15);

    [TestMethod]
    [DataRow("install")]
    [DataRow("suspend")]
    [DataRow("run")]
    public async Task A_build_killed_with_SIGKILL_in_the_middle_of_a_stage_stops_its_VM_within_seconds_and_the_next_build_succeeds(string stage)
    {
        var (project, settings) = await ProjectAsync($"sigkill-{stage}", stage);
        var midStage = new MidStage();
        var build = RunningProcess.Start(SdkPackage.DotnetSpec(project.Folder, ["build", .. settings], midStage.OnOutputLine, MidStage.StateWriterHeld));
        await using (build)
        {
            var (qemu, _) = await midStage.WaitAsync(build, stage, TestGuestProject.CacheDir, StageStart);

            // Only the process that runs the stage's task (QEMU's parent), by its id, while QEMU is alive: a kill of the
            // whole process group would stop QEMU by itself and prove nothing.
            await HostProcesses.KillAsync(HostProcesses.ParentOf(qemu));
            await build.Completion.WaitAsync(TimeSpan.FromMinutes(2));

            Assert.IsTrue(await HostProcesses.WaitUntilGoneAsync(qemu, Reaped), $"QEMU outlived the killed build by {Reaped.TotalSeconds:0} s");
        }

        var left = await Leftovers.MeasureAsync(Reaped, caches: []);
        await AssertNextBuildSucceedsAsync(project, settings, $"SIGKILL during {stage}, {Moment(stage)}", left);
    }

    [TestMethod]
    [DataRow("install")]
    [DataRow("suspend")]
    [DataRow("run")]
    public async Task Ctrl_C_in_the_middle_of_a_stage_stops_the_build_and_every_process_it_started(string stage)
    {
        var (project, settings) = await ProjectAsync($"ctrl-c-{stage}", stage);
        var midStage = new MidStage();
        var dotnet = SdkPackage.DotnetSpec(project.Folder, ["build", .. settings], midStage.OnOutputLine, MidStage.StateWriterHeld);

        // As a terminal runs it: the leader of a process group of its own (setsid), SIGINT at its default (a test run
        // started in the background ignores SIGINT, and its children would inherit that).
        var build = RunningProcess.Start(dotnet with { FileName = "setsid", Arguments = ["--wait", "env", "--default-signal=INT", dotnet.FileName, .. dotnet.Arguments] });
        await using (build)
        {
            var (qemu, _) = await midStage.WaitAsync(build, stage, TestGuestProject.CacheDir, StageStart);

            // Ctrl+C: the terminal sends SIGINT to every process of its foreground group, the build's and all it started
            // (QEMU and its children too; the session's watcher ignores it).
            var group = HostProcesses.GroupOf(qemu);
            Assert.AreNotEqual(HostProcesses.GroupOf(Environment.ProcessId), group, "the build runs in a process group of its own");
            await HostProcesses.InterruptGroupAsync(group);
            var stopped = await Task.WhenAny(build.Completion, Task.Delay(TimeSpan.FromMinutes(2)));
            Assert.AreSame(build.Completion, stopped, "the build did not stop within 2 minutes of Ctrl+C");

            var result = await build.Completion;
            Assert.AreNotEqual(0, result.ExitCode);
            Assert.IsTrue(await HostProcesses.WaitUntilGoneAsync(qemu, Reaped), "QEMU outlived the interrupted build");
        }

        // The build cleaned up by itself: nothing is left the moment it has ended.
        var left = await Leftovers.MeasureAsync(TimeSpan.Zero, caches: []);
        await AssertNextBuildSucceedsAsync(project, settings, $"Ctrl+C during {stage}, {Moment(stage)}", left);
    }

    [TestMethod]
    public async Task A_build_killed_while_its_command_reads_a_share_leaves_no_smbd_and_no_other_process_of_its_session()
    {
        var share = TestPaths.NewScratchFolder("sigkill-share");
        await File.WriteAllBytesAsync(Path.Combine(share, "big"), RandomNumberGenerator.GetBytes(16 << 20));
        var (project, settings) = await ProjectAsync(
            "sigkill-share", "run", MidStage.Command("cat /mnt/tools/big &gt; /dev/null"),
            $"""<ItemGroup><WinVmShare Include="{share}" Name="tools" /></ItemGroup>""");
        var midStage = new MidStage();
        var build = RunningProcess.Start(SdkPackage.DotnetSpec(project.Folder, ["build", .. settings], midStage.OnOutputLine));
        IReadOnlyList<int> session;
        await using (build)
        {
            var (qemu, folder) = await midStage.WaitAsync(build, "run", TestGuestProject.CacheDir, StageStart);
            (session, var smbd) = await ServingAsync(folder, share);

            // Stuck, as on a share whose disk hangs: it will not end by itself when QEMU is gone and its client with it.
            await HostProcesses.StopAsync(smbd);
            await HostProcesses.KillAsync(HostProcesses.ParentOf(qemu));
            await build.Completion.WaitAsync(TimeSpan.FromMinutes(2));
        }

        var left = await Leftovers.MeasureAsync(Reaped, caches: []);
        var survivors = session.Where(HostProcesses.IsAlive).ToList();
        var described = survivors.Select(HostProcesses.Describe).ToList();
        foreach (var survivor in survivors)
        {
            await HostProcesses.KillAsync(survivor);
        }

        Assert.IsEmpty(described, "processes of the killed build's session survived:\n" + string.Join('\n', described));
        await AssertNextBuildSucceedsAsync(project, settings, "SIGKILL while the command reads a share, its smbd stuck", left);
    }

    [TestMethod]
    public async Task A_killed_build_whose_watcher_was_killed_too_is_reaped_by_the_next_build()
    {
        var (project, settings) = await ProjectAsync("sigkill-watcher", "run");
        var midStage = new MidStage();
        var build = RunningProcess.Start(SdkPackage.DotnetSpec(project.Folder, ["build", .. settings], midStage.OnOutputLine));
        int qemu;
        await using (build)
        {
            (qemu, var folder) = await midStage.WaitAsync(build, "run", TestGuestProject.CacheDir, StageStart);
            foreach (var watcher in HostProcesses.FindByCommandLine("--watch " + folder))
            {
                await HostProcesses.KillAsync(watcher);
            }

            await HostProcesses.KillAsync(HostProcesses.ParentOf(qemu));
            await build.Completion.WaitAsync(TimeSpan.FromMinutes(2));
        }

        Assert.IsTrue(HostProcesses.IsAlive(qemu), "without its watcher, only the next build can stop the dead build's QEMU");
        File.Delete(Path.Combine(project.Folder, "slow"));
        var next = await project.BuildAsync(settings);

        BuildAssert.Succeeded(next);
        StringAssert.Contains(next.StandardOutput, "reaped the session 'run-");
        Assert.IsFalse(HostProcesses.IsAlive(qemu), "the next build left the dead build's QEMU running");
        FaultReport.Record(
            "SIGKILL of the build and of its watcher during run", "its QEMU runs on until the next build, which reaps it and succeeds",
            await Leftovers.MeasureAsync(TimeSpan.Zero, caches: [TestGuestProject.CacheDir]));
    }

    /// <summary>Where in the stage a fault of these tests lands (<see cref="MidStage"/>), as its row says it.</summary>
    private static string Moment(string stage) => stage switch
    {
        "install" => "once the guest has unpacked an archive",
        "suspend" => "while the snapshot's state is being saved",
        _ => "while the command runs, after its first line",
    };

    /// <summary>
    /// Waits until the guest reads the share through an smbd of the session <paramref name="folder"/>; returns the
    /// session's processes then, and that smbd. smbd works in the share, not in the session's folder, and names itself
    /// as it pleases: only the session's mark finds it.
    /// </summary>
    private static async Task<(IReadOnlyList<int> Session, int Smbd)> ServingAsync(string folder, string share)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            var processes = HostProcesses.OfSession(folder);
            var serving = processes.Where(pid => HostProcesses.ProgramName(pid).StartsWith("smbd", StringComparison.Ordinal)
                && new DirectoryInfo($"/proc/{pid}/cwd").LinkTarget == share).ToList();
            if (serving.Count > 0)
            {
                return (processes, serving[0]);
            }

            Assert.IsTrue(DateTime.UtcNow < deadline, $"no smbd of {folder} serves {share}:\n{string.Join('\n', processes.Select(HostProcesses.Describe))}");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// A project whose build reaches <paramref name="stage"/> as its first stage to do work, on the shared test cache:
    /// an installer ISO of its own makes a new install, a memory size of its own a new snapshot, and the run stage of
    /// an already snapshotted image runs <paramref name="command"/>, which goes on until the file 'slow' is deleted.
    /// </summary>
    private static async Task<(SdkTestProject Project, string[] Settings)> ProjectAsync(string name, string stage, string? command = null, string extra = "")
    {
        var project = await TestGuestProject.StandaloneAsync(name, command ?? MidStage.Command(), "survived\n", extra);
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
    /// Records the fault's row of docs/reliability.md, with what the interrupted build <paramref name="left"/> and the
    /// cache as the next build leaves it, once that build has succeeded.
    /// </summary>
    private static async Task AssertNextBuildSucceedsAsync(SdkTestProject project, string[] settings, string fault, Leftovers left)
    {
        File.Delete(Path.Combine(project.Folder, "slow"));
        var next = await project.BuildAsync(settings);

        BuildAssert.Succeeded(next);
        Assert.AreEqual("survived\n", await File.ReadAllTextAsync(BuildAssert.Collected(project)));
        FaultReport.Record(fault, "the build stops; the next build succeeds", await left.WithCachesAuditedAsync(TestGuestProject.CacheDir));
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
