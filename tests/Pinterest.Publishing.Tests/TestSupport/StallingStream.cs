namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>
/// Returns a prefix, then blocks until cancelled, as a socket whose peer went away silently (no FIN, no RST).
/// </summary>
public sealed class StallingStream(byte[] prefix) : ReadOnlyTestStream
{
    private int _position;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position < prefix.Length)
        {
            var n = Math.Min(buffer.Length, prefix.Length - _position);
            prefix.AsMemory(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        await Task.Delay(Timeout.Infinite, cancellationToken);
        return 0;
    }
}
