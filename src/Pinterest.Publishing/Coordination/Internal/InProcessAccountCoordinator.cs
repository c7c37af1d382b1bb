namespace Pinterest.Publishing.Coordination.Internal;

/// <summary>
/// The default <see cref="IPinterestAccountCoordinator"/>: coordinates the callers of this process (and of every
/// container that shares this instance), with no database. The refresh lock is an account gate of one, the publish
/// slots an account gate of <c>maxConcurrency</c>, the cool-downs a dictionary.
/// </summary>
/// <remarks>
/// Cool-downs are forgotten once they ended longer ago than the retention, on every read and write, so idle accounts
/// leave nothing behind; the retention covers a run of rate limits (<see cref="PinterestRetryOptions.MaxRateLimitDelay"/>),
/// which a forgotten entry would start again from its first delay.
/// </remarks>
internal sealed class InProcessAccountCoordinator : IPinterestAccountCoordinator
{
    /// <summary>The shortest retention of an ended cool-down: the hour the contract allows an implementation to forget after.</summary>
    public static readonly TimeSpan MinimumRetention = TimeSpan.FromHours(1);

    private readonly AccountGates _refreshLocks = new();
    private readonly AccountGates _publishSlots = new();
    private readonly Lock _cooldownsGate = new();

    // (account, category) → its cool-down; the category is null for the whole account.
    private readonly Dictionary<(string AccountId, string? Category), PinterestAccountCooldown> _cooldowns = [];
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _retention;

    /// <param name="timeProvider">The clock that decides when an ended cool-down is forgotten.</param>
    /// <param name="retention">
    /// How long an ended cool-down is kept; <see cref="MinimumRetention"/> when shorter or <see langword="null"/>.
    /// </param>
    public InProcessAccountCoordinator(TimeProvider timeProvider, TimeSpan? retention = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        _retention = retention is { } r && r > MinimumRetention ? r : MinimumRetention;
    }

    /// <summary>How many accounts have a refresh lock held or awaited (for tests of the clean-up).</summary>
    internal int ActiveRefreshLocks => _refreshLocks.ActiveAccounts;

    /// <summary>How many accounts have a publish slot held or awaited (for tests of the clean-up).</summary>
    internal int ActivePublishSlots => _publishSlots.ActiveAccounts;

    /// <summary>How many cool-downs are remembered (for tests of the clean-up).</summary>
    internal int CooldownCount
    {
        get
        {
            lock (_cooldownsGate)
            {
                return _cooldowns.Count;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<IAsyncDisposable> AcquireRefreshLockAsync(string accountId, CancellationToken cancellationToken = default) =>
        _refreshLocks.EnterAsync(accountId, 1, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IAsyncDisposable> AcquirePublishSlotAsync(string accountId, int maxConcurrency, CancellationToken cancellationToken = default) =>
        _publishSlots.EnterAsync(accountId, maxConcurrency, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<PinterestAccountCooldown>> GetCooldownsAsync(string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_cooldownsGate)
        {
            // Here too, not only on a write: a process that stops meeting limits still lets go of old entries.
            Forget(_timeProvider.GetUtcNow());
            List<PinterestAccountCooldown> found = [];
            foreach (var ((account, _), cooldown) in _cooldowns)
            {
                if (string.Equals(account, accountId, StringComparison.Ordinal))
                {
                    found.Add(cooldown);
                }
            }

            return ValueTask.FromResult<IReadOnlyList<PinterestAccountCooldown>>(found);
        }
    }

    /// <inheritdoc />
    public ValueTask SetCooldownAsync(PinterestAccountCooldown cooldown, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cooldown);
        ArgumentException.ThrowIfNullOrEmpty(cooldown.AccountId, nameof(cooldown));
        cancellationToken.ThrowIfCancellationRequested();
        lock (_cooldownsGate)
        {
            Forget(_timeProvider.GetUtcNow());
            _cooldowns[(cooldown.AccountId, cooldown.Category)] = cooldown;
        }

        return ValueTask.CompletedTask;
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var (key, cooldown) in _cooldowns)
        {
            if (now - cooldown.Until > _retention)
            {
                _cooldowns.Remove(key);
            }
        }
    }
}
