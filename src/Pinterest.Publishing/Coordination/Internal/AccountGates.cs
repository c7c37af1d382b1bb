namespace Pinterest.Publishing.Coordination.Internal;

/// <summary>
/// One async gate per account, each letting a number of holders in at once (1 for a lock). A busy account never slows
/// another; a gate is dropped when no caller holds or waits for it, so thousands of accounts do not leave thousands of
/// semaphores behind.
/// </summary>
internal sealed class AccountGates
{
    private readonly Dictionary<string, Gate> _gates = new(StringComparer.Ordinal);

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

    /// <summary>
    /// Waits to enter the gate of <paramref name="accountId"/>; dispose the result to leave it. A gate lets in the
    /// <paramref name="capacity"/> of the caller that created it: every caller of one account passes the same in practice.
    /// </summary>
    /// <param name="accountId">The account.</param>
    /// <param name="capacity">How many may hold the gate at once (at least 1).</param>
    /// <param name="cancellationToken">Stops the wait; a cancelled caller holds nothing and releases nothing.</param>
    public async ValueTask<IAsyncDisposable> EnterAsync(string accountId, int capacity, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Gate gate;
        lock (_gates)
        {
            if (!_gates.TryGetValue(accountId, out gate!))
            {
                gate = new Gate(capacity);
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

        return new Held(this, accountId, gate);
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

    private sealed class Gate(int capacity)
    {
        public SemaphoreSlim Semaphore { get; } = new(capacity, capacity);

        // Guarded by the gates' lock: holders plus waiters.
        public int Users { get; set; }
    }

    private sealed class Held(AccountGates owner, string accountId, Gate gate) : IAsyncDisposable
    {
        private int _disposed;

        public ValueTask DisposeAsync()
        {
            // A second dispose must not let a second caller in.
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                gate.Semaphore.Release();
                owner.Leave(accountId, gate);
            }

            return ValueTask.CompletedTask;
        }
    }
}
