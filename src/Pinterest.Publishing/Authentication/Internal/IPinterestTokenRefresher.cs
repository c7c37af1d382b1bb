
namespace Pinterest.Publishing.Authentication.Internal;

/// <summary>Exchanges a refresh token for a new token (the OAuth <c>refresh_token</c> grant).</summary>
/// <remarks>
/// The refresh is an API call, so its implementation (<c>Api.Internal.PinterestTokenRefresher</c>, a singleton service
/// of its own) lives in the layer above; this layer calls it only through this interface.
/// </remarks>
internal interface IPinterestTokenRefresher
{
    /// <summary>
    /// Refreshes; the answer's refresh token may be absent (the caller keeps the stored one then). When the answer
    /// carried a rotated refresh token but no access token, the token returned has an empty
    /// <see cref="PinterestToken.AccessToken"/> that has already expired: the caller stores it (the refresh token it
    /// replaces is spent) and fails transiently.
    /// </summary>
    /// <exception cref="PinterestReauthorizationRequiredException">Pinterest rejected the refresh token (400/401).</exception>
    Task<PinterestToken> RefreshAsync(string refreshToken, CancellationToken cancellationToken);
}
