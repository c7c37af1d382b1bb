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
    /// Pinterest's <c>code</c> for a refresh token or authorization code it does not accept ("The authorization grant is
    /// invalid": wrong, spent, expired or revoked; pinterest/pinterest-python-sdk#114).
    /// </summary>
    internal const int InvalidGrantErrorCode = 283;

    /// <summary>Pinterest's <c>code</c> for "Authentication failed."; at the token endpoint, the app's client credentials.</summary>
    internal const int ClientAuthenticationFailedErrorCode = 2;

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
    /// <param name="redirectUri">
    /// The redirect URI registered for the app; Pinterest sends the code there. Its <see cref="Uri.OriginalString"/> is
    /// sent, exactly as written: Pinterest compares it character for character with the registered ones, and
    /// <see cref="Uri.AbsoluteUri"/> would add a trailing slash or change the escaping.
    /// </param>
    /// <param name="scopes">The scopes to ask for (e.g. <c>boards:read</c>, <c>pins:write</c>).</param>
    /// <param name="state">An unguessable value tied to the user's session; check it when Pinterest redirects back.</param>
    /// <exception cref="ArgumentException">The redirect URI is not an absolute http(s) URL, or has white space around it.</exception>
    /// <exception cref="InvalidOperationException">The client id is not configured.</exception>
    public virtual Uri BuildAuthorizeUri(Uri redirectUri, IEnumerable<string> scopes, string state)
    {
        ArgumentNullException.ThrowIfNull(redirectUri);
        return BuildAuthorizeUri(redirectUri.OriginalString, scopes, state);
    }

    /// <summary>
    /// The URL to send the user to: <c>https://www.pinterest.com/oauth/?client_id=…&amp;redirect_uri=…&amp;response_type=code&amp;scope=a,b&amp;state=…</c>.
    /// </summary>
    /// <param name="redirectUri">
    /// The redirect URI exactly as registered for the app (<c>https://app.example.com</c> stays without a trailing
    /// slash); Pinterest compares it character for character. Must be an absolute http(s) URL.
    /// </param>
    /// <param name="scopes">The scopes to ask for (e.g. <c>boards:read</c>, <c>pins:write</c>).</param>
    /// <param name="state">An unguessable value tied to the user's session; check it when Pinterest redirects back.</param>
    /// <exception cref="ArgumentException">The redirect URI is not an absolute http(s) URL, or has white space around it.</exception>
    /// <exception cref="InvalidOperationException">The client id is not configured.</exception>
    public virtual Uri BuildAuthorizeUri(string redirectUri, IEnumerable<string> scopes, string state)
    {
        EnsureRedirectUri(redirectUri);
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentException.ThrowIfNullOrWhiteSpace(state);
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
            .Add("redirect_uri", redirectUri)
            .Add("response_type", "code")
            .AddCommaSeparated("scope", scopeList)
            .Add("state", state);
        return new UriBuilder(AuthorizeEndpoint) { Query = query.ToString() }.Uri;
    }

    /// <summary>
    /// Exchanges an authorization code (<c>grant_type=authorization_code</c>, sends <c>continuous_refresh=true</c>).
    /// Sent again only after a failure that proves it was not processed (a refused connection, a 429): a code can be
    /// used once.
    /// </summary>
    /// <param name="code">The code Pinterest passed to the redirect URI.</param>
    /// <param name="redirectUri">The same redirect URI as in the authorize URL; its <see cref="Uri.OriginalString"/> is sent.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="PinterestAppCredentialsException">Pinterest refused the app's client id or secret (401 code 2).</exception>
    /// <exception cref="PinterestApiException">Pinterest refused the code (used, expired, another redirect URI) or failed.</exception>
    public virtual Task<PinterestToken> ExchangeCodeAsync(string code, Uri redirectUri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(redirectUri);
        return ExchangeCodeAsync(code, redirectUri.OriginalString, cancellationToken);
    }

    /// <summary>
    /// Exchanges an authorization code (<c>grant_type=authorization_code</c>, sends <c>continuous_refresh=true</c>).
    /// Sent again only after a failure that proves it was not processed (a refused connection, a 429): a code can be
    /// used once.
    /// </summary>
    /// <param name="code">The code Pinterest passed to the redirect URI.</param>
    /// <param name="redirectUri">The same redirect URI as in the authorize URL, exactly as registered for the app.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="PinterestAppCredentialsException">Pinterest refused the app's client id or secret (401 code 2).</exception>
    /// <exception cref="PinterestApiException">Pinterest refused the code (used, expired, another redirect URI) or failed.</exception>
    public virtual async Task<PinterestToken> ExchangeCodeAsync(string code, string redirectUri, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        EnsureRedirectUri(redirectUri);
        var request = PinterestApiRequest.Form(
            PinterestEndpoints.OAuthExchangeCode,
            "oauth/token",
            [
                new("grant_type", "authorization_code"),
                new("code", code),
                new("redirect_uri", redirectUri),
                new("continuous_refresh", "true"),
            ]);
        request.IsResentWhenNotProcessed = true;
        request.MapError = static error => TokenEndpointErrors.AppCredentials(error, "exchanging an authorization code");
        return await SendTokenRequestAsync(Connected(), request, keepRefreshTokenAlone: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Exchanges a refresh token for a new token (<c>grant_type=refresh_token</c>). The answer usually carries a new,
    /// rotated refresh token: store it before using the new access token. Sent again only after a failure that proves
    /// it was not processed (a refused connection, a 429): after any other (a 5xx, a timeout, a reset once sent) the
    /// refresh token may already be spent, and sending it again would only be refused.
    /// </summary>
    /// <exception cref="PinterestReauthorizationRequiredException">
    /// Pinterest rejected the refresh token (code 283, "The authorization grant is invalid": wrong, spent, expired or
    /// revoked), or refused the refresh with any other 400 or 401 (but 401 code 2): the grant could not be used.
    /// </exception>
    /// <exception cref="PinterestAppCredentialsException">Pinterest refused the app's client id or secret (401 code 2).</exception>
    /// <exception cref="PinterestApiException">
    /// Another failure; <see cref="PinterestApiException.IsTransient"/> is <see langword="true"/> when the answer was a
    /// 5xx or 408, or a success without an access token (the refresh token it may carry is lost to this call: the token
    /// manager of a token-store client keeps it).
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

        // A refresh spends the refresh token it sends: resent only when surely not processed.
        request.IsResentWhenNotProcessed = true;
        request.MapError = TokenEndpointErrors.MapRefresh;
        return await SendTokenRequestAsync(transport, request, keepRefreshTokenAlone, cancellationToken).ConfigureAwait(false);
    }

    /// <exception cref="ArgumentException">Not an absolute http(s) URL, or white space around it.</exception>
    private static void EnsureRedirectUri(string redirectUri, [CallerArgumentExpression(nameof(redirectUri))] string parameterName = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(redirectUri, parameterName);

        // On Unix "/cb" parses as an absolute file URI: the scheme check refuses it.
        if (redirectUri.Length != redirectUri.AsSpan().Trim().Length
            || !Uri.TryCreate(redirectUri, UriKind.Absolute, out var parsed)
            || (parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException(
                "The redirect URI must be an absolute http(s) URL without white space around it, written exactly as registered for the Pinterest app: Pinterest compares it character for character.",
                parameterName);
        }
    }

    /// <summary>
    /// <c>POST /v5/oauth/token/revoke</c>: makes <paramref name="token"/> (an access or refresh token) invalid at once.
    /// Call it when a user disconnects the app, for each token the app holds (<see cref="RevokeTokensAsync"/> does both),
    /// then delete the tokens from the store. Authenticates with the app's client id and secret. Pinterest does not say how
    /// it answers for a token that is already invalid (the OAuth revocation standard, RFC 7009, answers 200).
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
    /// token can be made from it, then the access token, even when Pinterest refused the first (it documents revocation
    /// for system users' tokens only, and a refused refresh token must not leave the access token alive for 30 days).
    /// For a user who disconnects the app.
    /// </summary>
    /// <param name="token">The account's tokens.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <exception cref="PinterestApiException">
    /// Pinterest refused a revocation (see <see cref="RevokeAsync"/>): the first refusal, raised once both were tried.
    /// </exception>
    public virtual async Task RevokeTokensAsync(PinterestToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        PinterestApiException? refused = null;
        if (!string.IsNullOrEmpty(token.RefreshToken))
        {
            try
            {
                await RevokeAsync(token.RefreshToken, TokenRevocation.RefreshToken, cancellationToken).ConfigureAwait(false);
            }
            catch (PinterestApiException ex)
            {
                refused = ex;
            }
        }

        if (!string.IsNullOrEmpty(token.AccessToken))
        {
            try
            {
                await RevokeAsync(token.AccessToken, TokenRevocation.AccessToken, cancellationToken).ConfigureAwait(false);
            }
            catch (PinterestApiException) when (refused is not null)
            {
                // The first refusal is the one reported; this one says the same of the other token.
            }
        }

        if (refused is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(refused);
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
            // A success status with an unreadable body: the grant was not refused, so this is no reason to reject a Pin,
            // but Pinterest processed it (a refresh token sent is spent), so it is not sent again at once either.
            throw new UnreadableTokenAnswerException(
                $"{exception.Message} The Pinterest token endpoint answered malformed data to a call it processed; try again later.",
                exception.StatusCode,
                exception.RequestId,
                exception);
        }

        return OAuthTokenAnswer.ToToken(response, request.Operation, transport.TimeProvider.GetUtcNow(), keepRefreshTokenAlone);
    }
}
