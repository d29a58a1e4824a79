using WinVmBuild.Cygwin;

namespace WinVmBuild.Tests.Cygwin;

/// <summary>The real setup.ini files of Cygwin/Fixtures, each parsed once for all tests.</summary>
internal static class SetupIniFixtures
{
    private static readonly Lazy<Task<SetupIni>> RealFile = new(() => SetupIni.LoadAsync(RealPath, CancellationToken.None));

    /// <summary>The official x86_64 setup.ini of 2025-08-02, xz-compressed.</summary>
    public static string RealPath => Path.Combine(TestPaths.CygwinMirror, "x86_64", "setup.xz");

    public static Task<SetupIni> LoadRealAsync() => RealFile.Value;

    public static IEnumerable<string> CalmFiles => Directory.GetFiles(TestPaths.CalmFixtures, "*.ini").Order(StringComparer.Ordinal);

    public static SetupIni Calm(string name) => Parse(File.ReadAllText(Path.Combine(TestPaths.CalmFixtures, name)));

    public static SetupIni Parse(string text) => SetupIni.Parse(new StringReader(text), "test-setup.ini");

    /// <summary>A 128-hex-digit SHA-512 for hand-written stanzas.</summary>
    public static string Sha512(char digit = 'a') => new(digit, 128);
}
