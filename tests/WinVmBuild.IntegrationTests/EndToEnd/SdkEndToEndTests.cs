using System.IO.Compression;
using System.Text.RegularExpressions;
using WinVmBuild.Stages;

namespace WinVmBuild.IntegrationTests.EndToEnd;

/// <summary>
/// `dotnet build` of user projects against the freshly packed WinVmBuild.Sdk, in both usages, running the whole
/// pipeline on the test guest (<see cref="BuildAssert"/> reads the lines each stage logs).
/// </summary>
[TestClass]
[RequiresHostPackages]
[TestCategory("EndToEnd")]
public sealed class SdkEndToEndTests
{
    private const string OverrideMarker = "USER-WINVMRUN-REPLACED-THE-SDK";

    private const string UserReplacesWinVmRun = $"""
        <Project>
          <Target Name="WinVmRun">
            <Message Importance="high" Text="{OverrideMarker}" />
          </Target>
        </Project>
        """;

    [TestMethod]
    public async Task A_standalone_project_runs_in_the_guest_then_only_its_run_stage_reruns_and_only_when_a_file_changed()
    {
        var project = await TestGuestProject.StandaloneAsync("standalone", "uname -s &amp;&amp; make", "first message\n");

        var first = await project.BuildAsync();
        BuildAssert.Succeeded(first);
        BuildAssert.InOrder(first.StandardOutput, "Linux", "cat message.txt > out/hello.txt", BuildAssert.RunLine, "collected");
        Assert.AreEqual("first message\n", await File.ReadAllTextAsync(BuildAssert.Collected(project)));
        Assert.AreEqual(0, Directory.GetFiles(project.Folder, "*.dll", SearchOption.AllDirectories).Length, "nothing is compiled");

        var unchanged = await project.BuildAsync();
        BuildAssert.Succeeded(unchanged);
        BuildAssert.None(unchanged.StandardOutput, BuildAssert.InstallLine, BuildAssert.SuspendLine, BuildAssert.RunLine, "Linux");

        // The guest sees the project as it is now, not as it was when the snapshot was taken.
        await File.WriteAllTextAsync(Path.Combine(project.Folder, "message.txt"), "changed after the snapshot\n");
        var changed = await project.BuildAsync(["-v:detailed"]);
        BuildAssert.Succeeded(changed);
        StringAssert.Contains(changed.StandardOutput, BuildAssert.RunLine);

        // Every stage task ran on the project the settings check made: the settings read, KVM and the kernel probed, once.
        Assert.HasCount(1, Regex.Matches(changed.StandardOutput, SettingsCheck.ProbedLine), changed.StandardOutput);
        BuildAssert.None(changed.StandardOutput, BuildAssert.InstallLine, BuildAssert.SuspendLine);
        Assert.AreEqual("changed after the snapshot\n", await File.ReadAllTextAsync(BuildAssert.Collected(project)));
    }

    [TestMethod]
    public async Task A_failing_guest_command_fails_the_build_with_its_exit_code_and_last_lines()
    {
        var project = await TestGuestProject.StandaloneAsync("failing", "echo about to fail; exit 3", "unused\n");

        var build = await project.BuildAsync();

        Assert.AreNotEqual(0, build.ExitCode, build.StandardOutput);
        StringAssert.Contains(build.StandardOutput, "error WVB0403: 'echo about to fail; exit 3' exited with code 3 in the test guest.");
        StringAssert.Contains(build.StandardOutput, "Last output lines:");
        Assert.IsFalse(File.Exists(Path.Combine(project.Folder, "obj", "Debug", "net8.0", "winvm", "run.stamp")), "a failed run must run again");
    }

    [TestMethod]
    public async Task A_csproj_with_the_sdk_element_compiles_then_runs_the_guest_command()
    {
        var project = await SdkTestProject.CreateAsync("additive", await CsprojFilesAsync(multiTargeting: false));

        var build = await project.BuildAsync();

        BuildAssert.Succeeded(build);
        BuildAssert.InOrder(build.StandardOutput, "Library.dll", BuildAssert.RunLine);
    }

    [TestMethod]
    public async Task A_multi_targeting_csproj_runs_the_guest_command_once_not_once_per_framework()
    {
        var project = await SdkTestProject.CreateAsync("multi-targeting", await CsprojFilesAsync(multiTargeting: true));

        var build = await project.BuildAsync();

        BuildAssert.Succeeded(build);
        Assert.AreEqual(1, build.StandardOutput.Split("' exited with 0 in").Length - 1, build.StandardOutput);
        Assert.IsFalse(File.Exists(Path.Combine(project.Folder, "out", "hello.txt")), "outputs never land in the project folder");
    }

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public async Task WinVmRun_in_Directory_Build_targets_replaces_the_sdks(bool standalone)
    {
        var files = standalone
            ? new Dictionary<string, string> { ["Hello.proj"] = await TestGuestProject.StandaloneProjectAsync("make") }
            : new Dictionary<string, string>(await CsprojFilesAsync(multiTargeting: false));
        files["Directory.Build.targets"] = UserReplacesWinVmRun;
        var project = await SdkTestProject.CreateAsync("override", files);

        var build = await project.BuildAsync();

        BuildAssert.Succeeded(build);
        StringAssert.Contains(build.StandardOutput, OverrideMarker);
        BuildAssert.None(build.StandardOutput, BuildAssert.MediaMade, BuildAssert.RunLine);
    }

    [TestMethod]
    public async Task A_hook_and_a_DependsOn_property_set_by_the_project_run_around_the_stage()
    {
        var project = await TestGuestProject.StandaloneAsync("hooks", "make", "hooked\n", """
              <PropertyGroup>
                <WinVmRunDependsOn>$(WinVmRunDependsOn);PublishGuestLog</WinVmRunDependsOn>
              </PropertyGroup>
              <Target Name="BeforeWinVmInstall">
                <Message Importance="high" Text="USER-BEFORE-INSTALL" />
              </Target>
              <Target Name="PublishGuestLog">
                <Message Importance="high" Text="USER-AFTER-RUN" />
              </Target>
            """);

        var build = await project.BuildAsync();

        BuildAssert.Succeeded(build);
        BuildAssert.InOrder(build.StandardOutput, "USER-BEFORE-INSTALL", BuildAssert.RunLine, "USER-AFTER-RUN");
    }

    [TestMethod]
    public async Task A_standalone_project_keeps_its_compile_hooks_and_clean_deletes_only_the_sdks_files_from_the_state_folder_it_chose()
    {
        var project = await TestGuestProject.StandaloneAsync("hooks-clean", "make", "unused\n", """
              <PropertyGroup>
                <WinVmRunAfterBuild>false</WinVmRunAfterBuild>
                <WinVmStateDir>$(MSBuildProjectDirectory)</WinVmStateDir>
              </PropertyGroup>
              <Target Name="UserBeforeCompile" BeforeTargets="Compile">
                <Message Importance="high" Text="USER-BEFORE-COMPILE" />
              </Target>
              <Target Name="UserAfterCompile" AfterTargets="Compile">
                <Message Importance="high" Text="USER-AFTER-COMPILE" />
              </Target>
            """);

        var build = await project.BuildAsync();
        var clean = await project.DotnetAsync("clean");

        BuildAssert.Succeeded(build);
        BuildAssert.InOrder(build.StandardOutput, "USER-BEFORE-COMPILE", "USER-AFTER-COMPILE");
        BuildAssert.None(build.StandardOutput, BuildAssert.RunLine);
        BuildAssert.Succeeded(clean);
        Assert.IsTrue(File.Exists(Path.Combine(project.Folder, "Hello.proj")), "dotnet clean deleted the project");
        Assert.IsTrue(File.Exists(Path.Combine(project.Folder, "Makefile")), "dotnet clean deleted the project's files");
    }

    /// <summary>
    /// A standalone project stands on MSBuild's common targets, not the .NET SDK, yet restores a package it references
    /// and imports the package's build targets, as a project on Microsoft.Build.NoTargets does.
    /// </summary>
    [TestMethod]
    public async Task A_standalone_project_restores_a_package_it_references_and_imports_its_build_targets()
    {
        var feed = TestPaths.NewScratchFolder("build-targets-feed");
        WriteBuildTargetsPackage(feed, "Probe.BuildTargets", """
            <Project>
              <Target Name="ProbeAfterBuild" AfterTargets="Build">
                <Message Importance="high" Text="PROBE-PACKAGE-TARGETS-RAN" />
              </Target>
            </Project>
            """);
        var project = await SdkTestProject.CreateAsync(
            "package-reference",
            new Dictionary<string, string>
            {
                ["Hello.proj"] = await TestGuestProject.StandaloneProjectAsync("make", """
                      <PropertyGroup>
                        <WinVmRunAfterBuild>false</WinVmRunAfterBuild>
                      </PropertyGroup>
                      <ItemGroup>
                        <PackageReference Include="Probe.BuildTargets" Version="1.0.0" />
                      </ItemGroup>
                    """),
            },
            localFeed: ("Probe.*", feed));

        var build = await project.BuildAsync();

        BuildAssert.Succeeded(build);
        StringAssert.Contains(build.StandardOutput, "PROBE-PACKAGE-TARGETS-RAN");
        Assert.IsTrue(File.Exists(Path.Combine(project.Folder, "obj", "project.assets.json")), "the package was not restored");
    }

    [TestMethod]
    public async Task A_windows_guest_without_an_iso_fails_with_coded_errors_before_any_stage()
    {
        var project = await SdkTestProject.CreateAsync("missing-iso", new Dictionary<string, string>
        {
            ["Hello.proj"] = (await TestGuestProject.StandaloneProjectAsync("make")).Replace("<WinVmGuest>test</WinVmGuest>", "<WinVmGuest>windows</WinVmGuest>"),
        });

        var build = await project.BuildAsync();

        // These messages come from CheckWinVmSettings: the packed task assembly loaded and ran in this MSBuild.
        Assert.AreNotEqual(0, build.ExitCode);
        StringAssert.Contains(build.StandardOutput, "error WVB0501: WinVmIso is not set");
        StringAssert.Contains(build.StandardOutput, "error WVB0501: WinVmCygwinSetupExe is not set");
        BuildAssert.None(build.StandardOutput, BuildAssert.MediaMade);
    }

    [TestMethod]
    public async Task The_HelloGuest_sample_builds_from_its_own_folder_and_returns_the_file_its_make_wrote()
    {
        var sample = Path.Combine(TestPaths.RepositoryRoot, "samples", "HelloGuest");
        var project = await SdkTestProject.CreateAsync("sample", Directory.GetFiles(sample, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(sample, path))
            .Where(path => !path.StartsWith("bin/", StringComparison.Ordinal) && !path.StartsWith("obj/", StringComparison.Ordinal))
            .ToDictionary(path => path, path => File.ReadAllText(Path.Combine(sample, path))));

        var build = await project.BuildAsync($"-p:WinVmCacheDir={TestGuestProject.CacheDir}");

        BuildAssert.Succeeded(build);
        BuildAssert.InOrder(build.StandardOutput, "WinVmBuild: layer: running 10-greeting.sh", "Linux", "GNU/Linux", BuildAssert.RunLine);
        Assert.AreEqual("Hello from Linux x86_64, greeted by a provisioned layer\n", await File.ReadAllTextAsync(BuildAssert.Collected(project)));
    }

    private static async Task<IReadOnlyDictionary<string, string>> CsprojFilesAsync(bool multiTargeting)
    {
        var frameworks = multiTargeting ? "TargetFrameworks" : "TargetFramework";
        return new Dictionary<string, string>(TestGuestProject.Sources("from a library\n"))
        {
            ["Library.csproj"] = $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <Sdk Name="WinVmBuild.Sdk" Version="{SdkPackage.Version}" />
                  <PropertyGroup>
                    <{frameworks}>net$(BundledNETCoreAppTargetFrameworkVersion)</{frameworks}>
                  </PropertyGroup>
                {await TestGuestProject.PropertiesAsync("make")}
                </Project>
                """,
            ["Greeting.cs"] = "namespace Library; public static class Greeting { public const string Text = \"hello\"; }",
        };
    }

    /// <summary>A package holding only build/ID.targets, as a folder feed serves it.</summary>
    private static void WriteBuildTargetsPackage(string feed, string id, string targets)
    {
        using var package = ZipFile.Open(Path.Combine(feed, $"{id}.1.0.0.nupkg"), ZipArchiveMode.Create);
        using (var nuspec = new StreamWriter(package.CreateEntry($"{id}.nuspec").Open()))
        {
            nuspec.Write($"""
                <?xml version="1.0" encoding="utf-8"?>
                <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
                  <metadata><id>{id}</id><version>1.0.0</version><authors>WinVmBuild tests</authors><description>Build targets only.</description></metadata>
                </package>
                """);
        }

        using var writer = new StreamWriter(package.CreateEntry($"build/{id}.targets").Open());
        writer.Write(targets);
    }
}
