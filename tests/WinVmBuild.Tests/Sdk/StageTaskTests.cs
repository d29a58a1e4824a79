using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using WinVmBuild.Tasks;

namespace WinVmBuild.Tests.Sdk;

/// <summary>What every stage task does around its stage, whatever the stage: MSBuild's rules for a task that yields its node.</summary>
[TestClass]
[RequiresHostPackages]
public sealed class StageTaskTests
{
    private const string HelpPage = "https://docs.example/winvmbuild/errors.md";

    [TestMethod]
    public void A_stage_task_takes_the_checked_project_then_yields_its_node_until_the_stage_ends_logging_only_meanwhile()
    {
        var engine = new RecordingBuildEngine();
        var project = CheckedTestGuest(engine);
        var media = new PrepareGuestMedia { BuildEngine = engine, Project = project, HelpLinkBase = HelpPage };

        // A mirror without setup.ini: the media stage fails at once, and its error is logged after the node is back.
        Assert.IsFalse(media.Execute());

        var calls = engine.Calls;
        var yielded = calls.IndexOf(nameof(IBuildEngine3.Yield));
        var reacquired = calls.IndexOf(nameof(IBuildEngine3.Reacquire));
        Assert.AreEqual(nameof(IBuildEngine4.GetRegisteredTaskObject), calls[0], string.Join(", ", calls));
        Assert.IsTrue(yielded > 0 && reacquired > yielded, string.Join(", ", calls));
        Assert.IsTrue(calls[(yielded + 1)..reacquired].All(call => call.StartsWith("Log", StringComparison.Ordinal)), string.Join(", ", calls));
        Assert.AreEqual(nameof(IBuildEngine.LogErrorEvent), calls[^1]);
        var error = engine.Errors.Single();
        Assert.AreEqual($"{HelpPage}#{error.Code.ToLowerInvariant()}", error.HelpLink);
    }

    /// <summary>The settings check of a test guest whose mirror is an empty folder; the handle of the project it registered.</summary>
    private static string CheckedTestGuest(RecordingBuildEngine engine)
    {
        var scratch = TestPaths.NewScratchFolder("stage-task");
        var mirror = Directory.CreateDirectory(Path.Combine(scratch, "mirror")).FullName;
        var settings = new Dictionary<string, string>
        {
            ["WinVmGuest"] = "test",
            ["WinVmAccelerator"] = "tcg",
            ["WinVmCygwinMirror"] = new Uri(mirror + "/").AbsoluteUri,
            ["WinVmCacheDir"] = Path.Combine(scratch, "cache"),
            ["WinVmCommand"] = "make",
        };
        var check = new CheckWinVmSettings
        {
            BuildEngine = engine,
            Settings = settings.Select(setting => (ITaskItem)new TaskItem(setting.Key, new Dictionary<string, string> { ["Value"] = setting.Value })).ToArray(),
        };
        Assert.IsTrue(check.Execute(), string.Join('\n', engine.Errors.Select(e => e.Message)));
        engine.Calls.Clear();
        return check.Project;
    }
}
