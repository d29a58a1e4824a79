using WinVmBuild.Network;

namespace WinVmBuild.Vm;

/// <summary>
/// The network card the guest sees: one its system has a driver for out of the box. Windows Vista and later have
/// e1000's; XP and Server 2003 have the RTL8139's; Linux guests use virtio.
/// </summary>
public enum NicModel
{
    E1000,
    Rtl8139,
    VirtioNet,
}

/// <summary>
/// The guest's one network card, on QEMU's user-mode network (slirp) with <c>restrict=on</c>: the guest reaches
/// nothing but its shares, served at <see cref="GuestNetwork.ShareServerAddress"/>:445 by <see cref="ShareServerCommand"/>,
/// which QEMU runs for each connection; the host reaches the guest's sshd through a loopback port QEMU picks
/// (<see cref="QemuMachine.SshPortAsync"/>). Nothing else enters or leaves, so any number of builds run side by side.
/// </summary>
public sealed record UserNetwork(NicModel Model, string MacAddress)
{
    /// <summary>The command line (glib shell syntax) that serves one SMB connection on its standard input and output.</summary>
    public string? ShareServerCommand { get; init; }

    /// <summary>
    /// False lets the guest reach outside networks through QEMU's NAT (a provisioning step with <c>Network="true"</c>):
    /// connections it opens leave from the host, as the host's own would, and nothing outside can open one to it.
    /// </summary>
    public bool Restricted { get; init; } = true;

    public IReadOnlyList<string> Arguments()
    {
        var netdev = $"user,id=net0,restrict={(Restricted ? "on" : "off")},net={GuestNetwork.Subnet}/{GuestNetwork.PrefixLength}," +
                     $"host={GuestNetwork.GatewayAddress},dns={GuestNetwork.DnsAddress}," +
                     $"hostfwd=tcp:127.0.0.1:0-{GuestNetwork.Address}:22";
        if (ShareServerCommand is not null)
        {
            netdev += $",guestfwd=tcp:{GuestNetwork.ShareServerAddress}:445-cmd:{QemuArguments.Escape(ShareServerCommand)}";
        }

        // romfile=: no iPXE option ROM, which only costs boot time: nothing boots from the network.
        var model = Model switch
        {
            NicModel.E1000 => "e1000",
            NicModel.Rtl8139 => "rtl8139",
            _ => "virtio-net-pci",
        };
        return ["-netdev", netdev, "-device", $"{model},netdev=net0,mac={MacAddress},romfile="];
    }
}
