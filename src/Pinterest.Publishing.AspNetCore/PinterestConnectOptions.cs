using Microsoft.AspNetCore.Http;

namespace Pinterest.Publishing.AspNetCore;

/// <summary>
/// Settings of the connect endpoints <see cref="PinterestConnectEndpointRouteBuilderExtensions.MapPinterestConnect"/>
/// maps. Validated when the host starts.
/// </summary>
public sealed class PinterestConnectOptions
{
    /// <summary>The scopes the library asks for by default: what publishing Pins to a user's boards needs.</summary>
    public static readonly IReadOnlyList<string> DefaultScopes = ["boards:read", "boards:write", "pins:read", "pins:write", "user_accounts:read"];

    /// <summary>
    /// The scopes asked for, sent comma-separated. The callback refuses a grant that lacks any of them
    /// (<see cref="PinterestConnectFailureReason.MissingScopes"/>). Default: <see cref="DefaultScopes"/>.
    /// </summary>
    public IList<string> Scopes { get; } = [.. DefaultScopes];

    /// <summary>
    /// The redirect URI, exactly as registered for the Pinterest app (Pinterest compares it character for character):
    /// an absolute http(s) URL whose path is the callback endpoint's (<c>{prefix}{CallbackPath}</c>). When
    /// <see langword="null"/> (default) it is built from the request (scheme, host, path base, prefix, callback path):
    /// set it behind a proxy or when several host names reach the app.
    /// </summary>
    public string? RedirectUri { get; set; }

    /// <summary>The callback endpoint's path under the prefix, starting with <c>/</c>. Default: <c>/callback</c>.</summary>
    public string CallbackPath { get; set; } = "/callback";

    /// <summary>
    /// How long a connect attempt may take, from the redirect to Pinterest to the callback; a later callback fails with
    /// <see cref="PinterestConnectFailureReason.StateExpired"/>. From 1 second to 1 hour; default 10 minutes.
    /// </summary>
    public TimeSpan StateLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The name of the correlation cookie that binds a callback to the browser that started the attempt (HttpOnly,
    /// SameSite=Lax, path = the callback's). Default: <c>.Pinterest.Connect</c>.
    /// </summary>
    public string CorrelationCookieName { get; set; } = ".Pinterest.Connect";

    /// <summary>
    /// Finds the host's id of the account to connect (or disconnect) for the signed-in user: the id the token is stored
    /// under in <see cref="Authentication.IPinterestTokenStore"/>. <see langword="null"/> fails the attempt with
    /// <see cref="PinterestConnectFailureReason.AccountIdUnavailable"/>; an exception fails it with
    /// <see cref="PinterestConnectFailureReason.AccountIdResolverFailed"/>. Default: the user's
    /// <see cref="System.Security.Claims.ClaimTypes.NameIdentifier"/> claim.
    /// </summary>
    /// <remarks>
    /// It runs at the connect, at the callback and at the disconnect; the callback must resolve the id the connect did.
    /// The callback is a top-level navigation from Pinterest's site, so the host's sign-in cookie must be sent on it:
    /// <c>SameSite=Lax</c> (ASP.NET Core's default) or <c>None</c>, not <c>Strict</c>.
    /// </remarks>
    public Func<HttpContext, ValueTask<string?>> AccountIdResolver { get; set; } = static context =>
        ValueTask.FromResult(context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value);

    /// <summary>
    /// Pinterest's authorize page. Default: <c>https://www.pinterest.com/oauth/</c>; tests point it at the emulator's
    /// (<c>PinterestEmulator.AuthorizeAddress</c>).
    /// </summary>
    public Uri AuthorizeEndpoint { get; set; } = new("https://www.pinterest.com/oauth/");
}
