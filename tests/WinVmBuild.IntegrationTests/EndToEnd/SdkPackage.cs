using WinVmBuild.Host;

namespace WinVmBuild.IntegrationTests.EndToEnd;

/// <summary>
/// WinVmBuild.Sdk packed from this checkout, once per test run, into a feed of its own: every end-to-end
/// build restores this package and never one left in a NuGet cache by an earlier run.
/// </summary>
internal static class SdkPackage
{
    private static readonly Lazy<Task<string>> PackedFeed = new(PackAsync);

    /// <summary>The version users write in Sdk="WinVmBuild.Sdk/&lt;version&gt;": the repository's WinVmBuildVersion.</summary>
    public static string Version { get; } = System.Xml.Linq.XDocument
        .Load(Path.Combine(TestPaths.RepositoryRoot, "Directory.Build.props"))
        .Descendants("WinVmBuildVersion").Single().Value;

    /// <summary>The NuGet packages folder every end-to-end build of this run restores into.</summary>
    public static string PackagesFolder { get; } = Path.Combine(TestPaths.NewScratchFolder("sdk-feed"), "packages");

    /// <summary>The folder holding WinVmBuild.Sdk.&lt;version&gt;.nupkg, packed on first use.</summary>
    public static Task<string> FeedAsync() => PackedFeed.Value;

    /// <summary>
    /// Runs the dotnet CLI with no state shared with other runs: no MSBuild node or build server left running
    /// (they would keep an old task assembly loaded, and outlive the test), and the run's own packages folder.
    /// </summary>
    public static Task<ProcessResult> RunDotnetAsync(string workingDirectory, IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync(DotnetSpec(workingDirectory, arguments), cancellationToken);

    /// <summary>The same, with <paramref name="environment"/> added to (or replacing) what `dotnet` inherits.</summary>
    public static Task<ProcessResult> RunDotnetAsync(string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment) =>
        ProcessRunner.RunAsync(DotnetSpec(workingDirectory, arguments, environment: environment), CancellationToken.None);

    /// <summary>`dotnet` with the test's isolated packages folder and no long-lived MSBuild node or compiler server.</summary>
    public static ProcessSpec DotnetSpec(
        string workingDirectory, IEnumerable<string> arguments, Action<string>? onOutputLine = null, IReadOnlyDictionary<string, string>? environment = null) =>
        new("dotnet", [.. arguments, "-nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false"])
        {
            WorkingDirectory = workingDirectory,
            OnOutputLine = onOutputLine,
            Environment = new Dictionary<string, string>(environment ?? new Dictionary<string, string>())
            {
                ["NUGET_PACKAGES"] = PackagesFolder,
                ["MSBUILDDISABLENODEREUSE"] = "1",
                ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_NOLOGO"] = "1",
            },
        };

    private static async Task<string> PackAsync()
    {
        var feed = Path.Combine(Path.GetDirectoryName(PackagesFolder)!, "feed");
        var project = Path.Combine(TestPaths.RepositoryRoot, "nuget", "WinVmBuild.Sdk.csproj");
        var result = await RunDotnetAsync(TestPaths.RepositoryRoot, ["pack", project, "-c", "Release", "-o", feed], CancellationToken.None);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("dotnet pack of WinVmBuild.Sdk failed:\n" + result.StandardOutput + result.StandardError);
        }

        return feed;
    }
}
