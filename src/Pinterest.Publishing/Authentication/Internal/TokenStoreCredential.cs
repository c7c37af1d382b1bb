
namespace Pinterest.Publishing.Authentication.Internal;

/// <summary>The credential of one account whose tokens live in an <see cref="IPinterestTokenStore"/>.</summary>
internal sealed class TokenStoreCredential(PinterestTokenManager manager, string accountId) : IPinterestCredential
{
    public string? AccountId => accountId;

    public ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken) =>
        manager.GetAccessTokenAsync(accountId, cancellationToken);

    public async ValueTask<string?> RefreshAfterUnauthorizedAsync(string rejectedAccessToken, CancellationToken cancellationToken) =>
        await manager.RefreshAfterUnauthorizedAsync(accountId, rejectedAccessToken, cancellationToken).ConfigureAwait(false);
}
