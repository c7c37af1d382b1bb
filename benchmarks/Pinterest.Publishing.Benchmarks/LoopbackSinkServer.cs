using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pinterest.Publishing.Benchmarks;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 that reads and discards each request body (Content-Length or chunked) with
/// one fixed buffer and answers 204, like the upload host. It allocates almost nothing per request, so the
/// benchmark's allocation figures are the client's.
/// </summary>
internal sealed class LoopbackSinkServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;

    public LoopbackSinkServer()
    {
        _listener.Start();
        Uri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/upload");
        _acceptLoop = AcceptLoopAsync();
    }

    public Uri Uri { get; }

    /// <summary>Body bytes received by the last request: checked so a benchmark cannot pass by sending nothing.</summary>
    public long LastBodyLength { get; private set; }

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
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        var buffer = new byte[1024 * 1024];
        var response = "HTTP/1.1 204 No Content\r\n\r\n"u8.ToArray();
        using var stream = new NetworkStream(socket, ownsSocket: true);
        var start = 0;
        var end = 0;
        try
        {
            while (true)
            {
                // Read until the end of the headers.
                int headerEnd;
                while ((headerEnd = buffer.AsSpan(start, end - start).IndexOf("\r\n\r\n"u8)) < 0)
                {
                    if (start > 0)
                    {
                        Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                        end -= start;
                        start = 0;
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(end), _stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    end += read;
                }

                var headers = Encoding.ASCII.GetString(buffer, start, headerEnd);
                start += headerEnd + 4;
                var contentLength = HeaderValue(headers, "content-length") is { } cl ? long.Parse(cl, CultureInfo.InvariantCulture) : 0;
                if (HeaderValue(headers, "transfer-encoding") is not null)
                {
                    throw new InvalidOperationException("The sink only accepts bodies of known length, like the upload host.");
                }

                // Discard exactly the body.
                var remaining = contentLength;
                var buffered = Math.Min(end - start, remaining);
                start += (int)buffered;
                remaining -= buffered;
                while (remaining > 0)
                {
                    var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), _stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    remaining -= read;
                }

                if (start == end)
                {
                    start = end = 0;
                }

                LastBodyLength = contentLength;
                await stream.WriteAsync(response, _stop.Token);
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
        catch (IOException)
        {
        }
    }

    private static string? HeaderValue(string headers, string name)
    {
        foreach (var line in headers.Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line.AsSpan(0, colon).Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return null;
    }
}
