using WinVmBuild.Host;

namespace WinVmBuild.Network;

/// <summary>
/// How a person logs in to a guest the build left running: OpenSSH's client with the image's key, trusting only the
/// guest's own host key (a known_hosts file of the session's, never the user's), and a remote command that opens a
/// login shell in the project's folder.
/// </summary>
/// <param name="Target">The forwarded port, the account and the image's key.</param>
/// <param name="KnownHostsFile">A file holding the guest's host key for <c>[127.0.0.1]:port</c>.</param>
/// <param name="RemoteCommand">Shell text the guest runs: change to the project's folder, then a login shell.</param>
public sealed record GuestLogin(SshTarget Target, string KnownHostsFile, string RemoteCommand)
{
    /// <summary>The known_hosts line for the guest's host key as the client looks it up on a forwarded port.</summary>
    public static string KnownHostsLine(int port, string hostPublicKey) => $"[127.0.0.1]:{port} {hostPublicKey}";

    /// <summary>The client's arguments: a terminal asked for, the host key checked strictly, no agent's keys offered.</summary>
    public IReadOnlyList<string> Arguments =>
    [
        "-i", Target.PrivateKeyFile, "-p", Target.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "-o", "IdentitiesOnly=yes", "-o", $"UserKnownHostsFile={KnownHostsFile}", "-o", "StrictHostKeyChecking=yes",
        "-t", $"{Target.User}@127.0.0.1", RemoteCommand,
    ];

    /// <summary>The command line a person pastes into a terminal.</summary>
    public override string ToString() => new ProcessSpec("ssh", Arguments).ToString();
}
