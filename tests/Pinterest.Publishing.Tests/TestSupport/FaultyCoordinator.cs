using Pinterest.Publishing.Coordination;

namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>
/// A coordinator that passes every call on, except that its cool-down reads and writes throw what
/// <see cref="CooldownFault"/> returns, and giving back a publish slot throws <see cref="ReleaseFault"/> (after the
/// slot was given back, so nothing leaks into the next test step).
/// </summary>
internal sealed class FaultyCoordinator(IPinterestAccountCoordinator inner) : IPinterestAccountCoordinator
{
    /// <summary>Asked before each cool-down read or write; an exception it returns is thrown instead.</summary>
    public Func<Exception?> CooldownFault { get; set; } = static () => null;

    /// <summary>Thrown when a publish slot is given back, when set.</summary>
    public Exception? ReleaseFault { get; set; }

    public ValueTask<IAsyncDisposable> AcquireRefreshLockAsync(string accountId, CancellationToken cancellationToken = default) =>
        inner.AcquireRefreshLockAsync(accountId, cancellationToken);

    public async ValueTask<IAsyncDisposable> AcquirePublishSlotAsync(string accountId, int maxConcurrency, CancellationToken cancellationToken = default) =>
        new Slot(this, await inner.AcquirePublishSlotAsync(accountId, maxConcurrency, cancellationToken));

    public ValueTask<IReadOnlyList<PinterestAccountCooldown>> GetCooldownsAsync(string accountId, CancellationToken cancellationToken = default) =>
        CooldownFault() is { } fault ? throw fault : inner.GetCooldownsAsync(accountId, cancellationToken);

    public ValueTask SetCooldownAsync(PinterestAccountCooldown cooldown, CancellationToken cancellationToken = default) =>
        CooldownFault() is { } fault ? throw fault : inner.SetCooldownAsync(cooldown, cancellationToken);

    private sealed class Slot(FaultyCoordinator owner, IAsyncDisposable held) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await held.DisposeAsync();
            if (owner.ReleaseFault is { } fault)
            {
                throw fault;
            }
        }
    }
}
