using System.Globalization;
using System.Text.RegularExpressions;
using WinVmBuild.Diagnostics;
using WinVmBuild.Network;

namespace WinVmBuild.Vm;

/// <summary>
/// Reads QEMU's <c>info usernet</c> table, where the port QEMU chose for <c>hostfwd=tcp:127.0.0.1:0-…:22</c> appears
/// on the <c>TCP[HOST_FORWARD]</c> line (known as soon as QEMU has started, before any state is loaded).
/// </summary>
public static partial class UserNetworkTable
{
    public static int SshPort(string table)
    {
        foreach (Match match in HostForward().Matches(table))
        {
            if (match.Groups["guest"].Value == GuestNetwork.Address && match.Groups["guestPort"].Value == "22")
            {
                return int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
            }
        }

        throw new WinVmException(
            ErrorCodes.SshPortNotForwarded,
            $"QEMU lists no forwarded port to {GuestNetwork.Address}:22 in its user network (a QEMU without slirp support?). " +
            $"It listed:\n{table.Trim()}");
    }

    // "  TCP[HOST_FORWARD]   8       127.0.0.1 40811     192.168.0.1    22     0     0"
    [GeneratedRegex(@"TCP\[HOST_FORWARD\]\s+\d+\s+127\.0\.0\.1\s+(?<port>\d+)\s+(?<guest>[0-9.]+)\s+(?<guestPort>\d+)")]
    private static partial Regex HostForward();
}
