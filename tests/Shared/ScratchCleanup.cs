namespace WinVmBuild.Testing;

/// <summary>Deletes the scratch folders once every test of the assembly ran: a test run leaves nothing in the temp folder.</summary>
[TestClass]
public static class ScratchCleanup
{
    [AssemblyCleanup]
    public static void DeleteScratch()
    {
        if (Directory.Exists(TestPaths.ScratchRoot))
        {
            Directory.Delete(TestPaths.ScratchRoot, recursive: true);
        }
    }
}
