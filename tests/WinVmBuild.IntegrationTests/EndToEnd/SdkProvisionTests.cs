using WinVmBuild.IntegrationTests.Registry;

namespace WinVmBuild.IntegrationTests.EndToEnd;

/// <summary>
/// Provisioning as a user meets it, with `dotnet build`: two <c>WinVmProvision</c> steps install a tool from a
/// <c>WinVmProvisionFile</c> into the image and run it, the command runs it too; a runner with an empty cache pulls the layers from a
/// registry instead of running the steps; a changed step reruns alone; a build that changes only the project runs no
/// provisioning VM at all.
/// </summary>
[TestClass]
[RequiresHostPackages]
[TestCategory("EndToEnd")]
[TestCategory("Registry")]
public sealed class SdkProvisionTests
{
    private const string Command = "/opt/tool/hello &amp;&amp; cat /opt/tool/steps";
    private const string Snapshotting = "WinVmBuild: suspend: booting the installed guest";

    private const string Items = """
          <ItemGroup>
            <WinVmProvision Include="provision/10-tool.sh" />
            <WinVmProvision Include="provision/20-note.sh" />
            <WinVmProvisionFile Include="installers/**" Step="10-tool.sh" />
          </ItemGroup>
        """;

    [TestMethod]
    public async Task Steps_install_a_tool_the_command_runs_each_cached_pulled_by_another_runner_and_only_a_changed_one_reruns()
    {
        await using var registry = await DistributionRegistry.StartAsync(RegistryAuth.None);
        var files = new Dictionary<string, string>(TestGuestProject.Sources("unused\n"))
        {
            ["Hello.proj"] = await TestGuestProject.StandaloneProjectAsync(Command, Items),
            ["installers/hello.sh"] = "#!/bin/sh\necho \"hello from the provisioned tool\"\n",
            ["provision/10-tool.sh"] = "mkdir -p /opt/tool && cp ../installers/hello.sh /opt/tool/hello && chmod +x /opt/tool/hello && echo 10 > /opt/tool/steps\n",
            ["provision/20-note.sh"] = "/opt/tool/hello | sed 's/^/step 20: /' >> /opt/tool/steps\n",
        };
        var project = await SdkTestProject.CreateAsync("provision", files);

        var first = await project.BuildAsync($"-p:WinVmCacheRegistry={registry.Reference}", "-p:WinVmCachePush=true");
        BuildAssert.Succeeded(first);
        BuildAssert.InOrder(
            first.StandardOutput,
            "WinVmBuild: layer: running 10-tool.sh",
            "10-tool.sh ran",
            "WinVmBuild: layer: running 20-note.sh",
            "20-note.sh ran",
            Snapshotting,
            "hello from the provisioned tool",
            "step 20: hello from the provisioned tool",
            BuildAssert.RunLine);
        StringAssert.Contains(first.StandardOutput, "WinVmBuild: layer: pushed");

        // Another runner, an empty cache: the layers come from the registry, no step runs.
        var runner = await SdkTestProject.CreateAsync("provision-runner", files);
        var pulled = await runner.BuildAsync($"-p:WinVmCacheRegistry={registry.Reference}", $"-p:WinVmCacheDir={TestPaths.NewScratchFolder("provision-runner-cache")}");
        BuildAssert.Succeeded(pulled);
        BuildAssert.InOrder(pulled.StandardOutput, "WinVmBuild: layer: pulled", "WinVmBuild: suspend: pulled", "hello from the provisioned tool");
        BuildAssert.None(pulled.StandardOutput, "WinVmBuild: layer: running", Snapshotting);

        // The second step changes: it alone runs again, from the first step's layer.
        await File.WriteAllTextAsync(Path.Combine(project.Folder, "provision", "20-note.sh"), "echo 20-changed >> /opt/tool/steps\n");
        var changed = await project.BuildAsync();
        BuildAssert.Succeeded(changed);
        BuildAssert.InOrder(changed.StandardOutput, "WinVmBuild: layer: running 20-note.sh", Snapshotting, "20-changed", BuildAssert.RunLine);
        BuildAssert.None(changed.StandardOutput, "WinVmBuild: layer: running 10-tool.sh");

        // Only the project changes: no provisioning VM, no snapshot, the tool is still there.
        await File.WriteAllTextAsync(Path.Combine(project.Folder, "message.txt"), "the project changed\n");
        var again = await project.BuildAsync();
        BuildAssert.Succeeded(again);
        BuildAssert.InOrder(again.StandardOutput, "hello from the provisioned tool", BuildAssert.RunLine);
        BuildAssert.None(again.StandardOutput, "WinVmBuild: layer: running", Snapshotting);
    }
}
