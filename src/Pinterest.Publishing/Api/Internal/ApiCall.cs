using Pinterest.Publishing.Authentication.Internal;
using Pinterest.Publishing.Internal.Failures;

namespace Pinterest.Publishing.Api.Internal;

/// <summary>
/// One call through <see cref="PinterestApiTransport"/>, across all its attempts (retries and the replay after a
/// 401): what it sends, as whom, whom it tells whether it may have been sent, and whether its one token refresh is used.
/// </summary>
internal sealed class ApiCall(PinterestApiRequest request, IPinterestCredential? credential, SendAttempt? sendAttempt)
{
    /// <summary>The request.</summary>
    public PinterestApiRequest Request { get; } = request;

    /// <summary>The account's credential, for bearer requests.</summary>
    public IPinterestCredential? Credential { get; } = credential;

    /// <summary>The caller's send state, or <see langword="null"/> when the caller does not ask.</summary>
    public SendAttempt? SendAttempt { get; } = sendAttempt;

    /// <summary>
    /// Whether the token was already refreshed after a 401. Kept across retries: a call refreshes at most once, so a
    /// token Pinterest keeps rejecting ends in re-authorisation instead of a refresh per retry.
    /// </summary>
    public bool HasRefreshed { get; set; }
}
