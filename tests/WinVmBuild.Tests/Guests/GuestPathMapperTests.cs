using WinVmBuild.Guests;
using WinVmBuild.Network;

namespace WinVmBuild.Tests.Guests;

/// <summary>
/// Guest paths back to host files: the project's copy and the shares, in every form a guest prints them; any other
/// path keeps the guest's name. "project/…" and "share/…" stand for the host folders, "=" for the path unchanged.
/// </summary>
[TestClass]
public sealed class GuestPathMapperTests
{
    private const string Kept = "=";

    private static readonly Lazy<(string Project, string Share)> Folders = new(() =>
    {
        var scratch = TestPaths.NewScratchFolder("mapper");
        var project = Directory.CreateDirectory(Path.Combine(scratch, "project")).FullName;
        var share = Directory.CreateDirectory(Path.Combine(scratch, "lib")).FullName;
        Directory.CreateDirectory(Path.Combine(project, "src"));
        File.WriteAllText(Path.Combine(project, "src", "main.c"), "int main(void) { return x; }\n");
        // Beside the project, not in it: a relative path climbing out must not find it.
        File.WriteAllText(Path.Combine(scratch, "outside.c"), string.Empty);
        return (project, share);
    });

    [TestMethod]
    [DataRow("/tmp/winvmbuild/project/src/main.c", "project/src/main.c")]
    [DataRow("/tmp/winvmbuild/project/gen/made-in-the-guest.c", "project/gen/made-in-the-guest.c")]
    [DataRow("/tmp/winvmbuild/project/src/../src/./main.c", "project/src/main.c")]
    [DataRow("/tmp/winvmbuild/project", "project")]
    [DataRow("/mnt/lib/include/util.h", "share/include/util.h")]
    [DataRow("src/main.c", "project/src/main.c")]
    [DataRow("./src//main.c", "project/src/main.c")]
    [DataRow("/tmp/winvmbuild/project/../outside.c", Kept)]
    [DataRow("../outside.c", Kept)]
    [DataRow("/tmp/winvmbuild/projects/a.c", Kept)]
    [DataRow("/usr/include/stdio.h", Kept)]
    [DataRow("/mnt/other/x.h", Kept)]
    [DataRow("/MNT/lib/x.h", Kept)]
    [DataRow("missing.c", Kept)]
    [DataRow("/../../etc/passwd", Kept)]
    [DataRow(@"C:\cygwin64\tmp\winvmbuild\project\src\main.c", Kept)]
    [DataRow(@"src\main.c", Kept)]
    [DataRow("LINK", Kept)]
    [DataRow("", Kept)]
    public void A_linux_guests_paths(string guestPath, string expected) => AssertMaps(windowsRoot: null, guestPath, expected);

    [TestMethod]
    [DataRow(@"C:\cygwin64\tmp\winvmbuild\project\src\main.c", "project/src/main.c")]
    [DataRow("c:/CYGWIN64/tmp/WinVmBuild/Project/src/main.c", "project/src/main.c")]
    [DataRow("/cygdrive/c/cygwin64/tmp/winvmbuild/project/src/main.c", "project/src/main.c")]
    [DataRow("/tmp/winvmbuild/project/src/main.c", "project/src/main.c")]
    [DataRow(@"src\main.c", "project/src/main.c")]
    [DataRow(@".\src\main.c", "project/src/main.c")]
    [DataRow(@"\\192.168.0.2\lib\include\util.h", "share/include/util.h")]
    [DataRow("//192.168.0.2/LIB/include/util.h", "share/include/util.h")]
    [DataRow("/mnt/lib/include/util.h", "share/include/util.h")]
    [DataRow(@"\\10.0.0.9\lib\include\util.h", Kept)]
    [DataRow(@"C:\Program Files\Microsoft Visual Studio\VC\include\stdio.h", Kept)]
    [DataRow(@"D:\cygwin64\tmp\winvmbuild\project\src\main.c", Kept)]
    [DataRow(@"C:\cygwin64\tmp\winvmbuild\project\..\..\..\outside.c", Kept)]
    [DataRow(@"C:\cygwin\tmp\winvmbuild\project\src\main.c", Kept)]
    [DataRow(@"..\outside.c", Kept)]
    [DataRow("/cygdrive/d/work/a.c", Kept)]
    public void A_windows_guests_paths(string guestPath, string expected) => AssertMaps(@"C:\cygwin64", guestPath, expected);

    private static void AssertMaps(string? windowsRoot, string guestPath, string expected)
    {
        var (project, share) = Folders.Value;
        var mapper = new GuestPathMapper(project, [new SharedFolder("lib", share, readOnly: true)], windowsRoot);

        var host = mapper.ToHost(guestPath);

        var wanted = expected == Kept ? guestPath
            : expected == "project" ? project
            : expected.StartsWith("project/", StringComparison.Ordinal) ? Path.Combine(project, expected["project/".Length..])
            : Path.Combine(share, expected["share/".Length..]);
        Assert.AreEqual(wanted, host);
    }
}
