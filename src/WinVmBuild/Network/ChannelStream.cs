namespace WinVmBuild.Network;

/// <summary>
/// One of SSH.NET's channel streams (a command's input, output or error) for async code. Their Read and Write block
/// until the guest sends data or makes room in its window, and they have no async versions of their own: Stream's
/// defaults run each call on a thread-pool thread and hold it while the call blocks. A command's output and error
/// held two for the whole command, which on a two-core host is the pool's minimum: every other continuation of the
/// build (the project's tar stream among them) then waited for the pool to grow, 0.5-1.8 s, in about one build in
/// five. Here each blocking call runs on a thread of its own.
/// </summary>
internal sealed class ChannelStream(Stream channel) : Stream
{
    /// <summary>Buffered, so that a tar stream's 512-byte records do not each take a thread: one per 64 KB at most.</summary>
    private const int BufferSize = 64 * 1024;

    /// <summary><paramref name="channel"/>, one of SSH.NET's channel streams, for async code.</summary>
    public static Stream Open(Stream channel) => new BufferedStream(new ChannelStream(channel), BufferSize);

    public override bool CanRead => channel.CanRead;

    public override bool CanWrite => channel.CanWrite;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => channel.Read(buffer, offset, count);

    public override void Write(byte[] buffer, int offset, int count) => channel.Write(buffer, offset, count);

    public override void Flush() => channel.Flush();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        OnOwnThread(() => channel.Read(buffer, offset, count), cancellationToken);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        new(OnOwnThread(() => channel.Read(buffer.Span), cancellationToken));

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        OnOwnThread(() => channel.Write(buffer, offset, count), cancellationToken);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        new(OnOwnThread(() => channel.Write(buffer.Span), cancellationToken));

    public override Task FlushAsync(CancellationToken cancellationToken) => OnOwnThread(channel.Flush, cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            channel.Dispose();
        }

        base.Dispose(disposing);
    }

    private static Task<T> OnOwnThread<T>(Func<T> call, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(call, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static Task OnOwnThread(Action call, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(call, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
