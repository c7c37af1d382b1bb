
namespace Pinterest.Publishing.AspNetCore;

/// <summary>Why connecting (or disconnecting) a Pinterest account failed; every failure reaches <see cref="IPinterestConnectHandler.OnFailedAsync"/> with one.</summary>
public enum PinterestConnectFailureReason
{
    /// <summary><see cref="PinterestConnectOptions.AccountIdResolver"/> found no account id (no signed-in user?).</summary>
    AccountIdUnavailable,

    /// <summary>The callback's <c>state</c> is missing, tampered with, or was protected with another key or purpose.</summary>
    StateInvalid,

    /// <summary>The <c>state</c> is genuine but older than <see cref="PinterestConnectOptions.StateLifetime"/>.</summary>
    StateExpired,

    /// <summary>
    /// The <c>state</c> was already used in this browser, or belongs to another attempt than the browser's latest one
    /// (its correlation cookie names another).
    /// </summary>
    StateReplayed,

    /// <summary>The browser did not send the correlation cookie: the callback did not come from the browser that started the attempt.</summary>
    CorrelationMissing,

    /// <summary>The user declined on Pinterest's authorize page (<c>error=access_denied</c>).</summary>
    AccessDenied,

    /// <summary>Pinterest redirected back with another <c>error</c>, or without a <c>code</c>.</summary>
    ProviderError,

    /// <summary>Pinterest refused to exchange the code (used, expired, another redirect URI) or could not be reached.</summary>
    CodeExchangeFailed,

    /// <summary>Pinterest refused the app's client id or secret when exchanging the code: the app's configuration, not the user.</summary>
    AppCredentialsRejected,

    /// <summary>The user granted fewer scopes than <see cref="PinterestConnectOptions.Scopes"/> asks for; <see cref="PinterestConnectFailedContext.MissingScopes"/> names them.</summary>
    MissingScopes,

    /// <summary>Reading the user's account (<c>GET /v5/user_account</c>) with the new token failed.</summary>
    AccountFetchFailed,

    /// <summary>The token store failed: to save the new token (callback), or to read or remove it (disconnect).</summary>
    StoreFailed,

    /// <summary>
    /// The user signed in at the callback is not the one who started connecting: <see cref="PinterestConnectOptions.AccountIdResolver"/>
    /// resolves to another account id than the state's. Nothing is stored.
    /// </summary>
    AccountMismatch,

    /// <summary>
    /// The disconnect request failed the cross-site request forgery check: the antiforgery token is missing or invalid
    /// (antiforgery registered), or the browser did not show a same-origin request (<c>Sec-Fetch-Site</c>, else
    /// <c>Origin</c>, else <c>Referer</c>). Nothing is revoked or removed.
    /// </summary>
    ForgeryCheckFailed,
}
