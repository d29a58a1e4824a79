namespace WinVmBuild.IntegrationTests.EndToEnd;

/// <summary>
/// The stage tasks yield their MSBuild node while they work, so other projects of the same build go on. MSBuild runs
/// at most as many requests as it has nodes, and lets one more run for each request that has yielded (with two nodes,
/// three in all: its Scheduler's limit; with one node, none ever). So a `dotnet build -m:2` of a test-guest project and
/// two copies of a host project that can finish only by running at the same time, and only while the guest's command
/// runs: they can, only if the guest's run stage has yielded its node.
/// </summary>
[TestClass]
[RequiresHostPackages]
[TestCategory("EndToEnd")]
public sealed class SdkYieldTests
{
    /// <summary>Builds the three at once; restores them for `dotnet build`, as Microsoft.Build.Traversal does.</summary>
    private const string Traversal = """
        <Project DefaultTargets="Build">
          <ItemGroup>
            <Part Include="guest/Guest.proj" />
            <Part Include="other/Other.proj" Properties="Me=x;Peer=y" />
            <Part Include="other/Other.proj" Properties="Me=y;Peer=x" />
          </ItemGroup>
          <Target Name="Restore">
            <MSBuild Projects="guest/Guest.proj" Targets="Restore" />
          </Target>
          <Target Name="Build">
            <MSBuild Projects="@(Part)" BuildInParallel="true" />
          </Target>
        </Project>
        """;

    /// <summary>In the guest: says it runs, through the share, then waits (a bounded time) for both answers.</summary>
    private const string GuestCommand = """
        echo started > /mnt/sync/started
        i=0
        until [ -e /mnt/sync/answered-x ] && [ -e /mnt/sync/answered-y ]; do
          i=$((i + 1))
          if [ "$i" -gt 180 ]; then echo "no answers: the other projects did not run together while this VM ran"; exit 7; fi
          sleep 1
        done
        echo "both other projects answered while this VM ran"
        mkdir -p out && echo answered > out/hello.txt

        """;

    /// <summary>
    /// On the host: waits for the guest's command with a yielding Exec, which leaves its node to the guest's project between
    /// its stages; then answers with one that keeps its node, and can only finish when its peer is running too.
    /// </summary>
    private const string OtherProject = """
        <Project DefaultTargets="Build">
          <Target Name="Build" DependsOnTargets="WaitForTheGuest;Answer" />
          <Target Name="WaitForTheGuest">
            <Exec Command="sh wait.sh $(SyncFolder)" YieldDuringToolExecution="true" />
          </Target>
          <Target Name="Answer">
            <Exec Command="sh answer.sh $(SyncFolder) $(Me) $(Peer)" />
          </Target>
        </Project>
        """;

    private const string Wait = """
        i=0
        while [ ! -e "$1/started" ]; do
          i=$((i + 1))
          if [ "$i" -gt 1800 ]; then echo "the guest's command never started" >&2; exit 3; fi
          sleep 1
        done

        """;

    private const string Answer = """
        touch "$1/$2-running"
        i=0
        while [ ! -e "$1/$3-running" ]; do
          i=$((i + 1))
          if [ "$i" -gt 120 ]; then echo "$3 never ran beside $2" >&2; exit 3; fi
          sleep 1
        done
        touch "$1/answered-$2"

        """;

    [TestMethod]
    public async Task Other_projects_of_the_same_build_go_on_while_the_guests_vm_runs()
    {
        var sync = TestPaths.NewScratchFolder("sync");
        var project = await SdkTestProject.CreateAsync("yield", new Dictionary<string, string>
        {
            ["Both.proj"] = Traversal,
            ["guest/Guest.proj"] = await TestGuestProject.StandaloneProjectAsync(
                "sh command.sh", $"""<ItemGroup><WinVmShare Include="{sync}" Name="sync" /></ItemGroup>"""),
            ["guest/command.sh"] = GuestCommand,
            ["other/Other.proj"] = OtherProject,
            ["other/wait.sh"] = Wait,
            ["other/answer.sh"] = Answer,
        });
        var log = BinaryLog.NewPath("yield");

        var build = await project.DotnetAsync("build", "Both.proj", "-m:2", $"-p:SyncFolder={sync}", $"-bl:{log}");

        BuildAssert.Succeeded(build);
        var binary = BinaryLog.Read(log);
        var run = binary.TaskTimes("Guest.proj", "RunGuestCommand");
        var answered = binary.TargetsFinished("Other.proj", "Answer");
        Assert.HasCount(2, answered);
        foreach (var finished in answered)
        {
            Assert.IsTrue(run.Started < finished && finished < run.Finished, $"run stage {run.Started:O} to {run.Finished:O}; an answer finished {finished:O}");
        }

        CollectionAssert.Contains(binary.Messages.ToList(), "both other projects answered while this VM ran");
    }
}
