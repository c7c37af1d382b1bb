
namespace Pinterest.Publishing.Authentication;

/// <summary>An account's OAuth tokens.</summary>
public sealed record PinterestToken
{
    /// <summary>The bearer token for API calls (about 30 days).</summary>
    public required string AccessToken { get; init; }

    /// <summary>When <see cref="AccessToken"/> expires.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The refresh token (60 days, rotated at every refresh).</summary>
    public string? RefreshToken { get; init; }

    /// <summary>When <see cref="RefreshToken"/> expires.</summary>
    public DateTimeOffset? RefreshTokenExpiresAt { get; init; }

    /// <summary>The granted scopes, comma-separated as Pinterest returns them.</summary>
    public string? Scope { get; init; }

    // Records print every property; tokens must never reach a log through ToString.
    /// <inheritdoc />
    public override string ToString() => $"PinterestToken {{ ExpiresAt = {ExpiresAt:O}, HasRefreshToken = {RefreshToken is not null}, Scope = {Scope} }}";
}
