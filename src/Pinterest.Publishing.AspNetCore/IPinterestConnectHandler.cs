using Microsoft.AspNetCore.Http;

namespace Pinterest.Publishing.AspNetCore;

/// <summary>
/// The host's hook at the end of a connect attempt: bind the Pinterest account to the signed-in user and choose the
/// answer (usually a redirect). Register it with
/// <see cref="PinterestAspNetCorePublishingBuilderExtensions.AddPinterestConnectHandler{THandler}"/> (scoped); the default
/// one redirects to the return URL on success and answers a short plain-text page on failure.
/// </summary>
public interface IPinterestConnectHandler
{
    /// <summary>The token is stored under <see cref="PinterestConnectedContext.AccountId"/>; returns the answer to the browser.</summary>
    /// <param name="context">What was connected.</param>
    ValueTask<IResult> OnConnectedAsync(PinterestConnectedContext context);

    /// <summary>The attempt failed (nothing was stored); returns the answer to the browser.</summary>
    /// <param name="context">Why, with a message fit to log (it never holds a token, code, secret or state).</param>
    ValueTask<IResult> OnFailedAsync(PinterestConnectFailedContext context);

    /// <summary>
    /// <c>POST {prefix}/disconnect</c> disconnected the account (a failure goes to <see cref="OnFailedAsync"/>); returns the
    /// answer to the browser. Default: 303 to <see cref="PinterestDisconnectedContext.ReturnUrl"/> when the request named
    /// one, else 204.
    /// </summary>
    /// <param name="context">What was done, with <see cref="PinterestDisconnectedContext.Outcome"/> to tell the user.</param>
    ValueTask<IResult> OnDisconnectedAsync(PinterestDisconnectedContext context) => ValueTask.FromResult(Internal.DisconnectAnswer.For(context));
}
