namespace Pinterest.Publishing.Authentication;

/// <summary>
/// Lists the connected accounts whose refresh token runs out soon, so the keep-alive sweep can renew them before the
/// user must connect again. Stores that can answer it (the Pinterest.Publishing.EntityFrameworkCore package does)
/// register it; without one, the host calls <see cref="IPinterestAccountKeepAlive"/> itself.
/// </summary>
public interface IPinterestAccountCatalog
{
    /// <summary>
    /// The account ids whose stored refresh token expires before <paramref name="before"/>, or whose access token
    /// does when the refresh token's expiry is not known.
    /// </summary>
    /// <param name="before">The instant the tokens must outlive.</param>
    /// <param name="cancellationToken">Stops the listing.</param>
    /// <returns>The account ids, read lazily.</returns>
    IAsyncEnumerable<string> GetAccountsExpiringBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default);
}
