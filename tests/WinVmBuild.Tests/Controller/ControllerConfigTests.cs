using WinVmBuild.Controller;
using WinVmBuild.Diagnostics;

namespace WinVmBuild.Tests.Controller;

[TestClass]
public sealed class ControllerConfigTests
{
    [TestMethod]
    public async Task Busybox_sh_reads_back_every_value_literally()
    {
        foreach (var hostile in ShellTexts.Hostile.Where(value => !value.Contains('\n')))
        {
            var config = new ControllerConfig(hostile, new SambaAccount("winvmbuild", hostile), [], TimeSpan.FromSeconds(30));
            var text = config.ToShellText();
            Assert.AreEqual(hostile, await ShellTexts.SourceAndPrintAsync(text, "guest_user"));
            Assert.AreEqual(hostile, await ShellTexts.SourceAndPrintAsync(text, "samba_password"));
        }
    }

    [TestMethod]
    public async Task Shares_are_listed_as_name_tag_mode_and_the_timeout_in_whole_seconds()
    {
        var folder = TestPaths.NewScratchFolder("config");
        var config = new ControllerConfig(
            "cyg_server",
            new SambaAccount("winvmbuild", "secret"),
            [new SharedFolder("src", folder, readOnly: true), new SharedFolder("obj.out", folder, readOnly: false)],
            TimeSpan.FromSeconds(90.5));

        var text = config.ToShellText();

        Assert.AreEqual("src:share0:ro obj.out:share1:rw", await ShellTexts.SourceAndPrintAsync(text, "shares"));
        Assert.AreEqual("91", await ShellTexts.SourceAndPrintAsync(text, "port22_timeout"));
        Assert.AreEqual("192.168.0.1", await ShellTexts.SourceAndPrintAsync(text, "guest_address"));
    }

    [TestMethod]
    public void Share_names_that_Samba_or_the_guest_cannot_use_are_refused()
    {
        var folder = TestPaths.NewScratchFolder("names");
        foreach (var name in new[] { "", "two words", "a:b", "-x", "x/y", new string('a', 33) })
        {
            var error = Assert.ThrowsExactly<WinVmException>(() => new SharedFolder(name, folder, readOnly: true));
            Assert.AreEqual(ErrorCodes.InvalidShareName, error.Code, name);
        }

        var twice = Assert.ThrowsExactly<WinVmException>(() => SharedFolder.EnsureDistinct(
            [new SharedFolder("Src", folder, readOnly: true), new SharedFolder("src", folder, readOnly: true)]));
        Assert.AreEqual(ErrorCodes.InvalidShareName, twice.Code);
        var reserved = Assert.ThrowsExactly<WinVmException>(() => SharedFolder.EnsureDistinct([new SharedFolder("XCHG", folder, readOnly: true)]));
        Assert.AreEqual(ErrorCodes.InvalidShareName, reserved.Code);
    }

    [TestMethod]
    public void A_missing_folder_is_named_in_the_error()
    {
        var missing = Path.Combine(TestPaths.NewScratchFolder("missing"), "nowhere");
        var error = Assert.ThrowsExactly<WinVmException>(() => new SharedFolder("src", missing, readOnly: true));
        Assert.AreEqual(ErrorCodes.InputFileMissing, error.Code);
        StringAssert.Contains(error.Message, missing);
    }

    [TestMethod]
    public void Account_names_and_passwords_that_cannot_arrive_intact_are_refused_without_showing_the_password()
    {
        foreach (var user in new[] { "Root", "1abc", "a b", "" })
        {
            Assert.AreEqual(ErrorCodes.InvalidSambaAccount, Assert.ThrowsExactly<WinVmException>(() => new SambaAccount(user, "secret")).Code);
        }

        var error = Assert.ThrowsExactly<WinVmException>(() => new SambaAccount("winvmbuild", "pass,word"));
        Assert.AreEqual(ErrorCodes.InvalidSambaAccount, error.Code);
        Assert.DoesNotContain("pass,word", error.Message);
        Assert.DoesNotContain("hunter2", new SambaAccount("winvmbuild", "hunter2").ToString());
    }
}
