using System.Net;
using System.Net.Sockets;

namespace WinVmBuild.IntegrationTests.Registry;

/// <summary>
/// A TCP relay on 127.0.0.1 in front of a test registry: it counts the registry's bytes it passes on, it may pass them
/// slowly, as a far registry does, and it may go away once it has relayed <c>bytesBeforeCut</c> of them (every
/// connection reset, no new one accepted), as when a registry's host dies in the middle of a download.
/// </summary>
internal sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _target;
    private readonly List<TcpClient> _connections = [];
    private readonly Task _accepting;
    private readonly long _bytesPerSecond;
    private long _budget;
    private long _relayed;

    private TcpRelay(int target, long bytesBeforeCut, long bytesPerSecond)
    {
        _target = target;
        _budget = bytesBeforeCut;
        _bytesPerSecond = bytesPerSecond;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The test registry's repository, through this relay.</summary>
    public string Reference => $"127.0.0.1:{Port}/{DistributionRegistry.Repository}";

    /// <summary>How many of the registry's bytes (its answers: the downloads) the relay has passed on.</summary>
    public long BytesRelayed => Interlocked.Read(ref _relayed);

    /// <summary>Whether the relay has gone away.</summary>
    public bool Cut { get; private set; }

    public static TcpRelay Start(int targetPort, long bytesBeforeCut = long.MaxValue, long bytesPerSecond = long.MaxValue) =>
        new(targetPort, bytesBeforeCut, bytesPerSecond);

    public async ValueTask DisposeAsync()
    {
        GoAway();
        await _accepting;
    }

    private async Task AcceptAsync()
    {
        while (!Cut)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            var server = new TcpClient();
            await server.ConnectAsync(IPAddress.Loopback, _target);
            lock (_connections)
            {
                _connections.AddRange([client, server]);
            }

            _ = RelayAsync(client.GetStream(), server.GetStream(), counted: false);
            _ = RelayAsync(server.GetStream(), client.GetStream(), counted: true);
        }
    }

    private async Task RelayAsync(Stream from, Stream to, bool counted)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer)) > 0)
            {
                if (counted && Interlocked.Add(ref _budget, -read) < 0)
                {
                    GoAway();
                    return;
                }

                await to.WriteAsync(buffer.AsMemory(0, read));
                if (counted)
                {
                    Interlocked.Add(ref _relayed, read);
                }

                if (counted && _bytesPerSecond != long.MaxValue)
                {
                    await Task.Delay(TimeSpan.FromSeconds((double)read / _bytesPerSecond));
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
        }
    }

    private void GoAway()
    {
        Cut = true;
        _listener.Stop();
        lock (_connections)
        {
            foreach (var connection in _connections.Where(connection => connection.Client is not null))
            {
                // Linger 0: a reset, as from a host that is gone.
                connection.LingerState = new LingerOption(true, 0);
                connection.Dispose();
            }

            _connections.Clear();
        }
    }
}
