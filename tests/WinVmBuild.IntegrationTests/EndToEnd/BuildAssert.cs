using WinVmBuild.Host;

namespace WinVmBuild.IntegrationTests.EndToEnd;

/// <summary>
/// What the end-to-end tests read in a `dotnet` run's output. A stage that does its work says so in one
/// "WinVmBuild: &lt;stage&gt;:" line; a stage found in the cache says nothing at normal verbosity.
/// </summary>
internal static class BuildAssert
{
    public const string MediaMade = "WinVmBuild: media: making";
    public const string InstallLine = "WinVmBuild: install:";
    public const string SuspendLine = "WinVmBuild: suspend:";
    public const string RunLine = "WinVmBuild: run:";

    public static void Succeeded(ProcessResult build) =>
        Assert.AreEqual(0, build.ExitCode, "dotnet failed:\n" + build.StandardOutput + build.StandardError);

    public static void InOrder(string output, params string[] texts)
    {
        var from = 0;
        foreach (var text in texts)
        {
            var at = output.IndexOf(text, from, StringComparison.Ordinal);
            Assert.IsGreaterThanOrEqualTo(0, at, $"'{text}' missing (or out of order) in:\n{output}");
            from = at + text.Length;
        }
    }

    public static void None(string output, params string[] texts)
    {
        foreach (var text in texts)
        {
            Assert.IsFalse(output.Contains(text, StringComparison.Ordinal), $"'{text}' should not be in:\n{output}");
        }
    }

    /// <summary>Where the run stage copied the declared output: the project's output folder, at its relative path.</summary>
    public static string Collected(SdkTestProject project) =>
        Directory.GetFiles(Path.Combine(project.Folder, "bin"), "hello.txt", SearchOption.AllDirectories).Single();
}
