using Pinterest.Publishing.Events;
using Pinterest.Publishing.Events.Internal;

namespace Pinterest.Publishing.Authentication.Internal;

/// <summary>
/// The keep-alive service: the token manager's refresh-if-due, for hosts to call on idle accounts. A token it cannot
/// renew raises <see cref="IPinterestPublishingObserver.OnRefreshTokenExpiringSoonAsync"/>, so the host can ask the user
/// to reconnect before the account stops publishing.
/// </summary>
internal sealed class PinterestAccountKeepAlive(PinterestTokenManager manager, IPinterestTokenStore? store = null, PublishingEvents? events = null) : IPinterestAccountKeepAlive
{
    public async Task<PinterestKeepAliveResult> KeepAliveAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var result = await manager.KeepAliveAsync(accountId, cancellationToken).ConfigureAwait(false);
        if (result == PinterestKeepAliveResult.CannotRenew && events is not null && store is not null
            && await store.GetTokenAsync(accountId, cancellationToken).ConfigureAwait(false) is { } token)
        {
            events.Raise(
                new RefreshTokenExpiringSoonEvent
                {
                    AccountId = accountId,
                    RefreshTokenExpiresAt = token.RefreshToken is null ? null : token.RefreshTokenExpiresAt,
                    AccessTokenExpiresAt = token.ExpiresAt,
                    OccurredAt = events.Now,
                },
                static (o, e, ct) => o.OnRefreshTokenExpiringSoonAsync(e, ct));
        }

        return result;
    }
}
