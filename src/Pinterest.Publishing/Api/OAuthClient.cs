using System.Net;
using Pinterest.Publishing.Authentication;

namespace Pinterest.Publishing.Api;

/// <summary>
/// <c>/v5/oauth/token</c> and the authorize URL. Token calls authenticate with the app's client id and secret (HTTP
/// Basic), never with a bearer token.
/// </summary>
public sealed class OAuthClient : IPinterestTokenRefresher
{
    /// <summary>Where users grant access (the same for production and sandbox apps).</summary>
    internal static readonly Uri AuthorizeEndpoint = new("https://www.pinterest.com/oauth/");

    private readonly PinterestPipeline _pipeline;

    internal OAuthClient(PinterestPipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        _pipeline = pipeline;
    }

    /// <summary>
    /// The URL to send the user to: <c>https://www.pinterest.com/oauth/?client_id=…&amp;redirect_uri=…&amp;response_type=code&amp;scope=a,b&amp;state=…</c>.
    /// </summary>
    /// <param name="redirectUri">The redirect URI registered for the app; Pinterest sends the code there.</param>
    /// <param name="scopes">The scopes to ask for (e.g. <c>boards:read</c>, <c>pins:write</c>).</param>
    /// <param name="state">An unguessable value tied to the user's session; check it when Pinterest redirects back.</param>
    /// <exception cref="InvalidOperationException">The client id is not configured.</exception>
    public Uri BuildAuthorizeUri(Uri redirectUri, IEnumerable<string> scopes, string state)
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

        var clientId = _pipeline.ClientId;
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
    public async Task<PinterestToken> ExchangeCodeAsync(string code, Uri redirectUri, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentNullException.ThrowIfNull(redirectUri);
        if (!redirectUri.IsAbsoluteUri)
        {
            throw new ArgumentException("The redirect URI must be absolute.", nameof(redirectUri));
        }

        var request = PinterestApiRequest.Form(
            "oauth/token",
            "exchange authorization code",
            [
                new("grant_type", "authorization_code"),
                new("code", code),
                new("redirect_uri", redirectUri.AbsoluteUri),
                new("continuous_refresh", "true"),
            ]);
        return await SendTokenRequestAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Exchanges a refresh token for a new token (<c>grant_type=refresh_token</c>). The answer usually carries a new,
    /// rotated refresh token: store it before using the new access token.
    /// </summary>
    /// <exception cref="PinterestReauthorizationRequiredException">Pinterest rejected the refresh token (400/401).</exception>
    public async Task<PinterestToken> RefreshAsync(string refreshToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(refreshToken);
        var request = PinterestApiRequest.Form(
            "oauth/token",
            "refresh access token",
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
        return await SendTokenRequestAsync(request, cancellationToken).ConfigureAwait(false);
    }

    Task<PinterestToken> IPinterestTokenRefresher.RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        RefreshAsync(refreshToken, cancellationToken);

    private async Task<PinterestToken> SendTokenRequestAsync(PinterestApiRequest request, CancellationToken cancellationToken)
    {
        var response = await _pipeline.SendAsync(request, PinterestJsonContext.Default.OAuthTokenResponse, credential: null, cancellationToken).ConfigureAwait(false);
        return ToToken(response, request.Operation, _pipeline.TimeProvider.GetUtcNow());
    }

    internal static PinterestToken ToToken(OAuthTokenResponse response, string operation, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(response.AccessToken))
        {
            throw new PinterestApiException($"Pinterest {operation} answered without an access token.", HttpStatusCode.OK);
        }

        if (response.ExpiresIn is not { } expiresIn || expiresIn <= 0)
        {
            throw new PinterestApiException($"Pinterest {operation} answered without a usable expires_in.", HttpStatusCode.OK);
        }

        DateTimeOffset? refreshExpiresAt = null;
        if (response.RefreshTokenExpiresIn is > 0 and var refreshIn)
        {
            refreshExpiresAt = now.AddSeconds(refreshIn);
        }
        else if (response.RefreshTokenExpiresAt is > 0 and var refreshAt)
        {
            refreshExpiresAt = DateTimeOffset.FromUnixTimeSeconds(refreshAt);
        }

        return new PinterestToken
        {
            AccessToken = response.AccessToken,
            ExpiresAt = now.AddSeconds(expiresIn),
            RefreshToken = string.IsNullOrEmpty(response.RefreshToken) ? null : response.RefreshToken,
            RefreshTokenExpiresAt = string.IsNullOrEmpty(response.RefreshToken) ? null : refreshExpiresAt,
            Scope = response.Scope,
        };
    }
}
