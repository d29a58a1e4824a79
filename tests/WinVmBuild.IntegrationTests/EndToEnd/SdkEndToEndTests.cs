namespace WinVmBuild.IntegrationTests.EndToEnd;

/// <summary>
/// `dotnet build` of user projects against the freshly packed WinVmBuild.Sdk, in both usages. Each stage's
/// Core target announces itself with one "WinVmBuild: &lt;stage&gt;" line; these tests read those lines.
/// </summary>
[TestClass]
[TestCategory("EndToEnd")]
public sealed class SdkEndToEndTests
{
    private const string MediaLine = "WinVmBuild: media";
    private const string InstallLine = "WinVmBuild: install";
    private const string SuspendLine = "WinVmBuild: memory snapshot";
    private const string RunLine = "WinVmBuild: run";
    private const string OverrideMarker = "USER-WINVMRUN-REPLACED-THE-SDK";

    private static string StandaloneProject => $"""
        <Project Sdk="WinVmBuild.Sdk/{SdkPackage.Version}">
          <PropertyGroup>
            <WinVmGuest>test</WinVmGuest>
            <WinVmCommand>make</WinVmCommand>
          </PropertyGroup>
        </Project>
        """;

    private static string CsprojWithSdkElement => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <Sdk Name="WinVmBuild.Sdk" Version="{SdkPackage.Version}" />
          <PropertyGroup>
            <TargetFramework>net$(BundledNETCoreAppTargetFrameworkVersion)</TargetFramework>
            <WinVmGuest>test</WinVmGuest>
            <WinVmCommand>make</WinVmCommand>
          </PropertyGroup>
        </Project>
        """;

    private const string UserReplacesWinVmRun = $"""
        <Project>
          <Target Name="WinVmRun">
            <Message Importance="high" Text="{OverrideMarker}" />
          </Target>
        </Project>
        """;

    [TestMethod]
    public async Task A_standalone_project_without_a_target_framework_runs_every_stage_then_only_what_changed_until_rebuilt()
    {
        var project = await SdkTestProject.CreateAsync("standalone", new Dictionary<string, string> { ["Hello.proj"] = StandaloneProject });

        var first = await project.BuildAsync();
        AssertSucceeded(first);
        AssertInOrder(first.StandardOutput, MediaLine, InstallLine, SuspendLine, RunLine);
        Assert.AreEqual(0, Directory.GetFiles(project.Folder, "*.dll", SearchOption.AllDirectories).Length, "nothing is compiled");

        var unchanged = await project.BuildAsync();
        AssertSucceeded(unchanged);
        AssertNone(unchanged.StandardOutput, MediaLine, InstallLine, SuspendLine, RunLine);

        var newCommand = await project.BuildAsync("-p:WinVmCommand=make check");
        AssertSucceeded(newCommand);
        StringAssert.Contains(newCommand.StandardOutput, "WinVmBuild: run 'make check'");
        AssertNone(newCommand.StandardOutput, MediaLine, InstallLine, SuspendLine);

        var rebuild = await project.BuildAsync("-t:Rebuild");
        AssertSucceeded(rebuild);
        AssertInOrder(rebuild.StandardOutput, MediaLine, InstallLine, SuspendLine, RunLine);
    }

    [TestMethod]
    public async Task A_csproj_with_the_sdk_element_compiles_then_runs_the_guest_command()
    {
        var project = await SdkTestProject.CreateAsync("additive", new Dictionary<string, string>
        {
            ["Library.csproj"] = CsprojWithSdkElement,
            ["Greeting.cs"] = "namespace Library; public static class Greeting { public const string Text = \"hello\"; }",
        });

        var build = await project.BuildAsync();

        AssertSucceeded(build);
        AssertInOrder(build.StandardOutput, "Library.dll", MediaLine, InstallLine, SuspendLine, RunLine);
    }

    [TestMethod]
    public async Task A_multi_targeting_csproj_runs_the_guest_command_once_not_once_per_framework()
    {
        var project = await SdkTestProject.CreateAsync("multi-targeting", new Dictionary<string, string>
        {
            ["Library.csproj"] = CsprojWithSdkElement.Replace("TargetFramework>", "TargetFrameworks>"),
            ["Greeting.cs"] = "namespace Library; public static class Greeting { }",
        });

        var build = await project.BuildAsync();

        AssertSucceeded(build);
        Assert.AreEqual(1, build.StandardOutput.Split(RunLine).Length - 1, build.StandardOutput);
    }

    [TestMethod]
    [DataRow("Hello.proj", true)]
    [DataRow("Library.csproj", false)]
    public async Task WinVmRun_in_Directory_Build_targets_replaces_the_sdks(string projectFile, bool standalone)
    {
        var project = await SdkTestProject.CreateAsync("override", new Dictionary<string, string>
        {
            [projectFile] = standalone ? StandaloneProject : CsprojWithSdkElement,
            ["Directory.Build.targets"] = UserReplacesWinVmRun,
        });

        var build = await project.BuildAsync();

        AssertSucceeded(build);
        StringAssert.Contains(build.StandardOutput, OverrideMarker);
        AssertNone(build.StandardOutput, MediaLine, RunLine);
    }

    [TestMethod]
    public async Task A_hook_and_a_DependsOn_property_set_by_the_project_run_around_the_stage()
    {
        var project = await SdkTestProject.CreateAsync("hooks", new Dictionary<string, string>
        {
            ["Hello.proj"] = StandaloneProject.Replace("</Project>", """
                  <PropertyGroup>
                    <WinVmRunDependsOn>$(WinVmRunDependsOn);PublishGuestLog</WinVmRunDependsOn>
                  </PropertyGroup>
                  <Target Name="BeforeWinVmInstall">
                    <Message Importance="high" Text="USER-BEFORE-INSTALL" />
                  </Target>
                  <Target Name="PublishGuestLog">
                    <Message Importance="high" Text="USER-AFTER-RUN" />
                  </Target>
                </Project>
                """),
        });

        var build = await project.BuildAsync();

        AssertSucceeded(build);
        AssertInOrder(build.StandardOutput, MediaLine, "USER-BEFORE-INSTALL", InstallLine, RunLine, "USER-AFTER-RUN");
    }

    [TestMethod]
    public async Task A_windows_guest_without_an_iso_fails_with_coded_errors_before_any_stage()
    {
        var project = await SdkTestProject.CreateAsync("missing-iso", new Dictionary<string, string>
        {
            ["Hello.proj"] = StandaloneProject.Replace("<WinVmGuest>test</WinVmGuest>", "<WinVmGuest>windows</WinVmGuest>"),
        });

        var build = await project.BuildAsync();

        // These messages come from CheckWinVmSettings: the packed task assembly loaded and ran in this MSBuild.
        Assert.AreNotEqual(0, build.ExitCode);
        StringAssert.Contains(build.StandardOutput, "error WVB0501: WinVmIso is not set");
        StringAssert.Contains(build.StandardOutput, "error WVB0501: WinVmCygwinSetupExe is not set");
        AssertNone(build.StandardOutput, MediaLine);
    }

    private static void AssertSucceeded(WinVmBuild.Host.ProcessResult build) =>
        Assert.AreEqual(0, build.ExitCode, "dotnet build failed:\n" + build.StandardOutput + build.StandardError);

    private static void AssertInOrder(string output, params string[] texts)
    {
        var from = 0;
        foreach (var text in texts)
        {
            var at = output.IndexOf(text, from, StringComparison.Ordinal);
            Assert.IsGreaterThanOrEqualTo(0, at, $"'{text}' missing (or out of order) in:\n{output}");
            from = at + text.Length;
        }
    }

    private static void AssertNone(string output, params string[] texts)
    {
        foreach (var text in texts)
        {
            Assert.IsFalse(output.Contains(text, StringComparison.Ordinal), $"'{text}' should not be in:\n{output}");
        }
    }
}
