using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pinterest.Publishing.Api;

namespace Pinterest.Publishing.AspNetCore.Internal;

/// <summary>
/// <c>GET {prefix}/connect</c>: protects a new state, sets the correlation cookie and redirects to Pinterest's authorize
/// page. Also the one way every failure of the flow ends: logged, then handed to the host's hook.
/// </summary>
internal sealed class ConnectFlow(
    IOptions<PinterestConnectOptions> options,
    IDataProtectionProvider dataProtection,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory)
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector(ConnectState.Purpose);
    private readonly ILogger _logger = loggerFactory.CreateLogger(ConnectLog.CategoryName);

    public PinterestConnectOptions Options => options.Value;

    public IDataProtector Protector => _protector;

    public TimeProvider Time => timeProvider;

    public ILogger Logger => _logger;

    public async Task ConnectAsync(HttpContext context, ConnectPaths paths)
    {
        var settings = options.Value;
        var returnUrl = LocalUrl.OrRoot(context.Request.Query["returnUrl"]);
        var (accountId, answered) = await ResolveAccountIdAsync(context, PinterestConnectOperation.Connect, knownAccountId: null, returnUrl).ConfigureAwait(false);
        if (answered)
        {
            return;
        }

        if (string.IsNullOrEmpty(accountId))
        {
            await FailAsync(context, new PinterestConnectFailedContext(
                context,
                PinterestConnectOperation.Connect,
                PinterestConnectFailureReason.AccountIdUnavailable,
                "PinterestConnectOptions.AccountIdResolver found no account id for this request: sign the user in first (or require authorization on the connect endpoints), or set a resolver that finds one.")
            {
                ReturnUrl = returnUrl,
            }).ConfigureAwait(false);
            return;
        }

        var state = new ConnectState(ConnectState.NewNonce(), timeProvider.GetUtcNow() + settings.StateLifetime, accountId, returnUrl);
        var oauth = context.RequestServices.GetRequiredService<PinterestClient>().OAuth;
        var pinterestUri = oauth.BuildAuthorizeUri(paths.RedirectUri(context, settings), settings.Scopes, state.Protect(_protector));

        // The query is the one OAuthClient builds; only where the page lives may differ (the emulator's in tests).
        var authorizeUri = new UriBuilder(settings.AuthorizeEndpoint) { Query = pinterestUri.Query.TrimStart('?') }.Uri;
        CorrelationCookie.Set(context, settings, paths.CookiePath(context, settings), state.Nonce, state.ExpiresAt);
        ConnectLog.ConnectStarted(_logger, accountId);
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Redirect(authorizeUri.AbsoluteUri);
    }

    /// <summary>
    /// Runs the host's <see cref="PinterestConnectOptions.AccountIdResolver"/>. When it throws, the failure is answered
    /// here (<see cref="PinterestConnectFailureReason.AccountIdResolverFailed"/>, the exception handed to the hook but
    /// only its type logged: its message is the host's and may name anything) and <c>Answered</c> is true.
    /// </summary>
    public async Task<(string? AccountId, bool Answered)> ResolveAccountIdAsync(HttpContext context, PinterestConnectOperation operation, string? knownAccountId, string? returnUrl)
    {
        try
        {
            return (await options.Value.AccountIdResolver(context).ConfigureAwait(false), false);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            await FailAsync(context, new PinterestConnectFailedContext(
                context,
                operation,
                PinterestConnectFailureReason.AccountIdResolverFailed,
                $"PinterestConnectOptions.AccountIdResolver threw {ex.GetType().Name}: fix the resolver (it returns the signed-in user's account id, or null when nobody is signed in). Nothing was stored, revoked or removed.")
            {
                AccountId = knownAccountId,
                ReturnUrl = returnUrl,
                Exception = ex,
            }).ConfigureAwait(false);
            return (null, true);
        }
    }

    /// <summary>Logs the failure (operation, reason, account, message: never a secret) and lets the host's hook answer.</summary>
    public async Task FailAsync(HttpContext context, PinterestConnectFailedContext failure)
    {
        if (failure.Operation == PinterestConnectOperation.Disconnect)
        {
            ConnectLog.DisconnectFailed(_logger, failure.Reason, failure.AccountId, failure.Message);
        }
        else
        {
            ConnectLog.ConnectFailed(_logger, failure.Reason, failure.AccountId, failure.Message);
        }

        context.Response.Headers.CacheControl = "no-store";
        var handler = context.RequestServices.GetRequiredService<IPinterestConnectHandler>();
        var result = await handler.OnFailedAsync(failure).ConfigureAwait(false);
        await result.ExecuteAsync(context).ConfigureAwait(false);
    }
}
