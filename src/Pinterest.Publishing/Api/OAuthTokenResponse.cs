namespace Pinterest.Publishing.Api;

/// <summary>The answer of <c>POST /v5/oauth/token</c>.</summary>
internal sealed class OAuthTokenResponse
{
    public string? AccessToken { get; set; }

    public string? TokenType { get; set; }

    public long? ExpiresIn { get; set; }

    public string? Scope { get; set; }

    public string? ResponseType { get; set; }

    public string? RefreshToken { get; set; }

    public long? RefreshTokenExpiresIn { get; set; }

    /// <summary>Unix seconds.</summary>
    public long? RefreshTokenExpiresAt { get; set; }

    // Never render tokens.
    public override string ToString() => $"OAuthTokenResponse {{ ExpiresIn = {ExpiresIn}, Scope = {Scope} }}";
}
