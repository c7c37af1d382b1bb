using System.Net;
using System.Text;

namespace Pinterest.Publishing.Tests.Contract;

/// <summary>An in-memory handler that records every request and answers with a minimal valid body.</summary>
internal sealed class RecordingHandler : HttpMessageHandler
{
    public List<RecordedRequest> Requests { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add(new RecordedRequest(request.Method, request.RequestUri!, request.Content?.Headers.ContentType?.ToString(), body, request.Headers.Authorization?.Scheme));
        if (request.Method == HttpMethod.Delete)
        {
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        }

        var json = request.RequestUri!.AbsolutePath.EndsWith("/analytics", StringComparison.Ordinal)
            ? """{"all":{"summary_metrics":{}}}"""
            : """{"id":"1","media_id":"1","items":[],"access_token":"a","expires_in":60}""";
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
    }
}

internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? ContentType, string? Body, string? AuthScheme);
