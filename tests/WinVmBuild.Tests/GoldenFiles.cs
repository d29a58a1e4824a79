
namespace WinVmBuild.Tests;

/// <summary>
/// Compares generated text with the expected file under Golden. Run the tests with WINVMBUILD_UPDATE_GOLDEN=1
/// to rewrite the expected files in the source tree after a deliberate change, then review the diff.
/// </summary>
internal static class GoldenFiles
{
    public const string UpdateVariable = "WINVMBUILD_UPDATE_GOLDEN";

    public static void AssertMatches(string name, string actual)
    {
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(Path.Combine(TestPaths.RepositoryRoot, "tests", "WinVmBuild.Tests", "Golden", name), actual);
            return;
        }

        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", name));
        Assert.AreEqual(expected, actual, $"{name} differs from its golden file; if the change is deliberate, run with {UpdateVariable}=1 and review the diff.");
    }
}
