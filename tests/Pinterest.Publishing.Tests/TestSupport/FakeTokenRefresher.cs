using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Authentication.Internal;
using Pinterest.Publishing.Internal.PublishPath;

namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>A refresher that counts calls, can hold every call on a gate and can fail.</summary>
internal sealed class FakeTokenRefresher(FakeTimeProvider time, ConcurrentQueue<string>? events = null) : IPinterestTokenRefresher
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>When set, each call waits for it before answering.</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>Completed when a call has started (and reached the gate).</summary>
    public TaskCompletionSource CallStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When set, each call throws a new exception from this factory after the gate.</summary>
    public Func<Exception>? Failure { get; set; }

    /// <summary>Builds the answer of call number n (1-based); default: a fresh access token and a rotated refresh token.</summary>
    public Func<int, PinterestToken>? Answer { get; set; }

    public ConcurrentQueue<string> ReceivedRefreshTokens { get; } = new();

    /// <summary>The last exception <see cref="Failure"/> made.</summary>
    public Exception? LastFailure { get; private set; }

    public ConcurrentQueue<CancellationToken> ReceivedCancellationTokens { get; } = new();

    public async Task<PinterestToken> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _calls);
        ReceivedRefreshTokens.Enqueue(refreshToken);
        ReceivedCancellationTokens.Enqueue(cancellationToken);
        events?.Enqueue($"refresh:{refreshToken}");
        CallStarted.TrySetResult();
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        if (Failure is { } failure)
        {
            throw LastFailure = failure();
        }

        return Answer?.Invoke(n) ?? new PinterestToken
        {
            AccessToken = $"AT-secret-{n}",
            ExpiresAt = time.GetUtcNow().AddDays(30),
            RefreshToken = $"RT-secret-{n}",
            RefreshTokenExpiresAt = time.GetUtcNow().AddDays(60),
            Scope = "boards:read,pins:write",
        };
    }
}
