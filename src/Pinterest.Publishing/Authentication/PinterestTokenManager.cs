using Microsoft.Extensions.Logging;

namespace Pinterest.Publishing.Authentication;

/// <summary>
/// Hands out access tokens per account and refreshes them single-flight. One instance is shared by every client of a
/// process (a DI singleton) so that concurrent calls for one account make exactly one refresh call.
/// </summary>
internal sealed class PinterestTokenManager
{
    public PinterestTokenManager(IPinterestTokenStore store, IPinterestTokenRefresher refresher, TimeProvider timeProvider, TimeSpan refreshMargin, ILogger logger)
    {
        // Implemented by the Authentication work; the constructor shape is what the API layer relies on.
        _ = (store, refresher, timeProvider, refreshMargin, logger);
        throw new NotImplementedException();
    }

    /// <summary>A usable access token for the account, refreshed first when it expires within the margin.</summary>
    public ValueTask<string> GetAccessTokenAsync(string accountId, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <summary>After a 401 with <paramref name="rejectedAccessToken"/>: a newer token, refreshing once if nobody else did.</summary>
    public ValueTask<string> RefreshAfterUnauthorizedAsync(string accountId, string rejectedAccessToken, CancellationToken cancellationToken) => throw new NotImplementedException();
}
