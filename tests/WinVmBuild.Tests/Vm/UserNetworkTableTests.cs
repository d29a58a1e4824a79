using WinVmBuild.Diagnostics;
using WinVmBuild.Vm;

namespace WinVmBuild.Tests.Vm;

[TestClass]
public sealed class UserNetworkTableTests
{
    // As QEMU 7.2 printed it for -netdev user,...,hostfwd=tcp:127.0.0.1:0-192.168.0.1:22,guestfwd=... (QMP keeps the \r\n).
    private const string Table =
        "Hub -1 (net0):\r\n" +
        "  Protocol[State]    FD  Source Address  Port   Dest. Address  Port RecvQ SendQ\r\n" +
        "  TCP[HOST_FORWARD]   8       127.0.0.1 40811     192.168.0.1    22     0     0\r\n";

    [TestMethod]
    public void The_port_qemu_chose_for_the_guests_sshd_is_read_from_the_host_forward_line()
    {
        Assert.AreEqual(40811, UserNetworkTable.SshPort(Table));
    }

    [TestMethod]
    public void A_table_without_the_forward_to_port_22_is_WVB0322_and_shows_the_table()
    {
        var other = Table.Replace("    22     0", "  2222     0", StringComparison.Ordinal);

        foreach (var table in new[] { other, "Hub -1 (net0):\r\n  Protocol[State]    FD  Source Address  Port   Dest. Address  Port RecvQ SendQ\r\n", string.Empty })
        {
            var error = Assert.ThrowsExactly<WinVmException>(() => UserNetworkTable.SshPort(table));
            Assert.AreEqual(ErrorCodes.SshPortNotForwarded, error.Code);
            StringAssert.Contains(error.Message, table.Trim());
        }
    }
}
