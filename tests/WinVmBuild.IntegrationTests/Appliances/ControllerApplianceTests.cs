using WinVmBuild.Controller;
using WinVmBuild.Diagnostics;
using WinVmBuild.Vm;

namespace WinVmBuild.IntegrationTests.Appliances;

[TestClass]
[TestCategory("Vm")]
public sealed class ControllerApplianceTests
{
    [TestMethod]
    public async Task Alone_it_starts_samba_then_reports_that_no_guest_answered_on_port_22()
    {
        var fixture = await ApplianceFixture.GetAsync();
        var work = TestPaths.NewScratchFolder("controller-alone");
        var project = Directory.CreateDirectory(Path.Combine(work, "project")).FullName;
        var config = new ControllerConfig("root", ApplianceFixture.Account, [new SharedFolder("project", project, readOnly: true)], TimeSpan.FromSeconds(15));

        int switchId;
        ControllerResult result;
        string console;
        await using (var network = await VdeSwitch.StartAsync(Path.Combine(work, "switch"), NullBuildLog.Instance, CancellationToken.None))
        {
            switchId = network.ProcessId;
            (result, _, console) = await fixture.RunControllerAsync(network, work, config, "echo never runs");
        }

        // Samba starts while the controller waits for the guest; that smbd then serves is proven by the cifs tests.
        StringAssert.Contains(console, "] samba account added", console);
        Assert.IsNull(result.ExitCode);
        Assert.AreEqual("no port 22 within 15 s: the guest at 192.168.0.1 did not start sshd", result.Status, console);
        var error = Assert.ThrowsExactly<WinVmBuild.Diagnostics.WinVmException>(() => result.EnsureExitCode());
        Assert.AreEqual("WVB0350", error.Code);
        await ApplianceFixture.AssertGoneAsync(switchId);
        Assert.IsEmpty(HostProcesses.FindByCommandLine(work), "a process still uses the test's folder");
    }
}
