using Pinterest.Publishing.Coordination;

namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>One host's view of a coordinator: passes every call on, and reports when the host waits for a refresh lock.</summary>
internal sealed class ObservedCoordinator(IPinterestAccountCoordinator inner) : IPinterestAccountCoordinator
{
    private TaskCompletionSource _waitingForRefreshLock = NewSignal();

    /// <summary>Completes once the host waits for a refresh lock another holds (since the last <see cref="Reset"/>).</summary>
    public Task WaitingForRefreshLock => _waitingForRefreshLock.Task;

    /// <summary>How many refresh locks the host took.</summary>
    public int RefreshLocksTaken => Volatile.Read(ref _refreshLocksTaken);

    private int _refreshLocksTaken;

    public void Reset() => _waitingForRefreshLock = NewSignal();

    public async ValueTask<IAsyncDisposable> AcquireRefreshLockAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var acquiring = inner.AcquireRefreshLockAsync(accountId, cancellationToken);
        if (!acquiring.IsCompleted)
        {
            _waitingForRefreshLock.TrySetResult();
        }

        var held = await acquiring;
        Interlocked.Increment(ref _refreshLocksTaken);
        return held;
    }

    public ValueTask<IAsyncDisposable> AcquirePublishSlotAsync(string accountId, int maxConcurrency, CancellationToken cancellationToken = default) =>
        inner.AcquirePublishSlotAsync(accountId, maxConcurrency, cancellationToken);

    public ValueTask<IReadOnlyList<PinterestAccountCooldown>> GetCooldownsAsync(string accountId, CancellationToken cancellationToken = default) =>
        inner.GetCooldownsAsync(accountId, cancellationToken);

    public ValueTask SetCooldownAsync(PinterestAccountCooldown cooldown, CancellationToken cancellationToken = default) =>
        inner.SetCooldownAsync(cooldown, cancellationToken);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
