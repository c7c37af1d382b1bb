namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>
/// Hands out one chunk per read, each only when the test calls <see cref="Send"/>, then the end of the stream; a
/// read waiting for its chunk honours cancellation like a socket read.
/// </summary>
public sealed class TrickleStream(byte[][] chunks) : ReadOnlyTestStream
{
    private readonly SemaphoreSlim _gate = new(0);
    private int _next;

    /// <summary>Released each time the reader starts waiting for the host.</summary>
    public SemaphoreSlim ReadPending { get; } = new(0);

    /// <summary>The token of the latest read, as the code under test passed it.</summary>
    public CancellationToken LastReadToken { get; private set; }

    public TaskCompletionSource ReadCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Send() => _gate.Release();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        LastReadToken = cancellationToken;
        ReadPending.Release();
        try
        {
            await _gate.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            ReadCancelled.TrySetResult();
            throw;
        }

        if (_next == chunks.Length)
        {
            return 0;
        }

        var chunk = chunks[_next++];
        Assert.True(buffer.Length >= chunk.Length, "test chunks fit one read");
        chunk.CopyTo(buffer);
        return chunk.Length;
    }

    // The semaphores are not disposed with the stream: the code under test disposes the body as soon as a deadline
    // cuts the download, which races with the test's next Send(). They never allocate a wait handle, so there is
    // nothing to release.
}
