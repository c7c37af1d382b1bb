using System.Net;

namespace Pinterest.Publishing;

/// <summary>
/// Pinterest answered 401 code 3: the access token is valid but lacks a scope the call needs (for example
/// <c>user_accounts:read</c> for the user account and its analytics). Refreshing the token or connecting the account
/// again with the same scopes cannot help: request <see cref="RequiredScopes"/> when the user connects the account
/// (the scopes passed to <see cref="Api.OAuthClient.BuildAuthorizeUri(string, IEnumerable{string}, string)"/>), then have the user connect it again.
/// </summary>
public sealed class PinterestInsufficientScopeException : PinterestApiException
{
    /// <summary>Pinterest's error <c>code</c> for a token without the scopes a call needs.</summary>
    public const int InsufficientScopeErrorCode = 3;

    /// <summary>Creates the exception.</summary>
    public PinterestInsufficientScopeException()
    {
        RequiredScopes = [];
    }

    /// <summary>Creates the exception with a message.</summary>
    public PinterestInsufficientScopeException(string message)
        : base(message)
    {
        RequiredScopes = [];
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public PinterestInsufficientScopeException(string message, Exception? innerException)
        : base(message, innerException)
    {
        RequiredScopes = [];
    }

    /// <summary>Creates the exception from Pinterest's answer.</summary>
    /// <param name="message">What went wrong and how to fix it; never contains secrets.</param>
    /// <param name="requiredScopes">The scopes Pinterest's API description asks for on the call.</param>
    /// <param name="requestId">The <c>x-pinterest-rid</c> header, for Pinterest support.</param>
    /// <param name="innerException">The cause, if any.</param>
    public PinterestInsufficientScopeException(string message, IReadOnlyList<string> requiredScopes, string? requestId, Exception? innerException = null)
        : base(message, HttpStatusCode.Unauthorized, InsufficientScopeErrorCode, requestId, null, innerException)
    {
        ArgumentNullException.ThrowIfNull(requiredScopes);
        RequiredScopes = requiredScopes;
    }

    /// <summary>
    /// Every scope the call needs, as Pinterest's API description states it (the token lacks at least one of them;
    /// Pinterest does not say which): request all of them when the user connects the account.
    /// </summary>
    public IReadOnlyList<string> RequiredScopes { get; }
}
