using WinVmBuild.Cygwin;

namespace WinVmBuild.Tests.Cygwin;

/// <summary>
/// A mirror written by the product's own <see cref="LocalMirror"/> from host files, with make and libintl8 at the
/// install paths the official mirror uses for them: real archives to download and verify, built rather than copied.
/// </summary>
internal static class GeneratedMirror
{
    public const string MakePath = "x86_64/release/make/make-4.4.1-2.tar.xz";

    public static async Task<(string Folder, IReadOnlyList<InstallArchive> Archives)> CreateAsync(string folder)
    {
        var setupIni = await LocalMirror.WriteAsync(
            folder,
            [
                new MirrorPackage("make", "4.4.1-2", "Devel", ["libintl8"], [new RepositoryFile("/usr/bin/make", "usr/bin/make.exe")]),
                new MirrorPackage("libintl8", "0.22.5-1", "Libs", [], [new RepositoryFile("/usr/bin/seq", "usr/bin/cygintl-8.dll")]),
            ],
            CancellationToken.None);
        var parsed = await SetupIni.LoadAsync(setupIni, CancellationToken.None);
        return (folder, [parsed.Packages["make"].Current!.Install!, parsed.Packages["libintl8"].Current!.Install!]);
    }
}
