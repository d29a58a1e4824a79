using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WinVmBuild.Diagnostics;

namespace WinVmBuild.Vm;

/// <summary>
/// A client for the QEMU Machine Protocol on a unix socket: one JSON object per line. Each command carries an
/// id that QEMU echoes in its reply, so replies are matched to commands even with events (which QEMU sends at
/// any time) in between.
/// </summary>
internal sealed class QmpClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly StreamReader _reader;
    private readonly Stream _stream;
    private readonly Action<JsonElement>? _onEvent;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<long, (string Command, TaskCompletionSource<JsonElement> Reply)> _pending = new();
    private Task _readLoop = Task.CompletedTask;
    private long _lastId;
    private volatile bool _closed;

    private QmpClient(Socket socket, Action<JsonElement>? onEvent)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: false);
        _reader = new StreamReader(_stream, new UTF8Encoding(false));
        _onEvent = onEvent;
    }

    /// <summary>
    /// Connects, checks QEMU's greeting and leaves capabilities negotiation mode, after which commands are
    /// accepted. <paramref name="onEvent"/> receives every asynchronous event (<c>{"event": ...}</c>).
    /// </summary>
    public static async Task<QmpClient> ConnectAsync(string socketPath, Action<JsonElement>? onEvent, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var client = new QmpClient(socket, onEvent);
        try
        {
            var greeting = await client.ReadGreetingAsync(cancellationToken).ConfigureAwait(false);
            using (var document = JsonDocument.Parse(greeting))
            {
                if (!document.RootElement.TryGetProperty("QMP", out _))
                {
                    throw new WinVmException(ErrorCodes.QemuStartFailed, $"The QMP socket did not greet with QMP: {greeting}");
                }
            }

            client._readLoop = Task.Run(client.ReadLoopAsync, CancellationToken.None);
            await client.ExecuteAsync("qmp_capabilities", null, cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// How long QEMU may take to answer one command. Every command it is sent answers at once (a migration is started,
    /// then polled), so a QEMU past this is stuck.
    /// </summary>
    public static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Runs <paramref name="command"/> and returns QEMU's <c>return</c> value; an <c>error</c> reply throws WVB0311, no
    /// answer within <see cref="AnswerBound"/> WVB0323.
    /// </summary>
    public async Task<JsonElement> ExecuteAsync(string command, JsonObject? arguments, CancellationToken cancellationToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(AnswerBound);
        try
        {
            return await SendAsync(command, arguments, bound.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new WinVmException(
                ErrorCodes.QmpNoAnswer, $"QEMU did not answer the QMP command '{command}' within {AnswerBound.TotalSeconds:0} s: its main loop is stuck.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Dispose();
        await _readLoop.ConfigureAwait(false);
        _reader.Dispose();
        _writeLock.Dispose();
    }

    private async Task<JsonElement> SendAsync(string command, JsonObject? arguments, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _lastId);
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = (command, reply);
        if (_closed)
        {
            FailPending();
        }

        var message = new JsonObject { ["execute"] = command, ["id"] = id };
        if (arguments is not null)
        {
            message["arguments"] = arguments.DeepClone();
        }

        using (cancellationToken.Register(() =>
        {
            _pending.TryRemove(id, out _);
            reply.TrySetCanceled(cancellationToken);
        }))
        {
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await _stream.WriteAsync(Encoding.UTF8.GetBytes(message.ToJsonString() + "\n"), cancellationToken).ConfigureAwait(false);
            }
            catch (IOException)
            {
                // QEMU is gone; the read loop fails the reply with the reason.
            }
            finally
            {
                _writeLock.Release();
            }

            return await reply.Task.ConfigureAwait(false);
        }
    }

    private async Task<string> ReadGreetingAsync(CancellationToken cancellationToken)
    {
        const string Closed = "QEMU closed its QMP socket before greeting.";
        try
        {
            return await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new WinVmException(ErrorCodes.QemuExited, Closed);
        }
        catch (IOException e)
        {
            throw new WinVmException(ErrorCodes.QemuExited, Closed, e);
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (await _reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                if (!string.IsNullOrWhiteSpace(line))
                {
                    Dispatch(line);
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException or JsonException)
        {
            // The socket closed (QEMU exited, or this client was disposed), or QEMU sent something that is not QMP.
        }

        _closed = true;
        FailPending();
    }

    private void Dispatch(string line)
    {
        using var document = JsonDocument.Parse(line);
        var message = document.RootElement;
        if (message.TryGetProperty("event", out _))
        {
            _onEvent?.Invoke(message.Clone());
            return;
        }

        if (!message.TryGetProperty("id", out var idElement) || !idElement.TryGetInt64(out var id)
            || !_pending.TryRemove(id, out var pending))
        {
            return;
        }

        if (message.TryGetProperty("error", out var error))
        {
            var description = error.TryGetProperty("desc", out var desc) ? desc.GetString() : error.ToString();
            pending.Reply.TrySetException(new WinVmException(
                ErrorCodes.QmpCommandFailed, $"QEMU refused the QMP command '{pending.Command}': {description}"));
        }
        else
        {
            pending.Reply.TrySetResult(message.TryGetProperty("return", out var result) ? result.Clone() : default);
        }
    }

    private void FailPending()
    {
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var pending))
            {
                pending.Reply.TrySetException(new WinVmException(
                    ErrorCodes.QemuExited, $"QEMU closed its QMP connection while '{pending.Command}' waited for its answer."));
            }
        }
    }
}
