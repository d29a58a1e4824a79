namespace WinVmBuild.Network;

/// <summary>
/// The addresses of the guest's private network, QEMU's user-mode network (<see cref="Vm.UserNetwork"/>). Every answer
/// file gives the guest <see cref="Address"/> on the interface with <see cref="MacAddress"/>, without gateway or DNS
/// server, so nothing depends on interface names or order and the guest waits for no one.
/// </summary>
public static class GuestNetwork
{
    /// <summary>The guest's own static address; QEMU forwards a loopback port of the host to its port 22.</summary>
    public const string Address = "192.168.0.1";

    /// <summary>Where the guest finds its shares: QEMU starts the host's smbd for each connection to port 445 here.</summary>
    public const string ShareServerAddress = "192.168.0.2";

    /// <summary>QEMU's own address on the network (its "host"); it must differ from the share server's.</summary>
    public const string GatewayAddress = "192.168.0.3";

    /// <summary>QEMU's DNS address, unused: the guest is given no DNS server, and restrict=on drops what it would ask.</summary>
    public const string DnsAddress = "192.168.0.4";

    public const string Subnet = "192.168.0.0";

    public const int PrefixLength = 24;

    public const string SubnetMask = "255.255.255.0";

    /// <summary>The MAC as QEMU and Linux write it.</summary>
    public const string MacAddress = "52:54:00:12:01:01";

    /// <summary>The MAC as Microsoft-Windows-TCPIP's Interface/Identifier expects it.</summary>
    public static string MacAddressWithDashes => MacAddress.Replace(':', '-');

    /// <summary>The MAC as winnt.sif's NetCardAddress expects it.</summary>
    public static string MacAddressAsHex => "0x" + MacAddress.Replace(":", string.Empty, StringComparison.Ordinal);

    /// <summary>Address with prefix length, as autounattend.xml and the test guest take it.</summary>
    public static string AddressWithPrefix => $"{Address}/{PrefixLength}";
}
