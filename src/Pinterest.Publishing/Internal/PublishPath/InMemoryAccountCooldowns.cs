using Pinterest.Publishing.Internal.Failures;

namespace Pinterest.Publishing.Internal.PublishPath;

/// <summary>
/// The cool-downs of this process (<see cref="IAccountCooldowns"/>), under one lock. A 429 starts a cool-down of its
/// account and category for the wait Pinterest named, else for <see cref="PinterestRetryOptions.RateLimitDelay"/>
/// doubled per 429 in a row up to <see cref="PinterestRetryOptions.MaxRateLimitDelay"/> (<see cref="Backoff.RateLimit"/>);
/// a spam block stops the whole account for <see cref="AccountCooldownPolicy.SpamBlockDelay"/>.
/// </summary>
/// <remarks>
/// <para>
/// A 429 while the cool-down is still in force (several publishes of the account were in flight) is no new one in a
/// row: it keeps the end, or moves it later when Pinterest names a later one. A 429 within
/// <see cref="PinterestRetryOptions.MaxRateLimitDelay"/> after the previous cool-down ended continues the run (the first
/// call after a daily limit's cool-down met the limit again); a success ends it.
/// </para>
/// <para>
/// A spam block while a whole-account cool-down is in force moves its end to the spam block's (unless it ends later).
/// Entries are forgotten once their cool-down ended longer ago than that run length, on every look-up and record, so
/// idle accounts leave nothing behind.
/// </para>
/// </remarks>
internal sealed class InMemoryAccountCooldowns(TimeProvider timeProvider, AccountCooldownPolicy policy) : IAccountCooldowns
{
    private readonly Lock _gate = new();

    // (account, category) → its cool-down; the category is null for the whole account.
    private readonly Dictionary<(string AccountId, string? Category), AccountCooldown> _cooldowns = [];

    /// <summary>How many cool-downs are remembered (for tests of the clean-up).</summary>
    internal int Count
    {
        get
        {
            lock (_gate)
            {
                return _cooldowns.Count;
            }
        }
    }

    public ValueTask<AccountCooldown?> FindAsync(string accountId, string category, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            // Here too, not only when a 429 is recorded: a process that stops meeting limits still lets go of old entries.
            Forget(now);
            var ofCategory = InForce((accountId, category), now);
            var ofAccount = InForce((accountId, null), now);
            return ValueTask.FromResult(ofAccount is { } whole && (ofCategory is null || whole.Until > ofCategory.Value.Until) ? whole : ofCategory);
        }
    }

    public ValueTask<AccountCooldown> RecordAsync(string accountId, RateLimitHit hit, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var retry = policy.Retry;
        var serverWait = hit.ServerWait is { } named ? Min(named, AccountCooldownPolicy.MaxServerWait) : (TimeSpan?)null;
        var key = (accountId, hit.IsSpamBlock ? null : hit.Category);
        lock (_gate)
        {
            Forget(now);
            var known = _cooldowns.TryGetValue(key, out var previous);
            AccountCooldown cooldown;
            if (known && previous.Until > now)
            {
                // Another call of the same cool-down met the limit too: not one more in a row. It only ever moves the end
                // later: to the wait Pinterest names, and for a spam block to its full delay even when a shorter
                // whole-account cool-down (a 429 of unknown category) was in force.
                var wait = hit.IsSpamBlock ? SpamBlockWait(serverWait) : serverWait ?? TimeSpan.Zero;
                var until = After(now, wait) > previous.Until ? After(now, wait) : previous.Until;
                cooldown = previous with { Until = until, IsSpamBlock = previous.IsSpamBlock || hit.IsSpamBlock };
            }
            else
            {
                var inARow = known && now - previous.Until <= retry.MaxRateLimitDelay ? previous.InARow + 1 : 1;
                var wait = hit.IsSpamBlock ? SpamBlockWait(serverWait) : Backoff.RateLimit(serverWait, inARow - 1, retry);
                cooldown = new AccountCooldown(key.Item2, After(now, wait), hit.IsSpamBlock, inARow);
            }

            _cooldowns[key] = cooldown;
            return ValueTask.FromResult(cooldown);
        }
    }

    public ValueTask SucceededAsync(string accountId, string category, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_cooldowns.TryGetValue((accountId, category), out var cooldown))
            {
                // The run of 429s is over; a cool-down another call started meanwhile still holds until its end.
                _cooldowns[(accountId, category)] = cooldown with { InARow = 0 };
            }
        }

        return ValueTask.CompletedTask;
    }

    private TimeSpan SpamBlockWait(TimeSpan? serverWait) => Max(policy.SpamBlockDelay, serverWait ?? TimeSpan.Zero);

    private AccountCooldown? InForce((string AccountId, string? Category) key, DateTimeOffset now) =>
        _cooldowns.TryGetValue(key, out var cooldown) && cooldown.Until > now ? cooldown : null;

    /// <summary>Drops cool-downs that ended longer ago than a run of 429s lasts: they would start no run.</summary>
    private void Forget(DateTimeOffset now)
    {
        foreach (var (key, cooldown) in _cooldowns)
        {
            if (now - cooldown.Until > policy.Retry.MaxRateLimitDelay)
            {
                _cooldowns.Remove(key);
            }
        }
    }

    /// <summary><paramref name="now"/> plus <paramref name="wait"/>, clamped to the calendar instead of overflowing.</summary>
    private static DateTimeOffset After(DateTimeOffset now, TimeSpan wait) =>
        wait < DateTimeOffset.MaxValue - now ? now + wait : DateTimeOffset.MaxValue;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
