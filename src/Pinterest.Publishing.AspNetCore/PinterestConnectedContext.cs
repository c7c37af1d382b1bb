using Microsoft.AspNetCore.Http;
using Pinterest.Publishing.Api.Models;

namespace Pinterest.Publishing.AspNetCore;

/// <summary>A connected account, handed to <see cref="IPinterestConnectHandler.OnConnectedAsync"/>.</summary>
public sealed class PinterestConnectedContext
{
    internal PinterestConnectedContext(HttpContext httpContext, string accountId, UserAccount userAccount, IReadOnlyList<string> grantedScopes, string returnUrl)
    {
        HttpContext = httpContext;
        AccountId = accountId;
        UserAccount = userAccount;
        GrantedScopes = grantedScopes;
        ReturnUrl = returnUrl;
    }

    /// <summary>The callback's request.</summary>
    public HttpContext HttpContext { get; }

    /// <summary>The host's id of the account: the token is stored under it.</summary>
    public string AccountId { get; }

    /// <summary>The Pinterest account the user connected (its <see cref="UserAccount.Username"/>, type…).</summary>
    public UserAccount UserAccount { get; }

    /// <summary>The scopes Pinterest granted (at least the ones asked for).</summary>
    public IReadOnlyList<string> GrantedScopes { get; }

    /// <summary>The local URL the connect request asked to come back to (<c>/</c> when it named none or a foreign one).</summary>
    public string ReturnUrl { get; }
}
