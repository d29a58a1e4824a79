using System.Net;
using System.Net.Sockets;
using WinVmBuild.Host;
using WinVmBuild.Network;

namespace WinVmBuild.Tests.Network;

/// <summary>
/// The host's own OpenSSH sshd, started by the test in the foreground on a free loopback port, with a host key and an
/// authorized key of its own and nothing else: a real server for the SSH client, without a VM. Disposing stops it.
/// </summary>
internal sealed class HostSshd : IAsyncDisposable
{
    private readonly RunningProcess _process;

    private HostSshd(RunningProcess process, int port, string folder)
    {
        _process = process;
        Port = port;
        ClientKey = Path.Combine(folder, "id_client");
        HostKeyFile = Path.Combine(folder, "ssh_host_ed25519_key");
    }

    public int Port { get; }

    /// <summary>The private key sshd lets the current user in with.</summary>
    public string ClientKey { get; }

    public string HostKeyFile { get; }

    /// <param name="keyExchange">The one key exchange sshd offers: the guests' by default.</param>
    public static async Task<HostSshd> StartAsync(string keyExchange = GuestSsh.GuestKeyExchange)
    {
        var folder = TestPaths.NewScratchFolder("sshd");
        foreach (var (file, comment) in new[] { ("ssh_host_ed25519_key", "host"), ("id_client", "client") })
        {
            await OpenSsh.GenerateKeyPairAsync(Path.Combine(folder, file), comment, CancellationToken.None);
        }

        File.Copy(Path.Combine(folder, "id_client.pub"), Path.Combine(folder, "authorized_keys"));
        var port = FreePort();
        string[] command =
        [
            "/usr/sbin/sshd", "-D", "-e", "-f", "/dev/null", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-o", "ListenAddress=127.0.0.1", "-o", $"HostKey={folder}/ssh_host_ed25519_key", "-o", $"AuthorizedKeysFile={folder}/authorized_keys",
            "-o", $"KexAlgorithms={keyExchange}", "-o", "PasswordAuthentication=no", "-o", "PermitRootLogin=prohibit-password",
            "-o", "UsePAM=no", "-o", "StrictModes=no", "-o", "PidFile=none",
        ];

        // Run by root, sshd wants its privilege separation folder /run/sshd, which only a running ssh service makes:
        // it gets one in a mount namespace of its own, and the host's /run is left as it is.
        var process = RunningProcess.Start(Environment.UserName == "root"
            ? new ProcessSpec("unshare", ["--mount", "sh", "-c", "mount -t tmpfs -o mode=0755 tmpfs /run && mkdir /run/sshd && exec \"$@\"", "sh", .. command])
            : new ProcessSpec(command[0], command[1..]) { DebianPackage = "openssh-server" });
        var sshd = new HostSshd(process, port, folder);
        for (var waited = 0; !Listening(port); waited++)
        {
            if (process.HasExited || waited > 200)
            {
                await sshd.DisposeAsync();
                throw new InvalidOperationException($"sshd did not listen on {port}:\n{(await process.Completion).Tail()}");
            }

            await Task.Delay(25);
        }

        return sshd;
    }

    /// <summary>A loopback port nothing listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
