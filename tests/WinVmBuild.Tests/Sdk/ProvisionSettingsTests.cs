using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using WinVmBuild.Diagnostics;
using WinVmBuild.Guests.Provisioning;
using WinVmBuild.Settings;
using WinVmBuild.Tasks;

namespace WinVmBuild.Tests.Sdk;

/// <summary>The WinVmProvision and WinVmProvisionFile items as the settings check reads them: every bad item at once, before any VM.</summary>
[TestClass]
[RequiresHostPackages]
public sealed class ProvisionSettingsTests
{
    [TestMethod]
    public void Steps_keep_their_order_kind_and_options_and_files_their_paths_in_the_project()
    {
        var project = Project("10-tools.sh", "sub/20-python.cmd", "installers/tool.msi");

        var settings = SettingsReader.Read(Raw(
            project,
            [new("10-tools.sh", Restart: "true"), new("sub/20-python.cmd", Network: "True")],
            [new("installers/tool.msi", Step: "20-python.cmd")],
            windows: true));

        CollectionAssert.AreEqual(
            new[]
            {
                new ProvisionStep("10-tools.sh", Path.Combine(project, "10-tools.sh"), "10-tools.sh", ProvisionStepKind.Shell, Network: false, Restart: true),
                new ProvisionStep("20-python.cmd", Path.Combine(project, "sub", "20-python.cmd"), "sub/20-python.cmd", ProvisionStepKind.Cmd, Network: true, Restart: false),
            },
            settings.Provision.Steps.ToArray());
        CollectionAssert.AreEqual(new[] { new ProvisionFile(Path.Combine(project, "installers", "tool.msi"), "installers/tool.msi", "20-python.cmd") }, settings.Provision.Files.ToArray());
        Assert.IsEmpty(settings.Provision.VisibleTo(0));
        Assert.HasCount(1, settings.Provision.VisibleTo(1));
    }

    [TestMethod]
    public void Every_bad_item_is_reported_at_once_each_with_its_code()
    {
        var project = Project("10-tools.sh", "tools/10-tools.sh", "20-setup.ps1", "notes.txt");
        var outside = Path.Combine(Directory.GetParent(project)!.FullName, "outside.sh");
        File.WriteAllText(outside, "true\n");

        var error = Assert.ThrowsExactly<SettingsException>(() => SettingsReader.Read(Raw(
            project,
            [new("10-tools.sh"), new("tools/10-tools.sh"), new("20-setup.ps1"), new("notes.txt"), new("missing.sh"), new(outside)],
            [new("10-tools.sh", Step: "no-such-step.sh")])));

        var codes = error.Problems.Select(problem => problem.Code).Order().ToList();
        CollectionAssert.AreEqual(
            new[]
            {
                ErrorCodes.InputFileMissing,
                ErrorCodes.ProvisionStepNotForGuest,
                ErrorCodes.ProvisionStepKindUnknown,
                ErrorCodes.ProvisionFileOutsideProject,
                ErrorCodes.ProvisionStepNameInvalid,
                ErrorCodes.ProvisionStepNameInvalid,
            }.Order().ToArray(),
            codes.ToArray(),
            string.Join('\n', error.Problems.Select(problem => $"{problem.Code}: {problem.Message}")));
        StringAssert.Contains(error.Problems.Single(problem => problem.Code == ErrorCodes.ProvisionStepNotForGuest).Message, "20-setup.ps1");
    }

    [TestMethod]
    public void A_powershell_step_is_refused_for_a_windows_without_powershell_of_its_own()
    {
        var project = Project("10-setup.ps1");
        RawSettings For(string version)
        {
            var raw = Raw(project, [new("10-setup.ps1")], [], windows: true);
            return raw with { Properties = new Dictionary<string, string>(raw.Properties) { ["WinVmWindowsVersion"] = version } };
        }

        var error = Assert.ThrowsExactly<SettingsException>(() => SettingsReader.Read(For("vista")));

        Assert.AreEqual(ErrorCodes.ProvisionStepNotForGuest, error.Problems.Single().Code, error.Message);
        StringAssert.Contains(error.Problems.Single().Message, "Windows Vista has no PowerShell of its own");
        Assert.AreEqual(ProvisionStepKind.PowerShell, SettingsReader.Read(For("7")).Provision.Steps.Single().Kind);
    }

    [TestMethod]
    public void The_check_task_reads_the_items_full_paths_and_metadata()
    {
        var project = Project("provision/10-tools.sh");
        var task = new CheckWinVmSettings
        {
            BuildEngine = new RecordingBuildEngine(),
            Settings = Properties(project).Select(property => (ITaskItem)new TaskItem(property.Key, new Dictionary<string, string> { ["Value"] = property.Value })).ToArray(),
            ProvisionSteps = [new TaskItem(Path.Combine(project, "provision", "10-tools.sh"), new Dictionary<string, string> { ["Restart"] = "true" })],
        };

        Assert.IsTrue(task.Execute(), string.Join('\n', ((RecordingBuildEngine)task.BuildEngine).Errors.Select(e => e.Message)));
    }

    private static RawSettings Raw(string project, IReadOnlyList<RawProvisionStep> steps, IReadOnlyList<RawProvisionFile> files, bool windows = false) =>
        new(Properties(project, windows))
        {
            ProvisionSteps = steps.Select(step => step with { Path = Path.GetFullPath(step.Path, project) }).ToList(),
            ProvisionFiles = files.Select(file => file with { Path = Path.GetFullPath(file.Path, project) }).ToList(),
        };

    /// <summary>
    /// A test guest's settings, or a Windows guest's with an ISO and a setup program that only need to exist: the reader
    /// does not open the ISO (the check that probes the host does).
    /// </summary>
    private static Dictionary<string, string> Properties(string project, bool windows = false)
    {
        var properties = new Dictionary<string, string>
        {
            ["WinVmGuest"] = windows ? "windows" : "test",
            ["WinVmAccelerator"] = "tcg",
            ["WinVmCygwinMirror"] = "file:///nonexistent/mirror/",
            ["WinVmCommand"] = "make",
            ["WinVmProjectDirectory"] = project,
        };
        if (windows)
        {
            var files = TestPaths.NewScratchFolder("provision-windows");
            properties["WinVmIso"] = Path.Combine(files, "windows.iso");
            File.WriteAllText(properties["WinVmIso"], "not read\n");
            properties["WinVmCygwinSetupExe"] = FakeWindowsProgram.Write(Path.Combine(files, "setup-x86_64.exe"), FakeWindowsProgram.X64);
        }

        return properties;
    }

    private static string Project(params string[] files)
    {
        var project = TestPaths.NewScratchFolder("provision-settings");
        foreach (var file in files)
        {
            var path = Path.Combine(project, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "echo step\n");
        }

        return project;
    }
}
