using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Pinterest.Publishing.Internal.PublishPath;

namespace Pinterest.Publishing.Tests.Preflight;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 for what WireMock cannot show: it honours (or ignores) <c>Range</c>,
/// counts the body bytes its socket writes actually accepted, counts requests in flight, holds responses behind a
/// gate, sends bodies without a declared length, resets connections and sends non-HTTP garbage.
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, LoopbackRoute> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.Ordinal);
    private readonly List<Task> _connections = [];
    private readonly Task _acceptLoop;
    private readonly Lock _gate = new();
    private long _bytesWritten;
    private int _inFlight;
    private int _maxInFlight;
    private TaskCompletionSource _idle = CompletedSource();

    public LoopbackHttpServer()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port { get; }

    /// <summary>Every request line received: method, path and Range header.</summary>
    public ConcurrentQueue<(string Method, string Path, string? Range)> Requests { get; } = new();

    /// <summary>Body bytes written to sockets (accepted by the kernel) across all responses.</summary>
    public long BodyBytesWritten => Interlocked.Read(ref _bytesWritten);

    public int MaxInFlight
    {
        get
        {
            lock (_gate)
            {
                return _maxInFlight;
            }
        }
    }

    /// <summary>Completed each time a request arrives; replace to wait for the next one.</summary>
    public TaskCompletionSource RequestArrived { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when no response is being written: byte counts are final then.</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            return _inFlight == 0 ? Task.CompletedTask : _idle.Task;
        }
    }

    public Uri Url(string path) => new($"http://127.0.0.1:{Port}{path}");

    public void Map(string path, LoopbackRoute route) => _routes[path] = route;

    public int Hits(string path) => _hits.TryGetValue(path, out var n) ? n : 0;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (Exception)
        {
            // Stopping the listener ends the loop with an exception.
        }

        Task[] connections;
        lock (_connections)
        {
            connections = [.. _connections];
        }

        await Task.WhenAll(connections.Select(c => c.ContinueWith(_ => { }, TaskScheduler.Default)));
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            var task = Task.Run(() => HandleConnectionAsync(client));
            lock (_connections)
            {
                _connections.Add(task);
            }
        }
    }

    private async Task HandleConnectionAsync(TcpClient client)
    {
        using (client)
        {
            // Small kernel buffers, so that the byte count reflects what the client pulled.
            client.Client.SendBufferSize = 8 * 1024;
            client.NoDelay = true;
            var stream = client.GetStream();
            var pending = new List<byte>();
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var head = await ReadHeadAsync(stream, pending);
                    if (head is null)
                    {
                        return;
                    }

                    var keepOpen = await RespondAsync(client, stream, head);
                    if (!keepOpen)
                    {
                        return;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away (often on purpose: it stops reading once it knows enough).
            }
        }
    }

    private async Task<string?> ReadHeadAsync(NetworkStream stream, List<byte> pending)
    {
        var buffer = new byte[4096];
        while (true)
        {
            var text = Encoding.ASCII.GetString(pending.ToArray());
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                pending.RemoveRange(0, end + 4);
                return text[..end];
            }

            var read = await stream.ReadAsync(buffer, _stop.Token);
            if (read == 0)
            {
                return null;
            }

            pending.AddRange(buffer.AsSpan(0, read));
        }
    }

    private async Task<bool> RespondAsync(TcpClient client, NetworkStream stream, string head)
    {
        var lines = head.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        var method = requestLine[0];
        var path = requestLine[1];
        var range = lines.Skip(1).FirstOrDefault(l => l.StartsWith("Range:", StringComparison.OrdinalIgnoreCase))?[6..].Trim();
        Requests.Enqueue((method, path, range));
        _hits.AddOrUpdate(path, 1, (_, n) => n + 1);

        lock (_gate)
        {
            if (++_inFlight == 1)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            _maxInFlight = Math.Max(_maxInFlight, _inFlight);
        }

        RequestArrived.TrySetResult();
        try
        {
            if (!_routes.TryGetValue(path, out var route))
            {
                await WriteAsciiAsync(stream, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
                return true;
            }

            if (route.Gate is { } gate)
            {
                await gate.WaitAsync(_stop.Token);
            }

            if (route.SendGarbage)
            {
                await WriteAsciiAsync(stream, "THIS IS NOT HTTP\r\n\r\n");
                return false;
            }

            if (method == "HEAD" && route.RejectHead)
            {
                await WriteAsciiAsync(stream, "HTTP/1.1 405 Method Not Allowed\r\nAllow: GET\r\nContent-Length: 0\r\n\r\n");
                return true;
            }

            var body = route.Body;
            long from = 0;
            long to = body.Length - 1;
            var status = route.Status;
            var headers = new StringBuilder();
            if (route.HonourRange && range is not null && status == 200 && TryParseRange(range, body.Length, out from, out to))
            {
                status = 206;
                headers.Append(CultureInfoInvariant($"Content-Range: bytes {from}-{to}/{body.Length}\r\n"));
            }

            var length = to - from + 1;
            headers.Insert(0, CultureInfoInvariant($"HTTP/1.1 {status} {(status == 206 ? "Partial Content" : "Status")}\r\n"));
            if (route.ContentType is not null)
            {
                headers.Append(CultureInfoInvariant($"Content-Type: {route.ContentType}\r\n"));
            }

            foreach (var (name, value) in route.Headers)
            {
                headers.Append(CultureInfoInvariant($"{name}: {value}\r\n"));
            }

            headers.Append(route.DeclareLength ? CultureInfoInvariant($"Content-Length: {length}\r\n") : "Connection: close\r\n");
            headers.Append("\r\n");
            await WriteAsciiAsync(stream, headers.ToString());

            if (method == "HEAD")
            {
                return route.DeclareLength;
            }

            var limit = route.ResetAfterBytes is { } reset ? Math.Min(reset, length) : length;
            const int chunk = 8 * 1024;
            for (var offset = 0L; offset < limit; offset += chunk)
            {
                var count = (int)Math.Min(chunk, limit - offset);
                await stream.WriteAsync(body.AsMemory((int)(from + offset), count), _stop.Token);
                Interlocked.Add(ref _bytesWritten, count);
            }

            if (route.ResetAfterBytes is not null)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                return false;
            }

            return route.DeclareLength;
        }
        finally
        {
            lock (_gate)
            {
                if (--_inFlight == 0)
                {
                    _idle.TrySetResult();
                }
            }
        }
    }

    private static TaskCompletionSource CompletedSource()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.SetResult();
        return source;
    }

    private static string CultureInfoInvariant(FormattableString s) => FormattableString.Invariant(s);

    private async Task WriteAsciiAsync(NetworkStream stream, string text) =>
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text), _stop.Token);

    private static bool TryParseRange(string header, long total, out long from, out long to)
    {
        from = 0;
        to = total - 1;
        if (!header.StartsWith("bytes=", StringComparison.Ordinal))
        {
            return false;
        }

        var parts = header[6..].Split('-');
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

    /// <summary>Responses wait for this before sending anything (the request is counted in flight meanwhile).</summary>
    public Task? Gate { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}
