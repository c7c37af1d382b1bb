using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 for what WireMock cannot show or normalises away. It records each request
/// exactly as sent (headers, framing, body bytes) and answers it by its path's <see cref="LoopbackRoute"/> (honour or
/// ignore <c>Range</c>, hold the answer behind a gate, no declared length, reset, non-HTTP garbage) or else through the
/// handler it was made with: by default <c>204 No Content</c>, what an upload host answers a presigned POST. It counts
/// the body bytes its socket writes actually accepted and the requests in flight, and lets a test wait, without any
/// timing, until requests have arrived or are in flight together.
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    // Bounds every real-time wait below: only a guard against a hang, never a timing assertion.
    private static readonly TimeSpan SafetyTimeout = TimeSpan.FromSeconds(60);

    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<LoopbackRequest, Stream, CancellationToken, Task> _handler;
    private readonly ConcurrentDictionary<string, LoopbackRoute> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<TcpClient> _clients = [];
    private readonly List<Task> _connections = [];
    private readonly Task _acceptLoop;

    // Guards the request log, the in-flight counts and the waiters, so that a waiter sees them change together.
    private readonly Lock _gate = new();
    private readonly List<LoopbackRequest> _requests = [];
    private readonly List<(Func<bool> Reached, TaskCompletionSource Done)> _waiters = [];
    private long _bytesWritten;
    private int _inFlight;
    private int _maxInFlight;

    public LoopbackHttpServer(Func<LoopbackRequest, Stream, CancellationToken, Task>? handler = null)
    {
        _handler = handler ?? ((_, stream, ct) => WriteResponseAsync(stream, 204, ct: ct));
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        BaseUri = new Uri($"http://127.0.0.1:{Port}/");
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port { get; }

    public Uri BaseUri { get; }

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<LoopbackRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Body bytes written to sockets (accepted by the kernel) across all route answers.</summary>
    public long BodyBytesWritten => Interlocked.Read(ref _bytesWritten);

    /// <summary>The most requests that were in flight (arrived, answer not yet written) at the same time.</summary>
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

    /// <summary>Set once the request line and headers of the first request have been read (before its body).</summary>
    public TaskCompletionSource<LoopbackRequest> FirstRequestHeaders { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Uri Url(string path) => new($"http://127.0.0.1:{Port}{path}");

    public void Map(string path, LoopbackRoute route) => _routes[path] = route;

    public int Hits(string path) => Requests.Count(r => r.Target == path);

    /// <summary>Completes once <paramref name="count"/> requests have arrived.</summary>
    public Task WhenRequestsAsync(int count) => WhenAsync(() => _requests.Count >= count);

    /// <summary>
    /// Completes once <paramref name="count"/> requests are in flight at the same time. As a route's
    /// <see cref="LoopbackRoute.Gate"/> it holds every answer until then: if the client sent its requests one after
    /// another, the first answer would never come, and the gate fails after the safety timeout.
    /// </summary>
    public Task WhenInFlightAsync(int count) => WhenAsync(() => _maxInFlight >= count);

    /// <summary>Completes when no answer is being written: byte counts are final then.</summary>
    public Task WhenIdleAsync() => WhenAsync(() => _inFlight == 0);

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

    private Task WhenAsync(Func<bool> reached)
    {
        lock (_gate)
        {
            if (reached())
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((reached, done));
            return done.Task.WaitAsync(SafetyTimeout);
        }
    }

    private void Arrived(LoopbackRequest request)
    {
        lock (_gate)
        {
            _requests.Add(request);
            _maxInFlight = Math.Max(_maxInFlight, ++_inFlight);
            ReleaseWaiters();
        }
    }

    private void Answered()
    {
        lock (_gate)
        {
            _inFlight--;
            ReleaseWaiters();
        }
    }

    private void ReleaseWaiters()
    {
        for (var i = _waiters.Count - 1; i >= 0; i--)
        {
            if (_waiters[i].Reached())
            {
                _waiters[i].Done.TrySetResult();
                _waiters.RemoveAt(i);
            }
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _clients.Add(client);
            var connection = Task.Run(() => ServeAsync(client));
            lock (_connections)
            {
                _connections.Add(connection);
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        try
        {
            using (client)
            {
                // Small kernel buffers, so that the byte count reflects what the client pulled.
                client.Client.SendBufferSize = 8 * 1024;
                client.NoDelay = true;
                var stream = client.GetStream();
                var reader = new LoopbackRequestReader(stream);
                while (!_stop.IsCancellationRequested)
                {
                    var head = await reader.ReadHeadAsync(_stop.Token);
                    if (head is null)
                    {
                        return;
                    }

                    FirstRequestHeaders.TrySetResult(head);
                    if (head.Header("expect") is { } expect && expect.Contains("100-continue", StringComparison.OrdinalIgnoreCase))
                    {
                        await stream.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), _stop.Token);
                    }

                    var request = head with { Body = await reader.ReadBodyAsync(head, _stop.Token) };
                    Arrived(request);
                    bool keepOpen;
                    try
                    {
                        keepOpen = await AnswerAsync(client, stream, request);
                    }
                    finally
                    {
                        Answered();
                    }

                    if (!keepOpen)
                    {
                        return;
                    }
                }
            }
        }
        catch (Exception)
        {
            // The client went away (often on purpose: it stops reading once it knows enough), a gate failed, or the
            // server stopped.
        }
    }

    private async Task<bool> AnswerAsync(TcpClient client, NetworkStream stream, LoopbackRequest request)
    {
        if (_routes.TryGetValue(request.Target, out var route))
        {
            return await route.AnswerAsync(request, client, stream, count => Interlocked.Add(ref _bytesWritten, count), _stop.Token);
        }

        await _handler(request, stream, _stop.Token);
        return true;
    }
}
