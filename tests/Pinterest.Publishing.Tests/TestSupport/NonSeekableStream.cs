namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>A read-only stream that cannot seek (like a network or pipe stream), over another stream.</summary>
public sealed class NonSeekableStream(Stream inner) : ReadOnlyTestStream
{
    public bool WasDisposed { get; private set; }

    // Unlike a response body, a caller's video stream may be read synchronously.
    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        WasDisposed = true;
        base.Dispose(disposing);
    }
}
