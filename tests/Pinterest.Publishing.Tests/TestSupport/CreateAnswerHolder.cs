namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>Holds the first successful create answer until released.</summary>
internal sealed class CreateAnswerHolder : DelegatingHandler
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _held;

    public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _release.TrySetResult();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath == "/v5/pins" && response.IsSuccessStatusCode
            && Interlocked.Exchange(ref _held, 1) == 0)
        {
            Held.TrySetResult();
            await _release.Task.WaitAsync(cancellationToken);
        }

        return response;
    }
}
