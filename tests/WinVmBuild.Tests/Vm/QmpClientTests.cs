using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WinVmBuild.Diagnostics;
using WinVmBuild.Vm;

namespace WinVmBuild.Tests.Vm;

/// <summary>QMP framing against a scripted server on a real unix socket (the VM tests cover real QEMU).</summary>
[TestClass]
[RequiresHostPackages]
public sealed class QmpClientTests
{
    private const string Greeting = """{"QMP": {"version": {"qemu": {"micro": 0, "minor": 2, "major": 7}}, "capabilities": []}}""";

    [TestMethod]
    public async Task Greets_negotiates_and_matches_a_reply_across_an_interleaved_event()
    {
        var events = new List<string>();
        await using var server = FakeServer.Start(async (reader, write) =>
        {
            await write(Greeting);
            Assert.AreEqual("qmp_capabilities", Command(await reader.ReadLineAsync(), out var capabilitiesId));
            await write($$"""{"return": {}, "id": {{capabilitiesId}}}""");
            Assert.AreEqual("query-status", Command(await reader.ReadLineAsync(), out var statusId));
            await write("""{"timestamp": {"seconds": 1, "microseconds": 2}, "event": "STOP"}""");
            await write($$"""{"return": {"status": "paused", "running": false}, "id": {{statusId}}}""");
        });

        await using var client = await QmpClient.ConnectAsync(server.SocketPath, message => events.Add(message.GetProperty("event").GetString()!), CancellationToken.None);
        var status = await client.ExecuteAsync("query-status", null, CancellationToken.None);

        Assert.AreEqual("paused", status.GetProperty("status").GetString());
        CollectionAssert.AreEqual(new[] { "STOP" }, events);
    }

    [TestMethod]
    public async Task Arguments_are_sent_and_an_error_reply_names_the_command_and_QEMUs_reason()
    {
        string? sent = null;
        await using var server = FakeServer.Start(async (reader, write) =>
        {
            await write(Greeting);
            Command(await reader.ReadLineAsync(), out var capabilitiesId);
            await write($$"""{"return": {}, "id": {{capabilitiesId}}}""");
            sent = await reader.ReadLineAsync();
            Command(sent, out var id);
            await write($$"""{"error": {"class": "GenericError", "desc": "Parameter 'format' is unexpected"}, "id": {{id}}}""");
        });

        await using var client = await QmpClient.ConnectAsync(server.SocketPath, null, CancellationToken.None);
        var error = await Assert.ThrowsExactlyAsync<WinVmException>(
            () => client.ExecuteAsync("screendump", new JsonObject { ["filename"] = "/s.png", ["format"] = "png" }, CancellationToken.None));

        Assert.AreEqual(ErrorCodes.QmpCommandFailed, error.Code);
        StringAssert.Contains(error.Message, "'screendump'");
        StringAssert.Contains(error.Message, "Parameter 'format' is unexpected");
        using var document = JsonDocument.Parse(sent!);
        Assert.AreEqual("/s.png", document.RootElement.GetProperty("arguments").GetProperty("filename").GetString());
    }

    [TestMethod]
    public async Task A_closed_connection_fails_the_waiting_command()
    {
        await using var server = FakeServer.Start(async (reader, write) =>
        {
            await write(Greeting);
            Command(await reader.ReadLineAsync(), out var capabilitiesId);
            await write($$"""{"return": {}, "id": {{capabilitiesId}}}""");
            await reader.ReadLineAsync();
        });

        await using var client = await QmpClient.ConnectAsync(server.SocketPath, null, CancellationToken.None);
        var error = await Assert.ThrowsExactlyAsync<WinVmException>(() => client.ExecuteAsync("quit", null, CancellationToken.None));

        Assert.AreEqual(ErrorCodes.QemuExited, error.Code);
        StringAssert.Contains(error.Message, "'quit'");
    }

    [TestMethod]
    public async Task A_socket_that_does_not_speak_QMP_is_refused()
    {
        await using var server = FakeServer.Start(async (_, write) => await write("""{"hello": "world"}"""));

        var error = await Assert.ThrowsExactlyAsync<WinVmException>(() => QmpClient.ConnectAsync(server.SocketPath, null, CancellationToken.None));

        Assert.AreEqual(ErrorCodes.QemuStartFailed, error.Code);
    }

    private static string Command(string? line, out long id)
    {
        using var document = JsonDocument.Parse(line!);
        id = document.RootElement.GetProperty("id").GetInt64();
        return document.RootElement.GetProperty("execute").GetString()!;
    }

    /// <summary>Accepts one connection and runs a script on it: read lines, write lines; then closes it.</summary>
    private sealed class FakeServer : IAsyncDisposable
    {
        private readonly Socket _listener;
        private readonly Task _conversation;

        private FakeServer(string socketPath, Socket listener, Func<StreamReader, Func<string, Task>, Task> script)
        {
            SocketPath = socketPath;
            _listener = listener;
            _conversation = Task.Run(async () =>
            {
                using var connection = await _listener.AcceptAsync();
                await using var stream = new NetworkStream(connection);
                using var reader = new StreamReader(stream);
                await script(reader, line => stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\r\n")).AsTask());
            });
        }

        public string SocketPath { get; }

        public static FakeServer Start(Func<StreamReader, Func<string, Task>, Task> script)
        {
            var path = Path.Combine(TestPaths.NewScratchFolder("qmp"), "q.sock");
            var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            listener.Bind(new UnixDomainSocketEndPoint(path));
            listener.Listen(1);
            return new FakeServer(path, listener, script);
        }

        public async ValueTask DisposeAsync()
        {
            // The script's own assertions fail the test through here.
            await _conversation;
            _listener.Dispose();
        }
    }
}
