using System.Net;
using System.Net.Http.Headers;

namespace Pinterest.Publishing.Tests.Security.PropertyBased;

/// <summary>One generated server answer: a status, headers and a body, or a transport failure.</summary>
public sealed record FuzzResponse(int Status, string? ContentType, byte[] Body, IReadOnlyList<KeyValuePair<string, string>> Headers, bool ThrowTransportError = false)
{
    public HttpResponseMessage ToMessage(HttpRequestMessage request)
    {
        if (ThrowTransportError)
        {
            throw new HttpRequestException("connection reset (generated)");
        }

        var response = new HttpResponseMessage((HttpStatusCode)Status) { RequestMessage = request };
        var content = new ByteArrayContent(Body);
        if (ContentType is not null && MediaTypeHeaderValue.TryParse(ContentType, out var mediaType))
        {
            content.Headers.ContentType = mediaType;
        }

        response.Content = content;
        foreach (var (name, value) in Headers)
        {
            // Garbage values are sent as-is, without the typed headers' validation: as a broken server would.
            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return response;
    }

    public override string ToString() =>
        $"{(ThrowTransportError ? "transport error" : Status.ToString(System.Globalization.CultureInfo.InvariantCulture))} {ContentType} [{string.Join("; ", Headers.Select(h => $"{h.Key}: {Truncate(h.Value)}"))}] body {Body.Length} B: {Truncate(System.Text.Encoding.UTF8.GetString(Body.AsSpan(0, Math.Min(Body.Length, 120))))}";

    private static string Truncate(string value) => value.Length <= 80 ? value : value[..80] + "…";
}

/// <summary>Serves generated responses in turn (cycling), whatever the request; records nothing else.</summary>
public sealed class FuzzHandler(IReadOnlyList<FuzzResponse> script) : HttpMessageHandler
{
    private int _next = -1;

    public int Calls => Volatile.Read(ref _next) + 1;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var index = Interlocked.Increment(ref _next);
        return Task.FromResult(script[index % script.Count].ToMessage(request));
    }
}
