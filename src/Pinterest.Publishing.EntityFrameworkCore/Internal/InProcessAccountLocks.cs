using System.Collections.Concurrent;

namespace Pinterest.Publishing.EntityFrameworkCore.Internal;

/// <summary>
/// The refresh lock and publish slots inside one process (the SQLite coordinator): one semaphore per account for the
/// refresh lock and one per account and limit for the slots. Nothing here reaches another process.
/// </summary>
internal sealed class InProcessAccountLocks
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _refresh = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Account, int Limit), SemaphoreSlim> _slots = new();

    public Task<IAsyncDisposable> AcquireRefreshLockAsync(string accountId, CancellationToken cancellationToken) =>
        EnterAsync(_refresh.GetOrAdd(accountId, static _ => new SemaphoreSlim(1, 1)), cancellationToken);

    public Task<IAsyncDisposable> AcquirePublishSlotAsync(string accountId, int maxConcurrency, CancellationToken cancellationToken) =>
        EnterAsync(_slots.GetOrAdd((accountId, maxConcurrency), static key => new SemaphoreSlim(key.Limit, key.Limit)), cancellationToken);

    private static async Task<IAsyncDisposable> EnterAsync(SemaphoreSlim semaphore, CancellationToken cancellationToken)
    {
        await semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Held(semaphore);
    }

    private sealed class Held(SemaphoreSlim semaphore) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }

            return ValueTask.CompletedTask;
        }
    }
}
