using System.Net.Sockets;
using System.Text;
using Renci.SshNet;
using Renci.SshNet.Common;
using WinVmBuild.Diagnostics;

namespace WinVmBuild.Network;

/// <summary>
/// The host's SSH connection to the guest (SSH.NET), through the loopback port QEMU forwards to the guest's sshd: the
/// image's key, one fast key exchange (curve25519, the cheapest for a guest without KVM) and an ed25519 host key that
/// must match the image's pin. No ssh process is spawned.
/// </summary>
public sealed class GuestSsh : IDisposable
{
    /// <summary>
    /// The key exchange every guest's sshd is restricted to. OpenSSH knows curve25519 under this name from 6.5 (2014) to
    /// 10.x; the RFC 8731 name <c>curve25519-sha256</c> only from 7.4 (Dec 2016), and an sshd given a name it does not
    /// know refuses to start ("Bad SSH2 KexAlgorithms"): the Cygwin for XP and Server 2003 (2.5.2) ships OpenSSH 7.3p1.
    /// </summary>
    public const string GuestKeyExchange = "curve25519-sha256@libssh.org";

    /// <summary>The same exchange under both its names, so the client meets any sshd restricted to either.</summary>
    private static readonly string[] KeyExchanges = ["curve25519-sha256", GuestKeyExchange];

    private const string HostKeyAlgorithm = "ssh-ed25519";

    /// <summary>
    /// How long, once connected, SSH.NET waits on the guest for one step: a channel opened, room in its window for more
    /// input. A guest under TCG unpacking thousands of files drains its window slowly, seconds at a time; one that makes
    /// no room for minutes is stuck. Each stage's own deadline bounds the whole command.
    /// </summary>
    private static readonly TimeSpan ConnectedStepTimeout = TimeSpan.FromMinutes(5);

    private readonly SshClient _client;
    private readonly PrivateKeyFile _key;

    private GuestSsh(SshClient client, PrivateKeyFile key, HostKeyPin hostKey, string hostPublicKey)
    {
        _client = client;
        _key = key;
        HostKey = hostKey;
        HostPublicKey = hostPublicKey;
    }

    /// <summary>The host key the guest presented.</summary>
    public HostKeyPin HostKey { get; }

    /// <summary>That key whole, as a known_hosts line holds it after the host's name ("ssh-ed25519 AAAA…").</summary>
    public string HostPublicKey { get; }

    /// <summary>
    /// Connects once to <paramref name="target"/>, each step of the handshake bounded by <paramref name="timeout"/>.
    /// Without a pin, any ed25519 host key is accepted and reported in <see cref="HostKey"/> (the install learns it);
    /// with one, a different key is refused (WVB0359). A refused login key is WVB0360. A guest that is not (yet)
    /// listening gives <see cref="SshException"/> or <see cref="SocketException"/>: <see cref="SshWait"/> retries those.
    /// </summary>
    public static async Task<GuestSsh> ConnectAsync(SshTarget target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var (port, user, privateKeyFile, pin) = target;
        var key = new PrivateKeyFile(privateKeyFile);
        var connection = new PrivateKeyConnectionInfo("127.0.0.1", port, user, key) { Timeout = timeout };
        KeepOnly(connection.KeyExchangeAlgorithms, KeyExchanges);
        KeepOnly(connection.HostKeyAlgorithms, [HostKeyAlgorithm]);

        var client = new SshClient(connection);
        string? presented = null;
        var publicKey = string.Empty;
        client.HostKeyReceived += (_, e) =>
        {
            presented = $"{e.HostKeyName} SHA256:{e.FingerPrintSHA256}";
            publicKey = $"{e.HostKeyName} {Convert.ToBase64String(e.HostKey)}";
            e.CanTrust = pin is null || presented == pin.Fingerprint;
        };
        try
        {
            await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
            connection.Timeout = ConnectedStepTimeout;
            return new GuestSsh(client, key, new HostKeyPin(presented!), publicKey);
        }
        catch (Exception e) when (pin is not null && presented is not null && presented != pin.Fingerprint && e is SshException)
        {
            Dispose(client, key);
            throw new WinVmException(
                ErrorCodes.HostKeyMismatch,
                $"The guest presented the host key {presented}, but this image's guest has {pin.Fingerprint}: the snapshot " +
                "or its recorded key was replaced. Nothing was run. Delete the image's cache entries to install it again.", e);
        }
        catch (SshAuthenticationException e)
        {
            Dispose(client, key);
            throw new WinVmException(
                ErrorCodes.SshKeyRefused,
                $"The guest's sshd refused the image's key '{privateKeyFile}' for '{user}': {e.Message}", e) { File = privateKeyFile };
        }
        catch
        {
            Dispose(client, key);
            throw;
        }
    }

    /// <summary>Runs <paramref name="command"/> to its end and returns its exit status (128 + n for a signal n, as a shell reports it).</summary>
    public async Task<int> RunAsync(GuestCommand command, CancellationToken cancellationToken)
    {
        // SSH.NET ends a command's input only after some data was sent: a command without input reads none.
        using var ssh = _client.CreateCommand(command.WriteInput is null ? "exec < /dev/null\n" + command.Script : command.Script, Encoding.UTF8);
        ssh.CommandTimeout = Timeout.InfiniteTimeSpan;
        var execution = ssh.ExecuteAsync(cancellationToken);
        var output = command.ReadOutput is { } read
            ? read(ChannelStream.Open(ssh.OutputStream), cancellationToken)
            : ReadLinesAsync(ChannelStream.Open(ssh.OutputStream), command.OnOutputLine);
        var error = ReadLinesAsync(ChannelStream.Open(ssh.ExtendedOutputStream), command.OnErrorLine);
        if (command.WriteInput is { } write)
        {
            await using var input = ChannelStream.Open(ssh.CreateInputStream());
            await write(input, cancellationToken).ConfigureAwait(false);
        }

        // A connection whose guest went away never ends its streams, and SSH.NET's cancellation may wait on it: the wait is ours to end.
        await execution.WaitAsync(cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(output, error).WaitAsync(cancellationToken).ConfigureAwait(false);
        return ssh.ExitStatus ?? 128 + SignalNumber(ssh.ExitSignal);
    }

    public void Dispose() => Dispose(_client, _key);

    private static void Dispose(SshClient client, PrivateKeyFile key)
    {
        client.Dispose();
        key.Dispose();
    }

    private static void KeepOnly<T>(IDictionary<string, T> algorithms, string[] names)
    {
        foreach (var other in algorithms.Keys.Where(key => !names.Contains(key)).ToList())
        {
            algorithms.Remove(other);
        }
    }

    private static async Task ReadLinesAsync(Stream stream, Action<string>? onLine)
    {
        using var reader = new StreamReader(stream, new UTF8Encoding(false));
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            onLine?.Invoke(line);
        }
    }

    private static int SignalNumber(string? signal) => signal switch
    {
        "HUP" => 1,
        "INT" => 2,
        "KILL" => 9,
        "TERM" => 15,
        _ => 0,
    };
}
