using Pinterest.Publishing.Authentication;

namespace Pinterest.Publishing.Tests.Authentication;

public sealed class PinterestTokenTests
{
    [Fact]
    public void ToString_shows_no_token_text()
    {
        var token = new PinterestToken
        {
            AccessToken = "pina_ACCESS_abc123",
            ExpiresAt = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero),
            RefreshToken = "pinr_REFRESH_xyz789",
            RefreshTokenExpiresAt = new DateTimeOffset(2027, 1, 30, 0, 0, 0, TimeSpan.Zero),
            Scope = "pins:write",
        };

        var text = token.ToString();

        Assert.DoesNotContain("ACCESS", text, StringComparison.Ordinal);
        Assert.DoesNotContain("REFRESH", text, StringComparison.Ordinal);
        Assert.Contains("HasRefreshToken = True", text, StringComparison.Ordinal);
        Assert.Contains("2026-12-01", text, StringComparison.Ordinal);
        Assert.DoesNotContain("pina_", $"{token}", StringComparison.Ordinal);
    }
}
