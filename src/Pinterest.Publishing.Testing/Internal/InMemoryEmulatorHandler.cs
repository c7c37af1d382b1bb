using System.Net;
using System.Net.Sockets;

namespace Pinterest.Publishing.Testing.Internal;

/// <summary>Serves an <see cref="PinterestEmulator"/> without a network.</summary>
internal sealed class InMemoryEmulatorHandler(PinterestEmulator emulator) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri is not { IsAbsoluteUri: true } uri)
        {
            throw new InvalidOperationException("The request needs an absolute URI; set HttpClient.BaseAddress to PinterestEmulator.BaseAddress.");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers)
        {
            headers[header.Key] = string.Join(", ", header.Value);
        }

        Stream? body = null;
        long? contentLength = null;
        if (request.Content is not null)
        {
            // A chunked request has no length, exactly as it would reach a real server.
            contentLength = request.Headers.TransferEncodingChunked == true ? null : request.Content.Headers.ContentLength;
            foreach (var header in request.Content.Headers)
            {
                headers[header.Key] = string.Join(", ", header.Value);
            }

            if (contentLength is { } length)
            {
                headers["Content-Length"] = length.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                headers.Remove("Content-Length");
                headers["Transfer-Encoding"] = "chunked";
            }

            body = await request.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        }

        // Like SocketsHttpHandler, the request content's stream is left to its owner: it is read, never disposed here.
        var result = await emulator.ProcessAsync(
            new EmulatorHttpRequest { Method = request.Method.Method, Uri = uri, Headers = headers, Body = body, ContentLength = contentLength },
            cancellationToken).ConfigureAwait(false);

        switch (result.Abort)
        {
            case EmulatorFaultKind.ConnectionRefused:
                throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (emulated).", new SocketException((int)SocketError.ConnectionRefused));
            case EmulatorFaultKind.Timeout:
                throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout (emulated).", new TimeoutException("The operation timed out (emulated)."));
            case not null:
                throw new HttpRequestException(HttpRequestError.ResponseEnded, "The server reset the connection (emulated).", new IOException("Connection reset by peer (emulated).", new SocketException((int)SocketError.ConnectionReset)));
        }

        var response = new HttpResponseMessage((HttpStatusCode)result.StatusCode)
        {
            RequestMessage = request,
            Content = new ByteArrayContent(result.Body.Array ?? [], result.Body.Offset, result.Body.Count),
        };
        if (result.ContentType is not null)
        {
            response.Content.Headers.TryAddWithoutValidation("Content-Type", result.ContentType);
        }

        foreach (var header in result.Headers)
        {
            if (!response.Headers.TryAddWithoutValidation(header.Key, header.Value))
            {
                response.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return response;
    }
}
