
namespace Pinterest.Publishing.AspNetCore;

/// <summary>Disconnects accounts: revokes their tokens at Pinterest and deletes them from the token store.</summary>
public interface IPinterestAccountConnections
{
    /// <summary>
    /// Revokes the account's tokens at Pinterest (refresh token first, then access token) and removes them from the store,
    /// even when Pinterest refuses the revocation (it documents revocation for system users' tokens only).
    /// </summary>
    /// <param name="accountId">The host's id of the account.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>What happened.</returns>
    /// <exception cref="InvalidOperationException">The registered token store does not implement <see cref="Authentication.IPinterestTokenStoreRemoval"/>.</exception>
    Task<PinterestDisconnectOutcome> DisconnectAsync(string accountId, CancellationToken cancellationToken = default);
}
