using System.Net;
using System.Net.Sockets;

namespace Pinterest.Publishing.Testing.Internal;

/// <summary>Serves an emulator over HTTP on a loopback port with <see cref="HttpListener"/>.</summary>
internal sealed class EmulatorHttpServer : IDisposable
{
    private readonly PinterestEmulator _emulator;
    private readonly HttpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _acceptLoop;

    private EmulatorHttpServer(PinterestEmulator emulator, HttpListener listener, Uri baseAddress)
    {
        _emulator = emulator;
        _listener = listener;
        BaseAddress = baseAddress;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public Uri BaseAddress { get; }

    public static EmulatorHttpServer Start(PinterestEmulator emulator)
    {
        // A port found free can be taken before HttpListener binds it: try a few.
        for (var attempt = 0; ; attempt++)
        {
            var port = FindFreePort();
            var prefix = $"http://127.0.0.1:{port}/";
            var listener = new HttpListener();
            listener.Prefixes.Add(prefix);
            try
            {
                listener.Start();
                return new EmulatorHttpServer(emulator, listener, new Uri(prefix));
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                listener.Close();
            }
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        try
        {
            _listener.Stop();
            _listener.Close();
        }
        catch (ObjectDisposedException)
        {
        }

        _stopping.Dispose();
    }

    private static int FindFreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        try
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in request.Headers.AllKeys)
            {
                if (name is not null)
                {
                    headers[name] = request.Headers[name] ?? string.Empty;
                }
            }

            var chunked = headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase);
            var result = await _emulator.ProcessAsync(
                new EmulatorHttpRequest
                {
                    Method = request.HttpMethod,
                    Uri = request.Url ?? new Uri(BaseAddress, request.RawUrl),
                    Headers = headers,
                    Body = request.HasEntityBody ? request.InputStream : null,
                    ContentLength = chunked || request.ContentLength64 < 0 ? null : request.ContentLength64,
                },
                _stopping.Token).ConfigureAwait(false);

            if (result.Abort is not null)
            {
                // HttpListener cannot reset a socket: Abort still writes the pending headers. Promising a body that never
                // comes makes the client fail with "response ended prematurely", as after a dropped connection.
                response.ContentLength64 = 1;
                response.Abort();
                return;
            }

            response.StatusCode = result.StatusCode;
            foreach (var header in result.Headers)
            {
                response.Headers[header.Key] = header.Value;
            }

            if (result.ContentType is not null)
            {
                response.ContentType = result.ContentType;
            }

            response.ContentLength64 = result.Body.Count;
            if (result.Body.Count > 0)
            {
                await response.OutputStream.WriteAsync(result.Body, _stopping.Token).ConfigureAwait(false);
            }

            response.Close();
        }
#pragma warning disable CA1031 // A failing request must not take the server down; the client sees a dropped connection.
        catch (Exception)
#pragma warning restore CA1031
        {
            try
            {
                response.Abort();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
