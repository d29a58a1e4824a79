using WinVmBuild.Guests;
using WinVmBuild.Guests.Windows;
using WinVmBuild.Guests.Windows.AnswerFiles;

namespace WinVmBuild.Tests.Media;

[TestClass]
public sealed class InstallScriptTests
{
    [TestMethod]
    public void It_installs_cygwin_from_its_own_cd_then_runs_the_bootstrap_with_a_login_shell()
    {
        var lines = InstallScript.Create(MediaTestInputs.Create(WindowsVersion.Windows10)).Split("\r\n");

        var setup = Array.FindIndex(lines, line => line.StartsWith(@"start /wait %1:\setup-x86_64.exe --quiet-mode --local-install --local-package-dir %1:\ --root C:\cygwin64 --no-shortcuts --no-verify --packages libintl8,make,openssh", StringComparison.Ordinal));
        var bootstrap = Array.IndexOf(lines, @"C:\cygwin64\bin\bash.exe -l /cygdrive/%1/bootstrap.sh");
        Assert.IsTrue(setup > 0 && setup < bootstrap, string.Join('\n', lines));
    }

    [TestMethod]
    public void A_failed_setup_is_said_on_COM1_with_the_failure_marker_and_the_guest_powers_off()
    {
        var lines = InstallScript.Create(MediaTestInputs.Create(WindowsVersion.Windows10)).Split("\r\n");

        var failed = Array.IndexOf(lines, ":failed");
        Assert.IsTrue(failed > 0);
        StringAssert.StartsWith(lines[failed + 1], "echo " + InstallHandOff.FailureMarker);
        StringAssert.EndsWith(lines[failed + 1], "> COM1");
        Assert.AreEqual("shutdown /s /t 0", lines[failed + 2]);
        Assert.IsTrue(lines.Take(failed).Contains(@"if not exist C:\cygwin64\bin\bash.exe goto failed"));
    }

    [TestMethod]
    public void Every_line_ends_with_CRLF_as_cmd_exe_reads_batch_files()
    {
        var text = InstallScript.Create(MediaTestInputs.Create(WindowsVersion.Xp));

        Assert.IsFalse(text.Replace("\r\n", string.Empty, StringComparison.Ordinal).Contains('\n'));
        Assert.EndsWith("\r\n", text);
    }
}
