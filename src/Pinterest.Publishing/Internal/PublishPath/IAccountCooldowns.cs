using Pinterest.Publishing.Coordination;

namespace Pinterest.Publishing.Internal.PublishPath;

/// <summary>
/// Which accounts must not call Pinterest for now, and until when: the memory behind "a rate-limited or spam-blocked
/// account cools down as a whole". Pinterest limits each user of an app per rate-limit category (<c>org_read</c>,
/// <c>org_write</c>, <c>org_analytics</c>), so a cool-down is kept per account and category; a spam block stops the
/// whole account. The publish path reads it before every publish and every create, and records every 429 it meets.
/// </summary>
/// <remarks>
/// The policy (<see cref="AccountCooldowns"/>) keeps no memory of its own: the cool-downs live in the
/// <see cref="IPinterestAccountCoordinator"/>, per account and category, with how many 429s came in a row, so every
/// instance of a host that shares the coordinator waits together.
/// </remarks>
internal interface IAccountCooldowns
{
    /// <summary>The cool-down in force for the account's category or for the whole account (the later one), if any.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="category">The rate-limit category the caller is about to draw from.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The cool-down, or <see langword="null"/> when the account may call now.</returns>
    ValueTask<PinterestAccountCooldown?> FindAsync(string accountId, string category, CancellationToken cancellationToken);

    /// <summary>Records that Pinterest rate-limited (or spam-blocked) a call of the account.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="hit">What Pinterest answered.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The cool-down in force afterwards for what was limited.</returns>
    ValueTask<PinterestAccountCooldown> RecordAsync(string accountId, RateLimitHit hit, CancellationToken cancellationToken);

    /// <summary>A call of the category succeeded: the next 429 starts again from the first delay.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="category">The category of the call.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    ValueTask SucceededAsync(string accountId, string category, CancellationToken cancellationToken);
}
