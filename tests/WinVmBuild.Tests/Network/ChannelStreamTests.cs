using WinVmBuild.Network;

namespace WinVmBuild.Tests.Network;

/// <summary>
/// SSH.NET's channel streams block in Read and Write; wrapped, async code waits on them without holding a thread-pool
/// thread (the pool's minimum is the core count: two held for a command's output and error starved the build).
/// </summary>
[TestClass]
public sealed class ChannelStreamTests
{
    [TestMethod]
    public async Task Blocking_reads_and_writes_run_on_threads_outside_the_pool_and_pass_the_bytes_through()
    {
        var channel = new BlockingChannel([1, 2, 3]);
        var stream = ChannelStream.Open(channel);

        var buffer = new byte[8];
        var read = stream.ReadAsync(buffer, CancellationToken.None).AsTask();
        channel.Release();
        Assert.AreEqual(3, await read);
        await stream.WriteAsync(new byte[] { 4, 5 }, CancellationToken.None);
        await stream.FlushAsync(CancellationToken.None);

        CollectionAssert.AreEqual(new byte[] { 1, 2, 3 }, buffer[..3]);
        CollectionAssert.AreEqual(new byte[] { 4, 5 }, channel.Written.ToArray());
        CollectionAssert.AreEqual(new[] { false, false }, channel.OnPoolThread, "a blocking call must not hold a thread-pool thread");
    }

    [TestMethod]
    public async Task Disposing_it_disposes_the_channel_after_what_was_written_is_sent()
    {
        var channel = new BlockingChannel([]);
        await using (var stream = ChannelStream.Open(channel))
        {
            await stream.WriteAsync(new byte[] { 9 }, CancellationToken.None);
            Assert.AreEqual(0, channel.Written.Length, "small writes are buffered");
        }

        CollectionAssert.AreEqual(new byte[] { 9 }, channel.Written.ToArray());
        Assert.IsTrue(channel.Disposed);
    }

    /// <summary>A stream like SSH.NET's: Read blocks until data is released; every call records whether it ran on the pool.</summary>
    private sealed class BlockingChannel(byte[] data) : Stream
    {
        private readonly SemaphoreSlim _available = new(0);

        public MemoryStream Written { get; } = new();

        public List<bool> OnPoolThread { get; } = [];

        public bool Disposed { get; private set; }

        public override bool CanRead => true;

        public override bool CanWrite => true;

        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public void Release() => _available.Release();

        public override int Read(byte[] buffer, int offset, int count)
        {
            Record();
            _available.Wait();
            data.CopyTo(buffer, offset);
            return data.Length;
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Record();
            Written.Write(buffer, offset, count);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }

        private void Record()
        {
            lock (OnPoolThread)
            {
                OnPoolThread.Add(Thread.CurrentThread.IsThreadPoolThread);
            }
        }
    }
}
