using Pinterest.Publishing.Coordination;
using Pinterest.Publishing.Internal.Failures;

namespace Pinterest.Publishing.Internal.PublishPath;

/// <summary>
/// The cool-down policy (<see cref="IAccountCooldowns"/>) over the cool-downs the <see cref="IPinterestAccountCoordinator"/>
/// keeps, so a cool-down one instance of the host starts holds for every instance. A 429 starts a cool-down of its
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
/// This class keeps no state: it reads the account's cool-downs and writes the new one. Two instances meeting a 429 of
/// one account at once may both write: the later write wins, and both computed a wait from the same run.
/// </para>
/// </remarks>
internal sealed class AccountCooldowns(IPinterestAccountCoordinator coordinator, TimeProvider timeProvider, AccountCooldownPolicy policy) : IAccountCooldowns
{
    public async ValueTask<PinterestAccountCooldown?> FindAsync(string accountId, string category, CancellationToken cancellationToken)
    {
        var cooldowns = await coordinator.GetCooldownsAsync(accountId, cancellationToken).ConfigureAwait(false);
        var now = timeProvider.GetUtcNow();
        var ofCategory = InForce(cooldowns, category, now);
        var ofAccount = InForce(cooldowns, null, now);
        return ofAccount is { } whole && (ofCategory is null || whole.Until > ofCategory.Until) ? whole : ofCategory;
    }

    public async ValueTask<PinterestAccountCooldown> RecordAsync(string accountId, RateLimitHit hit, CancellationToken cancellationToken)
    {
        var retry = policy.Retry;
        var serverWait = hit.ServerWait is { } named ? Min(named, AccountCooldownPolicy.MaxServerWait) : (TimeSpan?)null;
        var category = hit.IsSpamBlock ? null : hit.Category;
        var previous = Of(await coordinator.GetCooldownsAsync(accountId, cancellationToken).ConfigureAwait(false), category);
        var now = timeProvider.GetUtcNow();
        PinterestAccountCooldown cooldown;
        if (previous is not null && previous.Until > now)
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
            var inARow = previous is not null && now - previous.Until <= retry.MaxRateLimitDelay ? previous.InARow + 1 : 1;
            var wait = hit.IsSpamBlock ? SpamBlockWait(serverWait) : Backoff.RateLimit(serverWait, inARow - 1, retry);
            cooldown = new PinterestAccountCooldown
            {
                AccountId = accountId,
                Category = category,
                Until = After(now, wait),
                IsSpamBlock = hit.IsSpamBlock,
                InARow = inARow,
            };
        }

        await coordinator.SetCooldownAsync(cooldown, cancellationToken).ConfigureAwait(false);
        return cooldown;
    }

    public async ValueTask SucceededAsync(string accountId, string category, CancellationToken cancellationToken)
    {
        if (Of(await coordinator.GetCooldownsAsync(accountId, cancellationToken).ConfigureAwait(false), category) is { InARow: > 0 } cooldown)
        {
            // The run of 429s is over; a cool-down another call started meanwhile still holds until its end.
            await coordinator.SetCooldownAsync(cooldown with { InARow = 0 }, cancellationToken).ConfigureAwait(false);
        }
    }

    private TimeSpan SpamBlockWait(TimeSpan? serverWait) => Max(policy.SpamBlockDelay, serverWait ?? TimeSpan.Zero);

    private static PinterestAccountCooldown? Of(IReadOnlyList<PinterestAccountCooldown> cooldowns, string? category)
    {
        foreach (var cooldown in cooldowns)
        {
            if (string.Equals(cooldown.Category, category, StringComparison.Ordinal))
            {
                return cooldown;
            }
        }

        return null;
    }

    private static PinterestAccountCooldown? InForce(IReadOnlyList<PinterestAccountCooldown> cooldowns, string? category, DateTimeOffset now) =>
        Of(cooldowns, category) is { } cooldown && cooldown.Until > now ? cooldown : null;

    /// <summary><paramref name="now"/> plus <paramref name="wait"/>, clamped to the calendar instead of overflowing.</summary>
    private static DateTimeOffset After(DateTimeOffset now, TimeSpan wait) =>
        wait < DateTimeOffset.MaxValue - now ? now + wait : DateTimeOffset.MaxValue;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
