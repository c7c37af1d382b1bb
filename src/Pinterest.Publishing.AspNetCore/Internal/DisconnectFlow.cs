using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Pinterest.Publishing.AspNetCore.Internal;

/// <summary>
/// <c>POST {prefix}/disconnect</c>: the signed-in user's account is disconnected
/// (<see cref="IPinterestAccountConnections.DisconnectAsync"/>), then the browser goes to the local <c>returnUrl</c>
/// (303), or gets 204. When the host registered antiforgery, the request must carry its token like any form post.
/// </summary>
internal sealed class DisconnectFlow(ConnectFlow flow, IPinterestAccountConnections connections)
{
    public async Task DisconnectAsync(HttpContext context)
    {
        if (context.RequestServices.GetService<IAntiforgery>() is { } antiforgery && !await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
        {
            await Results.Text("The antiforgery token is missing or invalid: post the disconnect form with the antiforgery token.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest)
                .ExecuteAsync(context).ConfigureAwait(false);
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

        await connections.DisconnectAsync(accountId, context.RequestAborted).ConfigureAwait(false);
        context.Response.Headers.CacheControl = "no-store";
        if (context.Request.Query["returnUrl"] is { Count: > 0 } returnUrl)
        {
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers.Location = LocalUrl.OrRoot(returnUrl);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }
}
