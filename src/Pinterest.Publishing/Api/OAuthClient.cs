using Pinterest.Publishing.Authentication;

namespace Pinterest.Publishing.Api;

/// <summary><c>/v5/oauth/token</c> and the authorize URL.</summary>
public sealed class OAuthClient
{
    internal OAuthClient()
    {
    }

    /// <summary>Exchanges an authorization code (sends <c>continuous_refresh=true</c>).</summary>
    public Task<PinterestToken> ExchangeCodeAsync(string code, Uri redirectUri, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Exchanges a refresh token for a new token; the answer carries a new, rotated refresh token.</summary>
    public Task<PinterestToken> RefreshAsync(string refreshToken, CancellationToken cancellationToken = default) => throw new NotImplementedException();
}
