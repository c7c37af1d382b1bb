using System.Net;
using System.Net.Http.Headers;

namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>A handler answering 200 <c>video/mp4</c> with the given body stream.</summary>
public sealed class BodyHandler(Stream body) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var content = new StreamContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
    }
}

/// <summary>Never answers: waits until the request is cancelled.</summary>
public sealed class SilentHandler : HttpMessageHandler
{
    public TaskCompletionSource RequestReceived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        RequestReceived.TrySetResult();
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }
}
