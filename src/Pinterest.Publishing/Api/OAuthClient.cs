using System.Net;
using System.Runtime.CompilerServices;
using Pinterest.Publishing.Api.Internal;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Authentication.Internal;

namespace Pinterest.Publishing.Api;

/// <summary>
/// <c>/v5/oauth/token</c>, <c>/v5/oauth/token/revoke</c> and the authorize URL. Token calls authenticate with the app's client id and secret (HTTP
/// Basic), never with a bearer token.
/// </summary>
public class OAuthClient
{
    /// <summary>Where users grant access (the same for production and sandbox apps).</summary>
    internal static readonly Uri AuthorizeEndpoint = new("https://www.pinterest.com/oauth/");

    /// <summary>
    /// The longest life an access token's <c>expires_in</c> is believed for (Pinterest's last about 30 days): a larger
    /// value is a broken answer, and a token that dies sooner is refreshed after its 401 anyway.
    /// </summary>
    internal static readonly TimeSpan MaxAccessTokenLifetime = TimeSpan.FromDays(365);

    /// <summary>The latest a refresh token's expiry is believed to be, from now (Pinterest's last 60 days to a year).</summary>
    internal static readonly TimeSpan MaxRefreshTokenLifetime = TimeSpan.FromDays(3650);

    private readonly PinterestApiTransport? _transport;

    /// <summary>For mocking: a client that is not connected to Pinterest. Override the members your test calls.</summary>
    protected OAuthClient()
    {
    }

    internal OAuthClient(PinterestApiTransport transport)
    {
        ArgumentNullException.ThrowIfNull(transport);
        _transport = transport;
    }

    // A test double has no transport: the member that needed one names itself in the exception.
    private PinterestApiTransport Connected([CallerMemberName] string member = "") => _transport ?? throw ClientForMocking.NotConnected(this, member);

    /// <summary>
    /// The URL to send the user to: <c>https://www.pinterest.com/oauth/?client_id=…&amp;redirect_uri=…&amp;response_type=code&amp;scope=a,b&amp;state=…</c>.
    /// </summary>
    /// <param name="redirectUri">The redirect URI registered for the app; Pinterest sends the code there.</param>
    /// <param name="scopes">The scopes to ask for (e.g. <c>boards:read</c>, <c>pins:write</c>).</param>
    /// <param name="state">An unguessable value tied to the user's session; check it when Pinterest redirects back.</param>
    /// <exception cref="InvalidOperationException">The client id is not configured.</exception>
    public virtual Uri BuildAuthorizeUri(Uri redirectUri, IEnumerable<string> scopes, string state)
    {
        ArgumentNullException.ThrowIfNull(redirectUri);
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentException.ThrowIfNullOrWhiteSpace(state);
        if (!redirectUri.IsAbsoluteUri)
        {
            throw new ArgumentException("The redirect URI must be absolute.", nameof(redirectUri));
        }

        var scopeList = scopes.ToList();
        if (scopeList.Count == 0 || scopeList.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("At least one scope is required, and none may be empty.", nameof(scopes));
        }

        var clientId = Connected().Requests.ClientId;
        if (string.IsNullOrEmpty(clientId))
        {
            throw new InvalidOperationException("The Pinterest app's ClientId is not set (PinterestClientOptions.ClientId or PinterestPublishingOptions.ClientId): the authorize URL needs it.");
        }

        var query = new QueryBuilder()
            .Add("client_id", clientId)
            .Add("redirect_uri", redirectUri.AbsoluteUri)
            .Add("response_type", "code")
            .AddCommaSeparated("scope", scopeList)
            .Add("state", state);
        return new UriBuilder(AuthorizeEndpoint) { Query = query.ToString() }.Uri;
    }

    /// <summary>
    /// Exchanges an authorization code (<c>grant_type=authorization_code</c>, sends <c>continuous_refresh=true</c>).
    /// Not retried: a code can be used once.
    /// </summary>
    /// <param name="code">The code Pinterest passed to the redirect URI.</param>
    /// <param name="redirectUri">The same redirect URI as in the authorize URL.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual async Task<PinterestToken> ExchangeCodeAsync(string code, Uri redirectUri, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentNullException.ThrowIfNull(redirectUri);
        if (!redirectUri.IsAbsoluteUri)
        {
            throw new ArgumentException("The redirect URI must be absolute.", nameof(redirectUri));
        }

        var request = PinterestApiRequest.Form(
            PinterestEndpoints.OAuthExchangeCode,
            "oauth/token",
            [
                new("grant_type", "authorization_code"),
                new("code", code),
                new("redirect_uri", redirectUri.AbsoluteUri),
                new("continuous_refresh", "true"),
            ]);
        return await SendTokenRequestAsync(Connected(), request, keepRefreshTokenAlone: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Exchanges a refresh token for a new token (<c>grant_type=refresh_token</c>). The answer usually carries a new,
    /// rotated refresh token: store it before using the new access token.
    /// </summary>
    /// <exception cref="PinterestReauthorizationRequiredException">Pinterest rejected the refresh token (400/401).</exception>
    /// <exception cref="PinterestApiException">
    /// Another failure; <see cref="PinterestApiException.IsTransient"/> is <see langword="true"/> when the answer was a
    /// success without an access token (the refresh token it may carry is lost to this call: the token manager of a
    /// token-store client keeps it).
    /// </exception>
    public virtual Task<PinterestToken> RefreshAsync(string refreshToken, CancellationToken cancellationToken = default) =>
        RefreshCoreAsync(Connected(), refreshToken, keepRefreshTokenAlone: false, cancellationToken);

    private static async Task<PinterestToken> RefreshCoreAsync(PinterestApiTransport transport, string refreshToken, bool keepRefreshTokenAlone, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(refreshToken);
        var request = PinterestApiRequest.Form(
            PinterestEndpoints.OAuthRefresh,
            "oauth/token",
            [
                new("grant_type", "refresh_token"),
                new("refresh_token", refreshToken),
            ]);

        // Refreshing is safe to retry after a transient failure; a rejected refresh token is not transient.
        request.IsIdempotent = true;
        request.MapError = static error => error.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized
            ? new PinterestReauthorizationRequiredException(
                $"Pinterest rejected the refresh token (HTTP {(int)error.StatusCode}{(error.ErrorCode is { } code ? $", code {code}" : string.Empty)}): the account must be connected again through OAuth.",
                error)
            : null;
        return await SendTokenRequestAsync(transport, request, keepRefreshTokenAlone, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>POST /v5/oauth/token/revoke</c>: makes <paramref name="token"/> (an access or refresh token) invalid at once.
    /// Call it when a user disconnects the app, for each token the app holds (<see cref="RevokeTokensAsync"/> does both),
    /// then delete the tokens from the store. Authenticates with the app's client id and secret. Revoking a token that is
    /// already invalid is not an error here (RFC 7009), so a resend after a lost answer is safe.
    /// </summary>
    /// <remarks>
    /// Pinterest's API description says "only tokens issued for system users are currently supported": for a user's
    /// token Pinterest may refuse, which this call raises as <see cref="PinterestApiException"/>. Delete the stored tokens
    /// whatever the answer, and tell the user they can also remove the app in their Pinterest settings.
    /// </remarks>
    /// <param name="token">The token to revoke.</param>
    /// <param name="tokenTypeHint"><c>access_token</c> or <c>refresh_token</c>, or <see langword="null"/> to let Pinterest find out.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="PinterestApiException">Pinterest refused (401 code 2: the app's client id or secret is wrong; 403: not allowed to revoke).</exception>
    public virtual Task RevokeAsync(string token, string? tokenTypeHint = null, CancellationToken cancellationToken = default) =>
        Connected().SendAsync(TokenRevocation.Request(token, tokenTypeHint), credential: null, cancellationToken);

    /// <summary>
    /// Revokes both tokens of a connection (<see cref="RevokeAsync"/>): the refresh token first, so that no new access
    /// token can be made from it, then the access token. For a user who disconnects the app.
    /// </summary>
    /// <param name="token">The account's tokens.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <exception cref="PinterestApiException">Pinterest refused a revocation (see <see cref="RevokeAsync"/>).</exception>
    public virtual async Task RevokeTokensAsync(PinterestToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (!string.IsNullOrEmpty(token.RefreshToken))
        {
            await RevokeAsync(token.RefreshToken, TokenRevocation.RefreshToken, cancellationToken).ConfigureAwait(false);
        }

        if (!string.IsNullOrEmpty(token.AccessToken))
        {
            await RevokeAsync(token.AccessToken, TokenRevocation.AccessToken, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The token manager's refresh (through <see cref="PinterestTokenRefresher"/>): like <see cref="RefreshAsync"/>,
    /// except that an answer carrying a rotated refresh token but no access token is returned (access token empty,
    /// expired now) so that the rotated token is stored.
    /// </summary>
    internal Task<PinterestToken> RefreshKeepingRotatedTokenAsync(string refreshToken, CancellationToken cancellationToken) =>
        RefreshCoreAsync(Connected(), refreshToken, keepRefreshTokenAlone: true, cancellationToken);

    private static async Task<PinterestToken> SendTokenRequestAsync(PinterestApiTransport transport, PinterestApiRequest request, bool keepRefreshTokenAlone, CancellationToken cancellationToken)
    {
        OAuthTokenResponse response;
        try
        {
            response = await transport.SendAsync(request, PinterestJsonContext.Default.OAuthTokenResponse, credential: null, cancellationToken).ConfigureAwait(false);
        }
        catch (PinterestApiException exception) when (exception.GetType() == typeof(PinterestApiException) && PinterestApiRequest.IsSuccess(exception.StatusCode))
        {
            // A success status with an unreadable body: the grant was not refused, so this is no reason to reject a Pin.
            throw new PinterestTokenAnswerException(
                $"{exception.Message} The Pinterest token endpoint answered malformed data; the next attempt refreshes again.",
                exception.StatusCode,
                exception.RequestId,
                exception);
        }

        return ToToken(response, request.Operation, transport.TimeProvider.GetUtcNow(), keepRefreshTokenAlone);
    }

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
    /// <exception cref="PinterestApiException">The answer has no access token (and nothing to keep): transient.</exception>
    internal static PinterestToken ToToken(OAuthTokenResponse response, string operation, DateTimeOffset now, bool keepRefreshTokenAlone = false)
    {
        var refreshToken = string.IsNullOrEmpty(response.RefreshToken) ? null : response.RefreshToken;
        var hasAccessToken = !string.IsNullOrEmpty(response.AccessToken);
        if (!hasAccessToken && (refreshToken is null || !keepRefreshTokenAlone))
        {
            throw new PinterestTokenAnswerException(
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
