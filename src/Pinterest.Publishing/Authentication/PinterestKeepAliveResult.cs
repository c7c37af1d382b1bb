
namespace Pinterest.Publishing.Authentication;

/// <summary>What <see cref="IPinterestAccountKeepAlive.KeepAliveAsync"/> did for an account.</summary>
public enum PinterestKeepAliveResult
{
    /// <summary>Nothing: neither the access token nor the refresh token expires within its margin.</summary>
    NotDue,

    /// <summary>The token was refreshed (by this call, or by another caller or app instance meanwhile) and stored.</summary>
    Renewed,

    /// <summary>
    /// Due, but the token cannot be renewed: the stored token has no refresh token (a token pasted from the developer
    /// portal, say), or its refresh token expires within <c>Pinterest:RefreshTokenRenewalMargin</c> and a refresh did not
    /// move that expiry (a legacy, non-continuous refresh token). It works until it expires, and then the account must
    /// be connected again: ask the user to reconnect it before then.
    /// </summary>
    CannotRenew,
}
