using WinVmBuild.Controller;
using WinVmBuild.Host;

namespace WinVmBuild.Tests.Controller;

[TestClass]
public sealed class SambaConfigurationTests
{
    [TestMethod]
    public async Task Samba_accepts_it_with_one_account_no_guests_and_every_share()
    {
        var folder = TestPaths.NewScratchFolder("smb");
        var config = new ControllerConfig(
            "root", new SambaAccount("winvmbuild", "secret"), [new SharedFolder("src", folder, readOnly: true), new SharedFolder("out", folder, readOnly: false)],
            TimeSpan.FromMinutes(1));
        var file = Path.Combine(folder, "smb.conf");
        var generated = SambaConfiguration.Generate(config);
        await File.WriteAllTextAsync(file, generated);

        // testparm is Samba's own reader: it prints the configuration it understood, without defaults.
        var parsed = (await ProcessRunner.RunCheckedAsync(new ProcessSpec("testparm", ["-s", file]), CancellationToken.None)).StandardOutput;

        StringAssert.Contains(generated, "map to guest = Never");
        StringAssert.Contains(parsed, "restrict anonymous = 2");
        StringAssert.Contains(parsed, "[xchg]\n\tforce user = root\n\tpath = /tmp/winvmbuild/xchg\n\tread only = No\n\tvalid users = winvmbuild");
        StringAssert.Contains(parsed, "[src]\n\tforce user = root\n\tpath = /tmp/winvmbuild/shares/src\n\tvalid users = winvmbuild");
        StringAssert.Contains(parsed, "[out]\n\tforce user = root\n\tpath = /tmp/winvmbuild/shares/out\n\tread only = No");
        Assert.DoesNotContain("min protocol", parsed);
        Assert.DoesNotContain("secret", parsed);
    }

    [TestMethod]
    public void Smb1_is_served_only_when_asked_for_Windows_XP()
    {
        var config = new ControllerConfig("root", new SambaAccount("winvmbuild", "secret"), [], TimeSpan.FromMinutes(1));

        Assert.DoesNotContain("NT1", SambaConfiguration.Generate(config));
        StringAssert.Contains(SambaConfiguration.Generate(config with { AllowSmb1 = true }), "server min protocol = NT1");
    }
}
