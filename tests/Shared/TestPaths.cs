namespace WinVmBuild.Testing;

/// <summary>Where tests find the repository, the read-only shared fixtures, and fresh scratch folders.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The Cygwin fixtures of the unit tests (tests/WinVmBuild.Tests/Cygwin/Fixtures, copied beside the tests).</summary>
    public static string CygwinFixtures => Path.Combine(AppContext.BaseDirectory, "Cygwin", "Fixtures");

    /// <summary>A slice of the official mirror: its x86_64/setup.xz, no archives.</summary>
    public static string CygwinMirror => Path.Combine(CygwinFixtures, "mirror");

    public static string CalmFixtures => Path.Combine(CygwinFixtures, "calm");

    /// <summary>
    /// Every scratch folder of this test process: one root, deleted when the assembly's tests are done. Its name is short:
    /// smbd's sockets are made under the session folders inside it, and a socket's path has at most 107 bytes.
    /// </summary>
    public static string ScratchRoot { get; } = Path.Combine(Path.GetTempPath(), $"wvbt-{Environment.ProcessId}");

    /// <summary>The run's <c>XDG_RUNTIME_DIR</c>, so its VM sessions register under the scratch.</summary>
    public static string RuntimeFolder => Path.Combine(ScratchRoot, "run");

    /// <summary>Where the run's VM sessions are registered (<see cref="Reaper.SessionRegistry"/>).</summary>
    public static string Sessions => Path.Combine(RuntimeFolder, "winvmbuild");

    /// <summary>A new empty folder under <see cref="ScratchRoot"/>, for one test.</summary>
    public static string NewScratchFolder(string name)
    {
        var path = Path.Combine(ScratchRoot, $"{name}-{Guid.NewGuid():N}");
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
