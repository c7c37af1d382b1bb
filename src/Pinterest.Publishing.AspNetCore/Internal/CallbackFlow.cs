using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Api.Models;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Authentication.Internal;

namespace Pinterest.Publishing.AspNetCore.Internal;

/// <summary>
/// <c>GET {prefix}/callback</c>: checks the state and the correlation cookie, reads Pinterest's answer, exchanges the
/// code, checks the granted scopes, reads the user's account with the new token, stores the token, then hands over to
/// the host's hook. Each failure ends in <see cref="ConnectFlow.FailAsync"/> with its reason.
/// </summary>
internal sealed class CallbackFlow(ConnectFlow flow, IPinterestTokenStore tokenStore)
{
    public async Task CallbackAsync(HttpContext context, ConnectPaths paths)
    {
        var settings = flow.Options;
        var query = context.Request.Query;
        var state = ConnectState.TryUnprotect(flow.Protector, query["state"]);
        if (state is null)
        {
            await FailAsync(context, PinterestConnectFailureReason.StateInvalid, "The callback's state is missing or was not issued by this application (tampered with, or protected with another Data Protection key ring): start connecting again.").ConfigureAwait(false);
            return;
        }

        if (state.ExpiresAt <= flow.Time.GetUtcNow())
        {
            await FailAsync(context, PinterestConnectFailureReason.StateExpired, $"The connect attempt is older than PinterestConnectOptions.StateLifetime ({settings.StateLifetime}): start connecting again.", state).ConfigureAwait(false);
            return;
        }

        switch (CorrelationCookie.Check(context, settings, state.Nonce))
        {
            case CorrelationCookie.Match.Missing:
                await FailAsync(context, PinterestConnectFailureReason.CorrelationMissing, $"The browser did not send the correlation cookie '{settings.CorrelationCookieName}': the callback did not come from the browser that started connecting (or cookies are blocked). Start connecting again in the same browser.", state).ConfigureAwait(false);
                return;
            case CorrelationCookie.Match.Replayed:
                await FailAsync(context, PinterestConnectFailureReason.StateReplayed, "This callback was already used, or belongs to an earlier connect attempt than the browser's latest: start connecting again.", state).ConfigureAwait(false);
                return;
        }

        // Used from here on, before any call to Pinterest: the same callback again is a replay.
        CorrelationCookie.Consume(context, settings, paths.CookiePath(context, settings), state.Nonce, state.ExpiresAt);

        // The user signed in now must be the one who started: otherwise a callback link opened by someone else (or
        // after a change of user in this browser) would bind a Pinterest account to the wrong account id.
        var signedIn = await settings.AccountIdResolver(context).ConfigureAwait(false);
        if (!string.Equals(signedIn, state.AccountId, StringComparison.Ordinal))
        {
            await FailAsync(
                context,
                string.IsNullOrEmpty(signedIn) ? PinterestConnectFailureReason.AccountIdUnavailable : PinterestConnectFailureReason.AccountMismatch,
                string.IsNullOrEmpty(signedIn)
                    ? "PinterestConnectOptions.AccountIdResolver found no account id at the callback: the user who started connecting must still be signed in. Nothing was stored; sign in and start connecting again."
                    : "The user signed in at the callback is not the one who started connecting (PinterestConnectOptions.AccountIdResolver resolves to another account id). Nothing was stored; start connecting again as that user.",
                state).ConfigureAwait(false);
            return;
        }
        if (query["error"] is { Count: > 0 } error)
        {
            var code = SafeErrorCode(error.ToString());
            var denied = code == "access_denied";
            await FailAsync(
                context,
                denied ? PinterestConnectFailureReason.AccessDenied : PinterestConnectFailureReason.ProviderError,
                denied ? "The user declined to connect the Pinterest account." : $"Pinterest redirected back with error '{code ?? "(not a plain code)"}' instead of a code.",
                state,
                providerError: code).ConfigureAwait(false);
            return;
        }

        if (string.IsNullOrEmpty(query["code"]))
        {
            await FailAsync(context, PinterestConnectFailureReason.ProviderError, "Pinterest redirected back without a code or an error.", state).ConfigureAwait(false);
            return;
        }

        var client = context.RequestServices.GetRequiredService<PinterestClient>();
        PinterestToken token;
        try
        {
            token = await client.OAuth.ExchangeCodeAsync(query["code"].ToString(), paths.RedirectUri(context, settings), context.RequestAborted).ConfigureAwait(false);
        }
        catch (PinterestAppCredentialsException ex)
        {
            await FailAsync(context, PinterestConnectFailureReason.AppCredentialsRejected, ex.Message, state, exception: ex).ConfigureAwait(false);
            return;
        }
        catch (Exception ex) when (IsCallFailure(ex, context))
        {
            await FailAsync(context, PinterestConnectFailureReason.CodeExchangeFailed, $"Exchanging the authorization code failed ({Describe(ex)}): start connecting again.", state, exception: ex).ConfigureAwait(false);
            return;
        }

        var granted = GrantedScopes(token.Scope, settings.Scopes);
        var missing = settings.Scopes.Where(s => !granted.Contains(s, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToArray();
        if (missing.Length > 0)
        {
            await flow.FailAsync(context, new PinterestConnectFailedContext(
                context,
                PinterestConnectFailureReason.MissingScopes,
                $"The user did not grant every scope the app asks for; missing: {string.Join(", ", missing)}. Ask the user to connect again and allow every permission.")
            {
                AccountId = state.AccountId,
                ReturnUrl = state.ReturnUrl,
                MissingScopes = missing,
            }).ConfigureAwait(false);
            return;
        }

        UserAccount account;
        try
        {
            // The token is not stored yet: the account is read with it directly, so a failure here stores nothing.
            var withToken = new PinterestClient(client.Transport, tokenManager: null, new StaticAccessTokenCredential(token.AccessToken), client.OAuth);
            account = await withToken.UserAccount.GetAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsCallFailure(ex, context))
        {
            await FailAsync(context, PinterestConnectFailureReason.AccountFetchFailed, $"Reading the Pinterest user account with the new token failed ({Describe(ex)}): nothing was stored; start connecting again.", state, exception: ex).ConfigureAwait(false);
            return;
        }

        try
        {
            await tokenStore.StoreTokenAsync(state.AccountId, token, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            await FailAsync(context, PinterestConnectFailureReason.StoreFailed, $"The token store failed to save the new token ({ex.GetType().Name}): start connecting again.", state, exception: ex).ConfigureAwait(false);
            return;
        }

        ConnectLog.Connected(flow.Logger, state.AccountId, account.Username);
        context.Response.Headers.CacheControl = "no-store";
        var handler = context.RequestServices.GetRequiredService<IPinterestConnectHandler>();
        var result = await handler.OnConnectedAsync(new PinterestConnectedContext(context, state.AccountId, account, granted, state.ReturnUrl)).ConfigureAwait(false);
        await result.ExecuteAsync(context).ConfigureAwait(false);
    }

    /// <summary>
    /// The granted scopes: Pinterest answers them comma-separated (space-separated is read too). An answer without any is
    /// taken as granting what was asked (the code exchange's answer documents <c>scope</c> as always present).
    /// </summary>
    private static string[] GrantedScopes(string? scope, IList<string> requested) =>
        scope is null ? [.. requested] : scope.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    // A call's failure (not the request being aborted): Pinterest's refusal, the network, a timeout.
    private static bool IsCallFailure(Exception ex, HttpContext context) =>
        !context.RequestAborted.IsCancellationRequested && ex is PinterestException or HttpRequestException or TimeoutException or OperationCanceledException;

    // Exception messages of the API client name the status and Pinterest's code, never a token or the code sent.
    private static string Describe(Exception ex) => ex is PinterestException ? ex.Message : ex.GetType().Name;

    // Only a plain OAuth error code is echoed into the message; anything else could carry what the query was given.
    private static string? SafeErrorCode(string value) =>
        value.Length is > 0 and <= 64 && value.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_') ? value : null;

    private Task FailAsync(HttpContext context, PinterestConnectFailureReason reason, string message, ConnectState? state = null, string? providerError = null, Exception? exception = null) =>
        flow.FailAsync(context, new PinterestConnectFailedContext(context, reason, message)
        {
            AccountId = state?.AccountId,
            ReturnUrl = state?.ReturnUrl,
            ProviderError = providerError,
            Exception = exception,
        });
}
