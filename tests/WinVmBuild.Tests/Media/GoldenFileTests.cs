using WinVmBuild.Guests.TestGuest;
using WinVmBuild.Guests.Windows;
using WinVmBuild.Guests.Windows.AnswerFiles;

namespace WinVmBuild.Tests.Media;

/// <summary>One golden file per answer-file kind, generated from fixed fake inputs.</summary>
[TestClass]
public sealed class GoldenFileTests
{
    [TestMethod]
    public void Autounattend_for_Windows_10_with_BIOS_matches_its_golden_file() =>
        GoldenFiles.AssertMatches("autounattend-win10-bios.xml", AutounattendWriter.Create(MediaTestInputs.Create(WindowsVersion.Windows10)));

    [TestMethod]
    public void Autounattend_for_Windows_11_with_UEFI_matches_its_golden_file() =>
        GoldenFiles.AssertMatches("autounattend-win11-uefi.xml", AutounattendWriter.Create(MediaTestInputs.Create(WindowsVersion.Windows11, Firmware.Uefi)));

    [TestMethod]
    public void Winnt_sif_for_XP_matches_its_golden_file() =>
        GoldenFiles.AssertMatches("winnt-xp.sif", WinntSifWriter.Create(MediaTestInputs.Create(WindowsVersion.Xp)));

    [TestMethod]
    public void Winnt_sif_for_Server_2003_matches_its_golden_file() =>
        GoldenFiles.AssertMatches("winnt-2003.sif", WinntSifWriter.Create(MediaTestInputs.Create(WindowsVersion.Server2003)));

    [TestMethod]
    public void Bootstrap_script_matches_its_golden_file() =>
        GoldenFiles.AssertMatches("bootstrap.sh", BootstrapScript.Create(MediaTestInputs.Create(WindowsVersion.Windows10)));

    [TestMethod]
    public void Install_script_matches_its_golden_file() =>
        GoldenFiles.AssertMatches("winvmbuild.cmd", InstallScript.Create(MediaTestInputs.Create(WindowsVersion.Windows10)));

    [TestMethod]
    public void Test_guest_answer_file_matches_its_golden_file() =>
        GoldenFiles.AssertMatches("testguest.cfg", TestGuestAnswerFile.Create(MediaTestInputs.Closure.ArchivePaths));
}
