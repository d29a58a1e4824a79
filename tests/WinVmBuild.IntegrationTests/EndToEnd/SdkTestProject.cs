using WinVmBuild.Host;

namespace WinVmBuild.IntegrationTests.EndToEnd;

/// <summary>
/// A user's project in a fresh temporary folder, with a nuget.config that takes WinVmBuild.* from the
/// freshly packed feed only and anything else from nuget.org, as a user's machine would.
/// </summary>
internal sealed class SdkTestProject
{
    private SdkTestProject(string folder)
    {
        Folder = folder;
    }

    public string Folder { get; }

    /// <summary>
    /// Writes <paramref name="files"/> (relative path, with its folders, to content) and the nuget.config, which also
    /// takes the packages matching <paramref name="localFeed"/>'s pattern from its folder, when given.
    /// </summary>
    public static async Task<SdkTestProject> CreateAsync(string name, IReadOnlyDictionary<string, string> files, (string Pattern, string Folder)? localFeed = null)
    {
        var feed = await SdkPackage.FeedAsync();
        var folder = TestPaths.NewScratchFolder(name);
        await File.WriteAllTextAsync(Path.Combine(folder, "nuget.config"), NuGetConfig(feed, localFeed));
        foreach (var (path, content) in files)
        {
            var file = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, content);
        }

        return new SdkTestProject(folder);
    }

    /// <summary>`dotnet build` in the project's folder; its output is in StandardOutput.</summary>
    public Task<ProcessResult> BuildAsync(params string[] arguments) => DotnetAsync(["build", .. arguments]);

    /// <summary>Any `dotnet` command (clean, build --no-incremental) in the project's folder.</summary>
    public Task<ProcessResult> DotnetAsync(params string[] arguments) => SdkPackage.RunDotnetAsync(Folder, arguments, CancellationToken.None);

    // packageSourceMapping: a WinVmBuild.Sdk of the same version anywhere else can never be picked.
    private static string NuGetConfig(string feed, (string Pattern, string Folder)? localFeed) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="winvmbuild" value="{feed}" />
            {(localFeed is { } local ? $"<add key=\"local\" value=\"{local.Folder}\" />" : "")}
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
          </packageSources>
          <packageSourceMapping>
            <packageSource key="winvmbuild"><package pattern="WinVmBuild.*" /></packageSource>
            {(localFeed is { } mapped ? $"<packageSource key=\"local\"><package pattern=\"{mapped.Pattern}\" /></packageSource>" : "")}
            <packageSource key="nuget.org"><package pattern="*" /></packageSource>
          </packageSourceMapping>
        </configuration>
        """;
}
