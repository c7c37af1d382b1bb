using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pinterest.Publishing.Tests.VideoUpload.TestSupport;

/// <summary>A request as it arrived on the wire at <see cref="LoopbackHttpServer"/>.</summary>
public sealed class LoopbackRequest
{
    public required string Method { get; init; }

    public required string Target { get; init; }

    /// <summary>Header names lower-cased; repeated headers joined with ", ".</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    public required byte[] Body { get; init; }

    public bool WasChunked { get; init; }

    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;
}

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1 that records each request exactly as sent (headers, framing, body bytes) and
/// answers through a handler. WireMock normalises what it logs; this shows what the client really put on the wire.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<LoopbackRequest, Stream, CancellationToken, Task> _handler;
    private readonly Task _acceptLoop;
    private readonly ConcurrentQueue<LoopbackRequest> _requests = new();
    private readonly ConcurrentBag<TcpClient> _clients = [];

    public LoopbackHttpServer(Func<LoopbackRequest, Stream, CancellationToken, Task>? handler = null)
    {
        _handler = handler ?? ((_, stream, ct) => WriteResponseAsync(stream, 204, ct: ct));
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        BaseUri = new Uri($"http://127.0.0.1:{port}/");
        _acceptLoop = AcceptLoopAsync();
    }

    public Uri BaseUri { get; }

    public IReadOnlyList<LoopbackRequest> Requests => [.. _requests];

    /// <summary>Set once the request line and headers of a request have been read (before its body).</summary>
    public TaskCompletionSource<LoopbackRequest> FirstRequestHeaders { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task WriteResponseAsync(Stream stream, int status, string? body = null, string contentType = "text/plain", CancellationToken ct = default)
    {
        var bodyBytes = Encoding.UTF8.GetBytes(body ?? string.Empty);
        var head = $"HTTP/1.1 {status} {ReasonFor(status)}\r\nContent-Length: {bodyBytes.Length}\r\n"
            + (bodyBytes.Length > 0 ? $"Content-Type: {contentType}\r\n" : string.Empty) + "\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), ct);
        await stream.WriteAsync(bodyBytes, ct);
        await stream.FlushAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        try
        {
            await _acceptLoop;
        }
        catch (Exception)
        {
            // Stopping.
        }

        _stop.Dispose();
    }

    private static string ReasonFor(int status) => status switch
    {
        200 => "OK",
        204 => "No Content",
        403 => "Forbidden",
        404 => "Not Found",
        411 => "Length Required",
        500 => "Internal Server Error",
        _ => "Status",
    };

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }

            _clients.Add(client);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        try
        {
            using (client)
            {
                var stream = client.GetStream();
                var reader = new BufferedReader(stream);
                while (!_stop.IsCancellationRequested)
                {
                    var requestLine = await reader.ReadLineAsync(_stop.Token);
                    if (requestLine is null)
                    {
                        return;
                    }

                    var parts = requestLine.Split(' ');
                    var headers = new Dictionary<string, string>(StringComparer.Ordinal);
                    string? line;
                    while (!string.IsNullOrEmpty(line = await reader.ReadLineAsync(_stop.Token)))
                    {
                        var colon = line.IndexOf(':', StringComparison.Ordinal);
                        var name = line[..colon].Trim().ToLowerInvariant();
                        var value = line[(colon + 1)..].Trim();
                        headers[name] = headers.TryGetValue(name, out var existing) ? existing + ", " + value : value;
                    }

                    var chunked = headers.TryGetValue("transfer-encoding", out var te) && te.Contains("chunked", StringComparison.OrdinalIgnoreCase);
                    var headOnly = new LoopbackRequest { Method = parts[0], Target = parts[1], Headers = headers, Body = [], WasChunked = chunked };
                    FirstRequestHeaders.TrySetResult(headOnly);

                    if (headers.TryGetValue("expect", out var expect) && expect.Contains("100-continue", StringComparison.OrdinalIgnoreCase))
                    {
                        await stream.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), _stop.Token);
                    }

                    byte[] body;
                    if (chunked)
                    {
                        body = await reader.ReadChunkedAsync(_stop.Token);
                    }
                    else if (headers.TryGetValue("content-length", out var cl))
                    {
                        body = await reader.ReadExactlyAsync(long.Parse(cl, System.Globalization.CultureInfo.InvariantCulture), _stop.Token);
                    }
                    else
                    {
                        body = [];
                    }

                    var request = new LoopbackRequest { Method = parts[0], Target = parts[1], Headers = headers, Body = body, WasChunked = chunked };
                    _requests.Enqueue(request);
                    await _handler(request, stream, _stop.Token);
                }
            }
        }
        catch (Exception)
        {
            // Client went away or the server stopped.
        }
    }

    private sealed class BufferedReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[64 * 1024];
        private int _start;
        private int _end;

        public async Task<string?> ReadLineAsync(CancellationToken ct)
        {
            var line = new List<byte>();
            while (true)
            {
                if (_start == _end && !await FillAsync(ct))
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

        public async Task<byte[]> ReadExactlyAsync(long count, CancellationToken ct)
        {
            var result = new byte[count];
            var filled = 0;
            while (filled < count)
            {
                if (_start == _end && !await FillAsync(ct))
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

        public async Task<byte[]> ReadChunkedAsync(CancellationToken ct)
        {
            using var body = new MemoryStream();
            while (true)
            {
                var sizeLine = await ReadLineAsync(ct) ?? throw new EndOfStreamException();
                var size = Convert.ToInt64(sizeLine.Split(';')[0].Trim(), 16);
                if (size == 0)
                {
                    await ReadLineAsync(ct);
                    return body.ToArray();
                }

                body.Write(await ReadExactlyAsync(size, ct));
                await ReadLineAsync(ct);
            }
        }

        private async Task<bool> FillAsync(CancellationToken ct)
        {
            _start = 0;
            _end = await stream.ReadAsync(_buffer, ct);
            return _end > 0;
        }
    }
}
