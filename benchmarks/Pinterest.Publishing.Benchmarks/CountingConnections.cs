using Pinterest.Publishing.Tests.TestSupport;

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

    public SocketsHttpHandler CreateHandler()
    {
        var handler = new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false };
        ReadCountingStream.CountReads(handler, Add);
        return handler;
    }

    private void Add(int count) => Interlocked.Add(ref _bytesReceived, count);

    private sealed class RequestCounter(HttpMessageHandler inner, CountingConnections owner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref owner._requests);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
