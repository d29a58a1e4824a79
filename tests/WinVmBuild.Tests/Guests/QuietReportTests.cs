using WinVmBuild.Diagnostics;
using WinVmBuild.Guests;

namespace WinVmBuild.Tests.Guests;

[TestClass]
public sealed class QuietReportTests
{
    [TestMethod]
    public void Every_step_not_in_effect_goes_into_one_warning_and_progress_into_the_detailed_log()
    {
        var log = new RecordingLog();
        var report = new QuietReport(log);

        report.Add(QuietReport.ProgressMarker + "waiting for TiWorker.exe");
        report.Add("some other output");
        report.Add(QuietReport.NotQuietMarker + "Defender real-time protection, kept on by Tamper Protection");
        report.Add(QuietReport.NotQuietMarker + "Update Orchestrator (the service UsoSvc has start type 0x2, not 0x4: disabled)  ");
        report.Finish();

        var (code, text) = log.Warnings.Single();
        Assert.AreEqual(ErrorCodes.WindowsNotQuiet, code);
        StringAssert.Contains(
            text,
            "not fully quiet: Defender real-time protection, kept on by Tamper Protection; " +
            "Update Orchestrator (the service UsoSvc has start type 0x2, not 0x4: disabled). ");
        StringAssert.Contains(text, "WinVmQuietWindows=false");
        CollectionAssert.AreEqual(new[] { "Guest: waiting for TiWorker.exe" }, log.Details.ToArray());
    }

    [TestMethod]
    public void A_quiet_guest_or_one_that_says_nothing_gives_no_warning()
    {
        var log = new RecordingLog();
        var report = new QuietReport(log);

        report.Add("sync done");
        report.Finish();

        Assert.IsEmpty(log.Warnings);
    }
}
