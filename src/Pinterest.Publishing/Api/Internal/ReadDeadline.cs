
namespace Pinterest.Publishing.Api.Internal;

/// <summary>
/// The caller's token, cancelled too once the read budget runs out. The budget runs on the wall clock, like the
/// HttpClient.Timeout it extends: it bounds real I/O, which a test's fast-forwarded TimeProvider must not cut short.
/// </summary>
internal sealed class ReadDeadline : IDisposable
{
    private readonly CancellationTokenSource? _timeout;
    private readonly CancellationTokenSource? _linked;

    public ReadDeadline(TimeSpan budget, CancellationToken cancellationToken)
    {
        if (budget == Timeout.InfiniteTimeSpan || budget <= TimeSpan.Zero)
        {
            Token = cancellationToken;
            return;
        }

        _timeout = new CancellationTokenSource(budget);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _timeout.Token);
        Token = _linked.Token;
    }

    public CancellationToken Token { get; }

    public bool HasExpired => _timeout?.IsCancellationRequested == true;

    public void Dispose()
    {
        _linked?.Dispose();
        _timeout?.Dispose();
    }
}
