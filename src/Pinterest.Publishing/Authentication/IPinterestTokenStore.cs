
namespace Pinterest.Publishing.Authentication;

/// <summary>
/// Where the host keeps each connected account's OAuth tokens (usually its database). The library reads a token before
/// calls and stores the rotated one after every refresh: losing the new refresh token loses the account.
/// </summary>
public interface IPinterestTokenStore
{
    /// <summary>Reads the account's current token, or <see langword="null"/> when the account has none.</summary>
    Task<PinterestToken?> GetTokenAsync(string accountId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves the account's new token. Called after each refresh, before the new access token is used. Across several
    /// app instances, implement it as a compare-and-set so two instances never overwrite each other's rotation.
    /// </summary>
    Task StoreTokenAsync(string accountId, PinterestToken token, CancellationToken cancellationToken = default);
}
