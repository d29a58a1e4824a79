using System.Net;
using System.Net.Sockets;
using WinVmBuild.Diagnostics;
using WinVmBuild.Network;
using WinVmBuild.Vm;

namespace WinVmBuild.IntegrationTests.Vm;

/// <summary>
/// The guest's network for real: QEMU's user network as the stages start it. The guest reaches its share server and
/// nothing else. It is probed only through the gateway address, which slirp maps to this host's 127.0.0.1, where the
/// test itself listens: no packet is ever sent to a real outside address.
/// </summary>
[TestClass]
[RequiresHostPackages]
[TestCategory("Vm")]
public sealed class UserNetworkTests
{
    [TestMethod]
    public async Task The_guest_reaches_its_share_server_but_not_the_hosts_other_ports_and_the_host_reaches_its_ssh_port()
    {
        var scratch = TestPaths.NewScratchFolder("user-network");
        using var hostService = new TcpListener(IPAddress.Loopback, 0);
        hostService.Start();
        var port = ((IPEndPoint)hostService.LocalEndpoint).Port;
        var accepted = 0;
        _ = Task.Run(async () =>
        {
            while (true)
            {
                using var client = await hostService.AcceptTcpClientAsync();
                Interlocked.Increment(ref accepted);
            }
        });

        var spec = await BusyboxGuest.CreateAsync(scratch, "isolated", $$"""
            ip link set lo up
            ip addr add {{GuestNetwork.AddressWithPrefix}} dev eth0
            ip link set eth0 up
            sleep 1
            echo "share server: $(nc -w 10 {{GuestNetwork.ShareServerAddress}} 445 < /dev/null)"
            for address in {{GuestNetwork.GatewayAddress}} {{GuestNetwork.ShareServerAddress}}; do
                if echo probe | nc -w 3 "$address" {{port}}; then echo "$address:{{port}} open"; else echo "$address:{{port}} closed"; fi
            done
            echo probes-done
            sleep 600
            """) with
        {
            Network = new UserNetwork(NicModel.VirtioNet, GuestNetwork.MacAddress) { ShareServerCommand = "echo share-server-reached" },
        };

        await using var machine = await QemuMachine.StartAsync(spec, Path.Combine(scratch, "vm"), NullBuildLog.Instance, null, CancellationToken.None);
        var sshPort = await machine.SshPortAsync(CancellationToken.None);
        await machine.WaitForConsoleLineAsync("probes-done", TimeSpan.FromMinutes(2), CancellationToken.None);
        var console = machine.ConsoleTail(50).ToList();

        CollectionAssert.Contains(console, "share server: share-server-reached");
        CollectionAssert.Contains(console, $"{GuestNetwork.GatewayAddress}:{port} closed");
        CollectionAssert.Contains(console, $"{GuestNetwork.ShareServerAddress}:{port} closed");
        Assert.AreEqual(0, Volatile.Read(ref accepted), "the guest reached a port of the host");
        Assert.IsTrue(sshPort > 0 && sshPort != port);
        using var ssh = new TcpClient();
        await ssh.ConnectAsync(IPAddress.Loopback, sshPort);
    }
}
