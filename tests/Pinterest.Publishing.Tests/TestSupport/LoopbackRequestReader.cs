using System.Globalization;
using System.Text;

namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>
/// Reads the HTTP/1.1 requests of one <see cref="LoopbackHttpServer"/> connection: the request line and headers, then
/// the body as it was framed (<c>Content-Length</c> or chunked), keeping what it read ahead for the next request.
/// </summary>
internal sealed class LoopbackRequestReader(Stream stream)
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    /// <summary>The next request without its body, or <see langword="null"/> once the client closed the connection.</summary>
    public async Task<LoopbackRequest?> ReadHeadAsync(CancellationToken cancellationToken)
    {
        var requestLine = await ReadLineAsync(cancellationToken);
        if (requestLine is null)
        {
            return null;
        }

        var parts = requestLine.Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        string? line;
        while (!string.IsNullOrEmpty(line = await ReadLineAsync(cancellationToken)))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            headers[name] = headers.TryGetValue(name, out var existing) ? existing + ", " + value : value;
        }

        var chunked = headers.TryGetValue("transfer-encoding", out var te) && te.Contains("chunked", StringComparison.OrdinalIgnoreCase);
        return new LoopbackRequest { Method = parts[0], Target = parts[1], Headers = headers, Body = [], WasChunked = chunked };
    }

    /// <summary>The body of the request <paramref name="head"/> describes (none without a length or chunked framing).</summary>
    public async Task<byte[]> ReadBodyAsync(LoopbackRequest head, CancellationToken cancellationToken)
    {
        if (head.WasChunked)
        {
            return await ReadChunkedAsync(cancellationToken);
        }

        return head.Header("content-length") is { } length
            ? await ReadExactlyAsync(long.Parse(length, CultureInfo.InvariantCulture), cancellationToken)
            : [];
    }

    private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new List<byte>();
        while (true)
        {
            if (_start == _end && !await FillAsync(cancellationToken))
            {
                return line.Count == 0 ? null : Encoding.ASCII.GetString([.. line]);
            }

            var b = _buffer[_start++];
            if (b == '\n')
            {
                if (line.Count > 0 && line[^1] == '\r')
                {
                    line.RemoveAt(line.Count - 1);
                }

                return Encoding.ASCII.GetString([.. line]);
            }

            line.Add(b);
        }
    }

    private async Task<byte[]> ReadExactlyAsync(long count, CancellationToken cancellationToken)
    {
        var result = new byte[count];
        var filled = 0;
        while (filled < count)
        {
            if (_start == _end && !await FillAsync(cancellationToken))
            {
                throw new EndOfStreamException();
            }

            var n = (int)Math.Min(_end - _start, count - filled);
            Buffer.BlockCopy(_buffer, _start, result, filled, n);
            _start += n;
            filled += n;
        }

        return result;
    }

    private async Task<byte[]> ReadChunkedAsync(CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        while (true)
        {
            var sizeLine = await ReadLineAsync(cancellationToken) ?? throw new EndOfStreamException();
            var size = Convert.ToInt64(sizeLine.Split(';')[0].Trim(), 16);
            if (size == 0)
            {
                await ReadLineAsync(cancellationToken);
                return body.ToArray();
            }

            body.Write(await ReadExactlyAsync(size, cancellationToken));
            await ReadLineAsync(cancellationToken);
        }
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        _start = 0;
        _end = await stream.ReadAsync(_buffer, cancellationToken);
        return _end > 0;
    }
}
