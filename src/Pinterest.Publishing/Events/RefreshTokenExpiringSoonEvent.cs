namespace Pinterest.Publishing.Events;

/// <summary>
/// The keep-alive found an account whose refresh token expires within <c>Pinterest:RefreshTokenRenewalMargin</c> (or
/// that has none) and could not renew it: the account works until then; ask the user to reconnect it before.
/// </summary>
public sealed record RefreshTokenExpiringSoonEvent
{
    /// <summary>The host's id of the account.</summary>
    public required string AccountId { get; init; }

    /// <summary>When the refresh token expires, when the store knows; <see langword="null"/> when there is no refresh token or no expiry.</summary>
    public DateTimeOffset? RefreshTokenExpiresAt { get; init; }

    /// <summary>When the access token expires (the account stops publishing then if it has no refresh token).</summary>
    public required DateTimeOffset AccessTokenExpiresAt { get; init; }

    /// <summary>When the library saw it.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
