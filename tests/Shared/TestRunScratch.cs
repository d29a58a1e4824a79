namespace WinVmBuild.Testing;

/// <summary>
/// The test run's scratch: the VM sessions of the tests, and of the builds they start, register under it (through
/// <c>XDG_RUNTIME_DIR</c>, which those builds inherit), and it is deleted once every test of the assembly ran. A test
/// run leaves nothing in the temp folder, and never touches the user's own session registry.
/// </summary>
[TestClass]
public static class TestRunScratch
{
    [AssemblyInitialize]
    public static void RegisterSessionsInScratch(TestContext context)
    {
        _ = context;
        Directory.CreateDirectory(TestPaths.RuntimeFolder);
        Environment.SetEnvironmentVariable("XDG_RUNTIME_DIR", TestPaths.RuntimeFolder);
    }

    [AssemblyCleanup]
    public static void DeleteScratch()
    {
        if (Directory.Exists(TestPaths.ScratchRoot))
        {
            Directory.Delete(TestPaths.ScratchRoot, recursive: true);
        }
    }
}
