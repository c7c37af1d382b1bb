
namespace Pinterest.Publishing.Internal.PublishPath;

/// <summary>
/// Limits concurrent publishes per account across every caller in the process. Each account has its own gate, so a
/// busy account never slows another; gates are dropped when no caller holds or waits for them, so thousands of
/// accounts do not leave thousands of semaphores behind.
/// </summary>
internal sealed class AccountConcurrencyLimiter
{
    private readonly Dictionary<string, Gate> _gates = new(StringComparer.Ordinal);
    private readonly int _maxConcurrency;

    public AccountConcurrencyLimiter(int maxConcurrencyPerAccount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrencyPerAccount, 1);
        _maxConcurrency = maxConcurrencyPerAccount;
    }

    /// <summary>The number of accounts that currently have a gate (held or awaited).</summary>
    internal int ActiveAccounts
    {
        get
        {
            lock (_gates)
            {
                return _gates.Count;
            }
        }
    }

    /// <summary>Waits for a slot of <paramref name="accountId"/>; dispose the result to release it.</summary>
    public async ValueTask<IDisposable> AcquireAsync(string accountId, CancellationToken cancellationToken)
    {
        Gate gate;
        lock (_gates)
        {
            if (!_gates.TryGetValue(accountId, out gate!))
            {
                gate = new Gate(_maxConcurrency);
                _gates.Add(accountId, gate);
            }

            gate.Users++;
        }

        try
        {
            await gate.Semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(accountId, gate);
            throw;
        }

        return new Lease(this, accountId, gate);
    }

    private void Leave(string accountId, Gate gate)
    {
        lock (_gates)
        {
            if (--gate.Users == 0)
            {
                _gates.Remove(accountId);
                gate.Semaphore.Dispose();
            }
        }
    }

    private sealed class Gate(int maxConcurrency)
    {
        public SemaphoreSlim Semaphore { get; } = new(maxConcurrency, maxConcurrency);

        // Guarded by the limiter's lock: holders plus waiters.
        public int Users { get; set; }
    }

    private sealed class Lease(AccountConcurrencyLimiter owner, string accountId, Gate gate) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                gate.Semaphore.Release();
                owner.Leave(accountId, gate);
            }
        }
    }
}
