using Microsoft.Extensions.Time.Testing;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Authentication.Internal;

namespace Pinterest.Publishing.Tests.Authentication.Internal;

/// <summary>The hot path of every API call: a remembered token, handed out until it is due for revalidation or refresh.</summary>
public sealed class TokenCacheTests
{
    private const string Account = "acct-1";
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly TokenCache _cache;

    public TokenCacheTests() => _cache = new TokenCache(_time, Margin);

    private PinterestToken Token(string access, TimeSpan expiresIn) => new() { AccessToken = access, ExpiresAt = _time.GetUtcNow() + expiresIn };

    private string? Get() => _cache.TryGetAccessToken(Account, out var accessToken) ? accessToken : null;

    [Fact]
    public void A_remembered_token_is_handed_out_until_the_revalidation_interval_has_passed()
    {
        Assert.Null(Get());
        _cache.Remember(Account, Token("AT-0", TimeSpan.FromDays(30)));

        _time.Advance(TokenCache.RevalidationInterval - TimeSpan.FromTicks(1));
        Assert.Equal("AT-0", Get());
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.Null(Get());
    }

    [Fact]
    public void A_token_expiring_within_the_refresh_margin_is_never_handed_out()
    {
        _cache.Remember(Account, Token("AT-0", Margin + TimeSpan.FromSeconds(10)));
        Assert.Equal("AT-0", Get());
        Assert.False(_cache.IsDueForRefresh("acct", Token("x", Margin + TimeSpan.FromSeconds(10))));

        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Null(Get());
        Assert.True(_cache.IsDueForRefresh("acct", Token("x", Margin)));
    }

    [Fact]
    public void The_hot_path_allocates_nothing()
    {
        _cache.Remember(Account, Token("AT-0", TimeSpan.FromDays(30)));
        Get();

        var before = GC.GetAllocatedBytesForCurrentThread();
        var hits = 0;
        for (var i = 0; i < 1_000; i++)
        {
            if (_cache.TryGetAccessToken(Account, out _))
            {
                hits++;
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1_000, hits);
    }

    [Fact]
    public void Evicting_a_rejected_token_forgets_it_but_keeps_a_newer_one_remembered_meanwhile()
    {
        _cache.Remember(Account, Token("AT-0", TimeSpan.FromDays(30)));
        _cache.EvictRejected(Account, "AT-older");
        Assert.Equal("AT-0", Get());

        _cache.EvictRejected(Account, "AT-0");
        Assert.Null(Get());

        _cache.Remember(Account, Token("AT-1", TimeSpan.FromDays(30)));
        _cache.EvictRejected(Account, "AT-0");
        Assert.Equal("AT-1", Get());
    }

    [Fact]
    public void A_forgotten_account_has_no_token_and_other_accounts_keep_theirs()
    {
        _cache.Remember(Account, Token("AT-0", TimeSpan.FromDays(30)));
        _cache.Remember("acct-2", Token("AT-b", TimeSpan.FromDays(30)));

        _cache.Forget(Account);

        Assert.Null(Get());
        Assert.True(_cache.TryGetAccessToken("acct-2", out var other));
        Assert.Equal("AT-b", other);
    }

    [Fact]
    public void An_unrenewable_mark_is_dropped_once_the_token_changed_or_its_refresh_token_expired()
    {
        var cache = new TokenCache(_time, Margin, TimeSpan.FromDays(14));
        PinterestToken Stuck(string account) => new() { AccessToken = "AT", ExpiresAt = _time.GetUtcNow().AddDays(30), RefreshToken = "RT", RefreshTokenExpiresAt = new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero) };
        cache.NoteRefreshed("a", Stuck("a"));
        cache.NoteRefreshed("b", Stuck("b"));
        Assert.Equal(2, cache.UnrenewableCount);

        // "a" got another token (reconnected): its mark can no longer matter.
        cache.Remember("a", Token("AT-new", TimeSpan.FromDays(30)) with { RefreshToken = "RT-new", RefreshTokenExpiresAt = _time.GetUtcNow().AddDays(60) });
        Assert.Equal(1, cache.UnrenewableCount);

        // "b"'s refresh token has expired: a mark for it can no longer matter either.
        _time.Advance(TimeSpan.FromDays(11));
        cache.Remember("c", Token("AT-c", TimeSpan.FromDays(30)));
        Assert.Equal(0, cache.UnrenewableCount);
    }
}
