using System.Net.Sockets;
using System.Text;

namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>How <see cref="LoopbackHttpServer"/> answers one path.</summary>
internal sealed record LoopbackRoute
{
    public int Status { get; init; } = 200;

    public string? ContentType { get; init; }

    public byte[] Body { get; init; } = [];

    public bool HonourRange { get; init; } = true;

    /// <summary>When false, no Content-Length: the body ends when the connection closes.</summary>
    public bool DeclareLength { get; init; } = true;

    public bool RejectHead { get; init; }

    public bool SendGarbage { get; init; }

    /// <summary>Resets the connection (RST) after this many body bytes.</summary>
    public long? ResetAfterBytes { get; init; }

    /// <summary>
    /// Answers wait for this before sending anything (the request is counted in flight meanwhile); a gate that fails
    /// (a safety timeout) drops the connection unanswered.
    /// </summary>
    public Task? Gate { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Writes the answer to <paramref name="request"/>; returns whether the connection stays open for another request.</summary>
    internal async Task<bool> AnswerAsync(LoopbackRequest request, TcpClient client, Stream stream, Action<int> bodyBytesWritten, CancellationToken cancellationToken)
    {
        if (Gate is { } gate)
        {
            await gate.WaitAsync(cancellationToken);
        }

        if (SendGarbage)
        {
            await WriteAsciiAsync(stream, "THIS IS NOT HTTP\r\n\r\n", cancellationToken);
            return false;
        }

        if (request.Method == "HEAD" && RejectHead)
        {
            await WriteAsciiAsync(stream, "HTTP/1.1 405 Method Not Allowed\r\nAllow: GET\r\nContent-Length: 0\r\n\r\n", cancellationToken);
            return true;
        }

        long from = 0;
        long to = Body.Length - 1;
        var status = Status;
        var headers = new StringBuilder();
        if (HonourRange && request.Range is { } range && status == 200 && TryParseRange(range, Body.Length, out from, out to))
        {
            status = 206;
            headers.Append(FormattableString.Invariant($"Content-Range: bytes {from}-{to}/{Body.Length}\r\n"));
        }

        var length = to - from + 1;
        headers.Insert(0, FormattableString.Invariant($"HTTP/1.1 {status} {(status == 206 ? "Partial Content" : "Status")}\r\n"));
        if (ContentType is not null)
        {
            headers.Append(FormattableString.Invariant($"Content-Type: {ContentType}\r\n"));
        }

        foreach (var (name, value) in Headers)
        {
            headers.Append(FormattableString.Invariant($"{name}: {value}\r\n"));
        }

        headers.Append(DeclareLength ? FormattableString.Invariant($"Content-Length: {length}\r\n") : "Connection: close\r\n");
        headers.Append("\r\n");
        await WriteAsciiAsync(stream, headers.ToString(), cancellationToken);

        if (request.Method == "HEAD")
        {
            return DeclareLength;
        }

        var limit = ResetAfterBytes is { } reset ? Math.Min(reset, length) : length;
        const int chunk = 8 * 1024;
        for (var offset = 0L; offset < limit; offset += chunk)
        {
            var count = (int)Math.Min(chunk, limit - offset);
            await stream.WriteAsync(Body.AsMemory((int)(from + offset), count), cancellationToken);
            bodyBytesWritten(count);
        }

        if (ResetAfterBytes is not null)
        {
            client.Client.LingerState = new LingerOption(true, 0);
            return false;
        }

        return DeclareLength;
    }

    private static async Task WriteAsciiAsync(Stream stream, string text, CancellationToken cancellationToken) =>
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text), cancellationToken);

    private static bool TryParseRange(string header, long total, out long from, out long to)
    {
        from = 0;
        to = total - 1;
        if (!header.StartsWith("bytes=", StringComparison.Ordinal))
        {
            return false;
        }

        var parts = header[6..].Split('-');
        if (parts[0].Length == 0 && parts.Length == 2 && long.TryParse(parts[1], out var suffix) && suffix > 0)
        {
            // A suffix range: the last bytes.
            from = Math.Max(0, total - suffix);
            return true;
        }

        if (!long.TryParse(parts[0], out from) || from >= total)
        {
            return false;
        }

        if (parts.Length > 1 && long.TryParse(parts[1], out var end))
        {
            to = Math.Min(end, total - 1);
        }

        return true;
    }
}
