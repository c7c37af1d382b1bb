namespace Pinterest.Publishing.EntityFrameworkCore.Internal;

/// <summary>One connected account's tokens (table <c>pinterest_tokens</c>). Times are UTC ticks, comparable on every provider.</summary>
internal sealed class TokenRow
{
    public string AccountId { get; set; } = "";

    public string AccessToken { get; set; } = "";

    public long ExpiresAt { get; set; }

    public string? RefreshToken { get; set; }

    public long? RefreshTokenExpiresAt { get; set; }

    public string? Scope { get; set; }

    // Raised by every write; a write only applies while the version it read is still the row's (compare-and-set).
    public long Version { get; set; }
}
