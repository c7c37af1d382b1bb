using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Pinterest.Publishing.AspNetCore.Internal;

/// <summary>
/// <c>POST {prefix}/disconnect</c>: after the forgery check (<see cref="SameOriginCheck"/>), the signed-in user's account
/// is disconnected (<see cref="IPinterestAccountConnections.DisconnectAsync"/>) and the host's hook answers
/// (<see cref="IPinterestConnectHandler.OnDisconnectedAsync"/>; default 303 to the local <c>returnUrl</c>, or 204). Every
/// failure ends in <see cref="ConnectFlow.FailAsync"/>, never in a 500.
/// </summary>
internal sealed class DisconnectFlow(ConnectFlow flow, IPinterestAccountConnections connections)
{
    public async Task DisconnectAsync(HttpContext context)
    {
        if (!await PassesForgeryCheckAsync(context).ConfigureAwait(false))
        {
            await flow.FailAsync(context, new PinterestConnectFailedContext(
                context,
                PinterestConnectFailureReason.ForgeryCheckFailed,
                context.RequestServices.GetService<IAntiforgery>() is null
                    ? "The disconnect request did not come from this site (Sec-Fetch-Site, Origin or Referer is cross-site or missing): post the disconnect form from a page of this application, or register antiforgery and post its token."
                    : "The antiforgery token is missing or invalid: post the disconnect form with the antiforgery token.")).ConfigureAwait(false);
            return;
        }

        var accountId = await flow.Options.AccountIdResolver(context).ConfigureAwait(false);
        if (string.IsNullOrEmpty(accountId))
        {
            await flow.FailAsync(context, new PinterestConnectFailedContext(
                context,
                PinterestConnectFailureReason.AccountIdUnavailable,
                "PinterestConnectOptions.AccountIdResolver found no account id for this request: sign the user in first.")).ConfigureAwait(false);
            return;
        }

        var returnUrl = context.Request.Query["returnUrl"] is { Count: > 0 } requested ? LocalUrl.OrRoot(requested) : null;
        PinterestDisconnectOutcome outcome;
        try
        {
            outcome = await connections.DisconnectAsync(accountId, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            await flow.FailAsync(context, new PinterestConnectFailedContext(
                context,
                PinterestConnectFailureReason.StoreFailed,
                $"Disconnecting the account failed ({ex.GetType().Name}): the token store could not read or remove its token. Try again; if it persists, check the token store (it must implement IPinterestTokenStoreRemoval).")
            {
                AccountId = accountId,
                ReturnUrl = returnUrl,
                Exception = ex,
            }).ConfigureAwait(false);
            return;
        }

        context.Response.Headers.CacheControl = "no-store";
        var handler = context.RequestServices.GetRequiredService<IPinterestConnectHandler>();
        var result = await handler.OnDisconnectedAsync(new PinterestDisconnectedContext(context, accountId, outcome, returnUrl)).ConfigureAwait(false);
        await result.ExecuteAsync(context).ConfigureAwait(false);
    }

    // With antiforgery registered, its token decides (as for any form post of the host). Without it, the browser's own
    // headers must show a same-origin request: a cross-site form could otherwise disconnect the signed-in user.
    private static async Task<bool> PassesForgeryCheckAsync(HttpContext context) =>
        context.RequestServices.GetService<IAntiforgery>() is { } antiforgery
            ? await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false)
            : SameOriginCheck.IsSameOrigin(context.Request);
}
