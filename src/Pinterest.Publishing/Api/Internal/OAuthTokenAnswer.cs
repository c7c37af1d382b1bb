using System.Net;
using Pinterest.Publishing.Authentication;

namespace Pinterest.Publishing.Api.Internal;

/// <summary>
/// Reads a token endpoint's answer into a <see cref="PinterestToken"/>, believing none of its lifetimes blindly: a
/// broken answer must never make the library throw the rotated refresh token away or trust an absurd expiry.
/// </summary>
internal static class OAuthTokenAnswer
{
    /// <summary>
    /// The longest life an access token's <c>expires_in</c> is believed for (Pinterest's last about 30 days): a larger
    /// value is a broken answer, and a token that dies sooner is refreshed after its 401 anyway.
    /// </summary>
    public static readonly TimeSpan MaxAccessTokenLifetime = TimeSpan.FromDays(365);

    /// <summary>The latest a refresh token's expiry is believed to be, from now (Pinterest's last 60 days to a year).</summary>
    public static readonly TimeSpan MaxRefreshTokenLifetime = TimeSpan.FromDays(3650);

    /// <summary>
    /// The token of an answer. Expiries are clamped: a missing, zero or negative <c>expires_in</c> makes the access token
    /// expire now (it serves the call at hand; the next one refreshes), a huge one is cut to
    /// <see cref="MaxAccessTokenLifetime"/>, and an out-of-range refresh expiry to <see cref="MaxRefreshTokenLifetime"/>.
    /// </summary>
    /// <param name="response">The answer.</param>
    /// <param name="operation">What was attempted, for the message.</param>
    /// <param name="now">The clock's time.</param>
    /// <param name="keepRefreshTokenAlone">
    /// Whether an answer with a refresh token but no access token becomes a token with an empty, expired access token
    /// (to be stored, since the refresh token it replaces is spent) instead of an exception.
    /// </param>
    /// <exception cref="UnreadableTokenAnswerException">The answer has no access token (and nothing to keep): transient, in doubt for a refresh.</exception>
    public static PinterestToken ToToken(OAuthTokenResponse response, string operation, DateTimeOffset now, bool keepRefreshTokenAlone = false)
    {
        var refreshToken = string.IsNullOrEmpty(response.RefreshToken) ? null : response.RefreshToken;
        var hasAccessToken = !string.IsNullOrEmpty(response.AccessToken);
        if (!hasAccessToken && (refreshToken is null || !keepRefreshTokenAlone))
        {
            throw new UnreadableTokenAnswerException(
                $"Pinterest {operation} answered without an access token: the token endpoint answered malformed data. Try again later.",
                HttpStatusCode.OK);
        }

        return new PinterestToken
        {
            AccessToken = hasAccessToken ? response.AccessToken! : string.Empty,
            ExpiresAt = hasAccessToken ? now + Lifetime(response.ExpiresIn, MaxAccessTokenLifetime) : now,
            RefreshToken = refreshToken,
            RefreshTokenExpiresAt = refreshToken is null ? null : RefreshTokenExpiresAt(response, now),
            Scope = response.Scope,
        };
    }

    private static DateTimeOffset? RefreshTokenExpiresAt(OAuthTokenResponse response, DateTimeOffset now)
    {
        if (response.RefreshTokenExpiresIn is > 0 and var refreshIn)
        {
            return now + Lifetime(refreshIn, MaxRefreshTokenLifetime);
        }

        if (response.RefreshTokenExpiresAt is > 0 and var refreshAt)
        {
            var latest = now + MaxRefreshTokenLifetime;
            return refreshAt >= latest.ToUnixTimeSeconds() ? latest : DateTimeOffset.FromUnixTimeSeconds(refreshAt);
        }

        return null;
    }

    private static TimeSpan Lifetime(long? seconds, TimeSpan max) =>
        seconds is > 0 and var value ? (value >= (long)max.TotalSeconds ? max : TimeSpan.FromSeconds(value)) : TimeSpan.Zero;
}
