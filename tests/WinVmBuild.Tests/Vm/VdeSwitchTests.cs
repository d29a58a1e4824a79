using WinVmBuild.Diagnostics;
using WinVmBuild.Vm;

namespace WinVmBuild.Tests.Vm;

/// <summary>The real vde_switch (no VM): it stays up with its standard input closed, and disposal stops it.</summary>
[TestClass]
public sealed class VdeSwitchTests
{
    [TestMethod]
    public async Task Runs_until_disposed_and_leaves_no_process()
    {
        var folder = Path.Combine(TestPaths.NewScratchFolder("vde"), "switch");
        int pid;
        await using (var network = await VdeSwitch.StartAsync(folder, NullBuildLog.Instance, CancellationToken.None))
        {
            pid = network.ProcessId;
            Assert.IsTrue(File.Exists(Path.Combine(folder, "ctl")));
            await Task.Delay(500);
            Assert.IsTrue(HostProcesses.IsAlive(pid), "vde_switch quit at the end of its standard input");
        }

        Assert.IsFalse(HostProcesses.IsAlive(pid));
    }

    [TestMethod]
    public async Task A_folder_too_long_for_unix_sockets_is_refused()
    {
        var folder = Path.Combine(TestPaths.NewScratchFolder("vde-long"), new string('x', 100));
        var error = await Assert.ThrowsExactlyAsync<WinVmException>(() => VdeSwitch.StartAsync(folder, NullBuildLog.Instance, CancellationToken.None));
        Assert.AreEqual(ErrorCodes.SocketPathTooLong, error.Code);
    }
}
