using System.Net;
using System.Net.Http.Headers;

namespace Pinterest.Publishing.Benchmarks;

/// <summary>
/// An in-memory Pinterest: checks that the request is an authorized <c>POST /v5/pins</c>, reads its body, and answers
/// 201 with a canned Pin and the headers Pinterest sends. No network, so the benchmark measures the client alone.
/// </summary>
internal sealed class CannedPinHandler(byte[] pinJson, string expectedAccessToken) : HttpMessageHandler
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public long RequestBytes { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Post
            || request.RequestUri?.AbsolutePath != "/v5/pins"
            || request.Headers.Authorization is not { Scheme: "Bearer" } authorization
            || authorization.Parameter != expectedAccessToken
            || request.Content is null)
        {
            throw new InvalidOperationException($"Unexpected request {request.Method} {request.RequestUri}.");
        }

        // Both clients must really produce the body: read it as a server would.
        var body = await request.Content.ReadAsByteArrayAsync(cancellationToken);
        RequestBytes = body.Length;

        var content = new ByteArrayContent(pinJson);
        content.Headers.ContentType = Json;
        var response = new HttpResponseMessage(HttpStatusCode.Created) { Content = content, RequestMessage = request };
        response.Headers.TryAddWithoutValidation("x-pinterest-rid", "0123456789abcdef");
        return response;
    }
}
