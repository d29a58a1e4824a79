namespace WinVmBuild.Media;

/// <summary>
/// The guest's fixed place on the private switch: every answer file gives the guest this address, on the interface
/// with this MAC (the VM stage starts the guest's NIC with it), so nothing depends on interface names or order.
/// </summary>
public static class GuestNetwork
{
    public const string Address = "192.168.0.1";

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
