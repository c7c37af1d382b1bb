using Microsoft.AspNetCore.Http;

namespace Pinterest.Publishing.AspNetCore;

/// <summary>A disconnected account, handed to <see cref="IPinterestConnectHandler.OnDisconnectedAsync"/>.</summary>
public sealed class PinterestDisconnectedContext
{
    internal PinterestDisconnectedContext(HttpContext httpContext, string accountId, PinterestDisconnectOutcome outcome, string? returnUrl)
    {
        HttpContext = httpContext;
        AccountId = accountId;
        Outcome = outcome;
        ReturnUrl = returnUrl;
    }

    /// <summary>The disconnect request.</summary>
    public HttpContext HttpContext { get; }

    /// <summary>The host's id of the disconnected account.</summary>
    public string AccountId { get; }

    /// <summary>
    /// What was done: <see cref="PinterestDisconnectOutcome.RemovedWithoutRevocation"/> and
    /// <see cref="PinterestDisconnectOutcome.RemovedUnreadable"/> mean the grant may still exist at Pinterest (tell the user
    /// they can remove the app in their Pinterest settings).
    /// </summary>
    public PinterestDisconnectOutcome Outcome { get; }

    /// <summary>The request's local <c>returnUrl</c> (a foreign one is replaced by <c>/</c>), or <see langword="null"/> when it named none.</summary>
    public string? ReturnUrl { get; }
}
