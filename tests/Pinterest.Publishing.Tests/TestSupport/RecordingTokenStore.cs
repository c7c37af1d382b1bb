using System.Collections.Concurrent;
using Pinterest.Publishing.Authentication;

namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>An in-memory store that records every read and write in an event log and can hold writes on a gate.</summary>
internal sealed class RecordingTokenStore(ConcurrentQueue<string> events) : IPinterestTokenStore
{
    private readonly InMemoryPinterestTokenStore _inner = new();
    private int _gets;
    private int _stores;

    public int Gets => Volatile.Read(ref _gets);

    public int Stores => Volatile.Read(ref _stores);

    /// <summary>Called with the 1-based read number before each read, e.g. to simulate another instance rotating.</summary>
    public Func<int, Task>? BeforeGet { get; set; }

    /// <summary>When set, each write waits for it (after recording) before storing.</summary>
    public TaskCompletionSource? StoreGate { get; set; }

    public TaskCompletionSource<PinterestToken> StoreStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource StoreCompleted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Seed(string accountId, PinterestToken token) => _inner.StoreTokenAsync(accountId, token);

    public Task<PinterestToken?> Peek(string accountId) => _inner.GetTokenAsync(accountId);

    /// <summary>When set, reads find no token, as after the host disconnected the account.</summary>
    public bool Forgotten { get; set; }

    public async Task<PinterestToken?> GetTokenAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var n = Interlocked.Increment(ref _gets);
        if (BeforeGet is { } before)
        {
            await before(n);
        }

        return Forgotten ? null : await _inner.GetTokenAsync(accountId, cancellationToken);
    }

    /// <summary>How many of the next writes throw, as a database outage would.</summary>
    public int FailNextStores { get; set; }

    public async Task StoreTokenAsync(string accountId, PinterestToken token, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _stores);
        if (FailNextStores > 0)
        {
            FailNextStores--;
            throw new IOException("The token store is down (test).");
        }

        events.Enqueue($"store:{token.AccessToken}:{token.RefreshToken}");
        StoreStarted.TrySetResult(token);
        if (StoreGate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        await _inner.StoreTokenAsync(accountId, token, cancellationToken);
        StoreCompleted.TrySetResult();
    }
}
