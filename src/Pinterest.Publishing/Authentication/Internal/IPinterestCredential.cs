
namespace Pinterest.Publishing.Authentication.Internal;

/// <summary>
/// Supplies the bearer token of one account to the API transport. Its authentication stage asks for a token before each
/// attempt and, after a 401, asks once for a refreshed one and replays the request.
/// </summary>
internal interface IPinterestCredential
{
    /// <summary>The host's account id, or <see langword="null"/> for a fixed access token.</summary>
    string? AccountId { get; }

    /// <summary>A usable access token (refreshed first when it expires within the margin).</summary>
    ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Called after Pinterest answered 401 to <paramref name="rejectedAccessToken"/>: returns the access token to replay
    /// with (refreshing if no other caller already did), or <see langword="null"/> when this credential cannot refresh. It
    /// may be <paramref name="rejectedAccessToken"/> itself, when a refresh answered it again and the credential judges it
    /// renewed (Pinterest answers the same token to refreshes in quick succession).
    /// </summary>
    ValueTask<string?> RefreshAfterUnauthorizedAsync(string rejectedAccessToken, CancellationToken cancellationToken);
}
