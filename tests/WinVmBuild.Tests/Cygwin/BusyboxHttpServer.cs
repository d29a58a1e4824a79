using System.Net;
using System.Net.Sockets;
using WinVmBuild.Host;

namespace WinVmBuild.Tests.Cygwin;

/// <summary>A real HTTP server (busybox httpd) serving a folder on 127.0.0.1, stopped on dispose.</summary>
internal sealed class BusyboxHttpServer : IAsyncDisposable
{
    private readonly RunningProcess _process;

    private BusyboxHttpServer(RunningProcess process, int port)
    {
        _process = process;
        Url = $"http://127.0.0.1:{port}/";
    }

    public string Url { get; }

    public int ProcessId => _process.Id;

    public static async Task<BusyboxHttpServer> StartAsync(string folder)
    {
        var port = FreePort();
        var process = RunningProcess.Start(new ProcessSpec("busybox", ["httpd", "-f", "-p", $"127.0.0.1:{port}", "-h", folder]) { DebianPackage = "busybox-static" });
        var server = new BusyboxHttpServer(process, port);
        for (var tries = 0; ; tries++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException) when (tries < 100 && !process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>A port nothing listens on right now.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
