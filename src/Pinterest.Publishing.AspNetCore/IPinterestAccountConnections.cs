
namespace Pinterest.Publishing.AspNetCore;

/// <summary>Disconnects accounts: revokes their tokens at Pinterest and deletes them from the token store.</summary>
public interface IPinterestAccountConnections
{
    /// <summary>
    /// Under the account's refresh lock, removes the account's tokens from the store, then revokes the removed tokens at
    /// Pinterest (refresh token first, then access token). A revocation Pinterest refuses (it documents revocation for
    /// system users' tokens only) or that fails is reported as <see cref="PinterestDisconnectOutcome.RemovedWithoutRevocation"/>;
    /// a store that fails to remove them throws, and then nothing was revoked.
    /// </summary>
    /// <param name="accountId">The host's id of the account.</param>
    /// <param name="cancellationToken">
    /// Cancels waiting for the refresh lock and reading the token; once the removal has started it is no longer observed
    /// (the removal and the revocation run to their end, so a closed browser tab cannot leave a revoked token stored).
    /// </param>
    /// <returns>What happened.</returns>
    /// <exception cref="InvalidOperationException">The registered token store does not implement <see cref="Authentication.IPinterestTokenStoreRemoval"/>.</exception>
    Task<PinterestDisconnectOutcome> DisconnectAsync(string accountId, CancellationToken cancellationToken = default);
}
