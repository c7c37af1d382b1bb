namespace Pinterest.Publishing.Coordination;

/// <summary>
/// Coordinates the work on one Pinterest account across every instance of the host: the refresh lock, the account's
/// publish slots and its cool-downs. The library calls it itself; a host only chooses the implementation.
/// </summary>
/// <remarks>
/// <para>
/// Pinterest spends a refresh token when it rotates it, so two instances refreshing the same account at once leave
/// one of them with a refused refresh token: the refresh lock is held around "re-read the token store → refresh →
/// store", and the second instance finds the renewed token instead of refreshing again. A rate limit or spam block
/// met by one instance cools the account down for all of them, and the per-account concurrency limit
/// (<c>Pinterest:MaxConcurrentPublishesPerAccount</c>) counts publishes of every instance.
/// </para>
/// <para>
/// The default (registered by <c>AddPinterestPublishing</c>) coordinates inside this process only. The
/// Pinterest.Publishing.EntityFrameworkCore package coordinates over PostgreSQL (advisory locks and a cool-down
/// table). Implementations must be thread-safe; every method may be called concurrently for the same account.
/// </para>
/// </remarks>
public interface IPinterestAccountCoordinator
{
    /// <summary>
    /// Takes the account's refresh lock, waiting while another caller (in any instance) holds it. The lock is held
    /// until the returned handle is disposed.
    /// </summary>
    /// <param name="accountId">The host's account id, as in the token store.</param>
    /// <param name="cancellationToken">Stops waiting for the lock.</param>
    /// <returns>The held lock; dispose it to release the lock.</returns>
    ValueTask<IAsyncDisposable> AcquireRefreshLockAsync(string accountId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes one of the account's publish slots, waiting while <paramref name="maxConcurrency"/> publishes of the
    /// account (in every instance) hold one. The slot is held until the returned handle is disposed.
    /// </summary>
    /// <param name="accountId">The host's account id.</param>
    /// <param name="maxConcurrency">How many publishes of the account may run at once across instances (at least 1).</param>
    /// <param name="cancellationToken">Stops waiting for a slot.</param>
    /// <returns>The held slot; dispose it to give it back.</returns>
    ValueTask<IAsyncDisposable> AcquirePublishSlotAsync(string accountId, int maxConcurrency, CancellationToken cancellationToken = default);

    /// <summary>
    /// The account's recorded cool-downs: one per rate-limit category and at most one for the whole account. Entries
    /// whose <see cref="PinterestAccountCooldown.Until"/> has passed may be returned (the library still reads how many
    /// limits came in a row from them); an implementation may forget an entry an hour after its end.
    /// </summary>
    /// <param name="accountId">The host's account id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The account's cool-downs, possibly empty.</returns>
    ValueTask<IReadOnlyList<PinterestAccountCooldown>> GetCooldownsAsync(string accountId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a cool-down, replacing the one of the same account and <see cref="PinterestAccountCooldown.Category"/>.
    /// The library computes the cool-down (the wait Pinterest named, or a doubling delay); the store only keeps it.
    /// </summary>
    /// <param name="cooldown">The cool-down to keep.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the cool-down is visible to every instance.</returns>
    ValueTask SetCooldownAsync(PinterestAccountCooldown cooldown, CancellationToken cancellationToken = default);
}
