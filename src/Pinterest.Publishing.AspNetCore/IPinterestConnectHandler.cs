using Microsoft.AspNetCore.Http;

namespace Pinterest.Publishing.AspNetCore;

/// <summary>
/// The host's hook at the end of a connect attempt or a disconnect: bind the Pinterest account to the signed-in user
/// (or forget it) and choose the answer (usually a redirect). Register it with
/// <see cref="PinterestAspNetCorePublishingBuilderExtensions.AddPinterestConnectHandler{THandler}"/> (scoped); the default
/// one redirects to the return URL on success and answers a short plain-text page on failure.
/// </summary>
public interface IPinterestConnectHandler
{
    /// <summary>The token is stored under <see cref="PinterestConnectedContext.AccountId"/>; returns the answer to the browser.</summary>
    /// <param name="context">What was connected.</param>
    ValueTask<IResult> OnConnectedAsync(PinterestConnectedContext context);

    /// <summary>
    /// A connect attempt or a disconnect failed (<see cref="PinterestConnectFailedContext.Operation"/> says which); returns
    /// the answer to the browser. A failed connect stored no token. A failed disconnect revoked nothing at Pinterest and,
    /// unless the token store failed part-way through deleting it, left the token stored: the user may try again.
    /// </summary>
    /// <param name="context">Which operation, why, and a message fit to log (it never holds a token, code, secret or state).</param>
    ValueTask<IResult> OnFailedAsync(PinterestConnectFailedContext context);

    /// <summary>
    /// <c>POST {prefix}/disconnect</c> disconnected the account (a failure goes to <see cref="OnFailedAsync"/>); returns the
    /// answer to the browser. Default: 303 to <see cref="PinterestDisconnectedContext.ReturnUrl"/> when the request named
    /// one, else 204.
    /// </summary>
    /// <param name="context">What was done, with <see cref="PinterestDisconnectedContext.Outcome"/> to tell the user.</param>
    ValueTask<IResult> OnDisconnectedAsync(PinterestDisconnectedContext context) => ValueTask.FromResult(Internal.DisconnectAnswer.For(context));
}
