using WinVmBuild.Cygwin;
using WinVmBuild.Diagnostics;
using WinVmBuild.Guests.Windows;
using WinVmBuild.Guests.Windows.AnswerFiles;
using WinVmBuild.Tests.Media;

namespace WinVmBuild.Tests.Cygwin;

/// <summary>Each Windows gets the newest Cygwin that runs on it, with the architecture and setup flags it needs.</summary>
[TestClass]
public sealed class CygwinSupportTests
{
    private static readonly string OldMirror = Path.Combine(AppContext.BaseDirectory, "Cygwin", "Fixtures", "setup-x86-2016.ini");

    [TestMethod]
    [DataRow(WindowsVersion.Xp, CygwinArchitecture.X86, "2.5", "")]
    [DataRow(WindowsVersion.Server2003, CygwinArchitecture.X86, "2.5", "")]
    [DataRow(WindowsVersion.Vista, CygwinArchitecture.X86_64, "3.3", "--allow-unsupported-windows")]
    [DataRow(WindowsVersion.Windows7, CygwinArchitecture.X86_64, "3.4", "--allow-unsupported-windows")]
    [DataRow(WindowsVersion.Windows81, CygwinArchitecture.X86_64, null, "")]
    [DataRow(WindowsVersion.Windows11, CygwinArchitecture.X86_64, null, "")]
    [DataRow(WindowsVersion.Server2025, CygwinArchitecture.X86_64, null, "")]
    public void Every_windows_knows_its_cygwin(WindowsVersion version, CygwinArchitecture architecture, string? newest, string flags)
    {
        var support = CygwinSupport.For(version);

        Assert.AreEqual(architecture, support.Architecture);
        Assert.AreEqual(newest, support.NewestRelease?.ToString());
        Assert.AreEqual(flags, string.Join(' ', support.SetupFlags));
    }

    [TestMethod]
    public void The_install_script_runs_the_architectures_setup_into_its_root_with_the_flags_that_windows_needs()
    {
        var xp = InstallScript.Create(MediaTestInputs.Create(WindowsVersion.Xp));
        var seven = InstallScript.Create(MediaTestInputs.Create(WindowsVersion.Windows7));
        var eleven = InstallScript.Create(MediaTestInputs.Create(WindowsVersion.Windows11));

        StringAssert.Contains(xp, @"start /wait %1:\setup-x86.exe --quiet-mode --local-install --local-package-dir %1:\ --root C:\cygwin --no-shortcuts --no-verify --packages ");
        StringAssert.Contains(xp, @"C:\cygwin\bin\bash.exe -l /cygdrive/%1/bootstrap.sh");
        StringAssert.Contains(seven, @"--root C:\cygwin64 --no-shortcuts --no-verify --allow-unsupported-windows --packages ");
        Assert.DoesNotContain("--allow-unsupported-windows", eleven);
    }

    [TestMethod]
    public async Task The_2016_mirror_in_its_old_form_resolves_with_requires_and_passes_for_xp()
    {
        var setupIni = await SetupIni.LoadAsync(OldMirror, CancellationToken.None);

        var closure = new CygwinClosure(setupIni, NullBuildLog.Instance).Resolve(["openssh"], []);
        CygwinSupport.For(WindowsVersion.Xp).CheckRelease(setupIni, WindowsVersion.Xp, "http://ctm.example/circa/2016/08/30/104223/");

        var names = closure.Select(package => package.Package.Name).ToList();
        CollectionAssert.IsSubsetOf(new[] { "openssh", "csih", "cygrunsrv", "bash", "coreutils", "cygwin", "terminfo", "libreadline7", "libncursesw10" }, names);
        Assert.AreEqual("2.5.2-1", closure.Single(package => package.Package.Name == "cygwin").Version.Version.Text, "curr, not [test]");
        Assert.IsTrue(closure.All(package => package.Archive.Path.StartsWith("x86/release/", StringComparison.Ordinal)));
        Assert.AreEqual(HashKind.Md5, closure.Single(package => package.Package.Name == "bash").Archive.Hash.Kind);
    }

    [TestMethod]
    [DataRow(WindowsVersion.Windows7, "which does not run on Windows 7: its newest is Cygwin 3.4", "before Cygwin 3.5")]
    [DataRow(WindowsVersion.Vista, "which does not run on Windows Vista: its newest is Cygwin 3.3", "before Cygwin 3.4")]
    public async Task A_mirror_newer_than_the_windows_runs_is_WVB0113_naming_the_time_machine(WindowsVersion version, string why, string when)
    {
        var current = await SetupIniFixtures.LoadRealAsync();

        var error = Assert.ThrowsExactly<WinVmException>(() => CygwinSupport.For(version).CheckRelease(current, version, "https://mirrors.kernel.org/sourceware/cygwin/"));

        Assert.AreEqual(ErrorCodes.CygwinTooNewForWindows, error.Code);
        StringAssert.Contains(error.Message, why);
        StringAssert.Contains(error.Message, $"Cygwin Time Machine snapshot from {when}");
        CygwinSupport.For(WindowsVersion.Windows10).CheckRelease(current, WindowsVersion.Windows10, "https://mirrors.kernel.org/sourceware/cygwin/");
    }
}
