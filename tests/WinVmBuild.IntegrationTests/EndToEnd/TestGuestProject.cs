using WinVmBuild.Cygwin;
using WinVmBuild.IntegrationTests.Stages;

namespace WinVmBuild.IntegrationTests.EndToEnd;

/// <summary>
/// What the end-to-end projects build on: a Cygwin-format mirror of this machine's make (written once with the
/// product's LocalMirror) and one stage cache, so that the test guest is installed and snapshotted once for
/// every project that shares these settings, and each further build pays only for its run.
/// </summary>
internal static class TestGuestProject
{
    private static readonly Lazy<Task<string>> Mirror = new(WriteMirrorAsync);

    public static string CacheDir { get; } = TestPaths.NewScratchFolder("e2e-cache");

    /// <summary>The project file's settings for the test guest, as a user writes them.</summary>
    public static async Task<string> PropertiesAsync(string command) => $"""
          <PropertyGroup>
            <WinVmGuest>test</WinVmGuest>
            <WinVmCommand>{command}</WinVmCommand>
            <WinVmCygwinMirror>{await Mirror.Value}</WinVmCygwinMirror>
            <WinVmCacheDir>{CacheDir}</WinVmCacheDir>
            <WinVmAccelerator>tcg</WinVmAccelerator>
          </PropertyGroup>
          <ItemGroup>
            <CygwinPackage Include="make" />
            <WinVmOutput Include="out/hello.txt" />
          </ItemGroup>
        """;

    /// <summary>A Makefile whose output, out/hello.txt, is made from message.txt.</summary>
    public static IReadOnlyDictionary<string, string> Sources(string message) => new Dictionary<string, string>
    {
        ["Makefile"] = "out/hello.txt: message.txt\n\tmkdir -p out\n\tcat message.txt > out/hello.txt\n",
        ["message.txt"] = message,
    };

    /// <summary>A standalone project file for the test guest that runs <paramref name="command"/>.</summary>
    public static async Task<string> StandaloneProjectAsync(string command, string extra = "") => $"""
        <Project Sdk="WinVmBuild.Sdk/{SdkPackage.Version}">
        {await PropertiesAsync(command)}
        {extra}
        </Project>
        """;

    /// <summary>A standalone project with the Makefile of <see cref="Sources"/>, in a folder of its own.</summary>
    public static async Task<SdkTestProject> StandaloneAsync(string name, string command, string message, string extra = "")
    {
        var files = new Dictionary<string, string>(Sources(message))
        {
            ["Hello.proj"] = await StandaloneProjectAsync(command, extra),
        };
        return await SdkTestProject.CreateAsync(name, files);
    }

    private static async Task<string> WriteMirrorAsync()
    {
        var folder = TestPaths.NewScratchFolder("e2e-mirror");
        await LocalMirror.WriteAsync(folder, [TestGuestImage.HostMake], CancellationToken.None);
        return new Uri(folder + "/").AbsoluteUri;
    }
}
