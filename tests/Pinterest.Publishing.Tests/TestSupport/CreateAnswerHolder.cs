namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>
/// Holds the first successful create answer until told what to do with it: <see cref="Release"/> hands it over,
/// <see cref="Fail"/> loses it as a connection reset after the Pin was stored.
/// </summary>
internal sealed class CreateAnswerHolder : DelegatingHandler
{
    private readonly TaskCompletionSource<bool> _decision = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _held;

    public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _decision.TrySetResult(false);

    public void Fail() => _decision.TrySetResult(true);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath == "/v5/pins" && response.IsSuccessStatusCode
            && Interlocked.Exchange(ref _held, 1) == 0)
        {
            Held.TrySetResult();
            if (await _decision.Task.WaitAsync(cancellationToken))
            {
                response.Dispose();
                throw new HttpRequestException(HttpRequestError.ResponseEnded, "The connection was reset after the request was sent.");
            }
        }

        return response;
    }
}
