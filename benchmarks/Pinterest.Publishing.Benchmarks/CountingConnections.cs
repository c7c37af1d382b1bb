using System.Net.Sockets;

namespace Pinterest.Publishing.Benchmarks;

/// <summary>
/// A <see cref="SocketsHttpHandler"/> whose connections count every byte read from the socket (status line, headers
/// and body): the bytes a client really transferred, whatever it did with them.
/// </summary>
internal sealed class CountingConnections
{
    private long _bytesReceived;
    private long _requests;

    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    /// <summary>Requests sent through <see cref="CreateCountingHandler"/>.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>
    /// <see cref="CreateHandler"/> behind a handler that counts the requests sent, draining abandoned bodies no further
    /// than the library's probe handler does (<c>ProbeHttpHandlerFactory</c>: 64 KiB).
    /// </summary>
    public HttpMessageHandler CreateCountingHandler()
    {
        var handler = CreateHandler();
        handler.MaxResponseDrainSize = 64 * 1024;
        return new RequestCounter(handler, this);
    }

    public SocketsHttpHandler CreateHandler() => new()
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new CountingStream(new NetworkStream(socket, ownsSocket: true), this);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    private void Add(int count) => Interlocked.Add(ref _bytesReceived, count);

    private sealed class RequestCounter(HttpMessageHandler inner, CountingConnections owner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref owner._requests);
            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class CountingStream(Stream inner, CountingConnections owner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            owner.Add(read);
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            owner.Add(read);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.WriteAsync(buffer, cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.WriteAsync(buffer, offset, count, cancellationToken);

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
