namespace WinVmBuild.Testing;

/// <summary>Where tests find the repository, the read-only shared fixtures, and fresh scratch folders.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>../shared/fixtures beside the repository (read-only; never copied into the project).</summary>
    public static string Fixtures { get; } = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "fixtures"));

    public static string CygwinMirror => Path.Combine(Fixtures, "cygwin", "mirror");

    public static string CalmFixtures => Path.Combine(Fixtures, "cygwin", "calm");

    /// <summary>A new empty folder under the system temp folder, for one test.</summary>
    public static string NewScratchFolder(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), "winvmbuild-tests", $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = AppContext.BaseDirectory; folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(Path.Combine(folder, "WinVmBuild.sln")))
            {
                return folder;
            }
        }

        throw new InvalidOperationException("WinVmBuild.sln not found above " + AppContext.BaseDirectory);
    }
}
