using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Pinterest.Publishing.Authentication;

namespace Pinterest.Publishing.Tests.Authentication;

/// <summary>
/// A refresh rotates the refresh token at Pinterest; when the host's store cannot take the rotated token, the old one
/// left in the store is spent. The manager keeps the rotated token in memory, but only until the cache's revalidation
/// interval passes: then it re-reads the store, finds the spent token and refreshes with it.
/// </summary>
public sealed class TokenStoreOutageTests
{
    private const string Account = "acct-1";
    private const string OldAccess = "AT-secret-0";
    private const string OldRefresh = "RT-secret-0";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingTokenStore _store = new(new ConcurrentQueue<string>());
    private readonly FakeTokenRefresher _refresher;

    public TokenStoreOutageTests() => _refresher = new FakeTokenRefresher(_time);

    [Fact]
    public async Task A_rotated_token_the_store_could_not_take_is_not_replaced_by_the_spent_one_after_the_cache_revalidates()
    {
        await _store.Seed(Account, new PinterestToken
        {
            AccessToken = OldAccess,
            ExpiresAt = _time.GetUtcNow().AddMinutes(1),
            RefreshToken = OldRefresh,
            RefreshTokenExpiresAt = _time.GetUtcNow().AddDays(50),
        });
        var manager = new PinterestTokenManager(_store, _refresher, _time, PinterestTokenManager.DefaultRefreshMargin, NullLogger.Instance);

        // The store is down for the three writes of the rotated token (a short database outage).
        _store.FailNextStores = 3;
        await Assert.ThrowsAsync<IOException>(() => manager.GetAccessTokenAsync(Account, CancellationToken.None).AsTask());
        Assert.Equal("AT-secret-1", await manager.GetAccessTokenAsync(Account, CancellationToken.None));

        // A couple of minutes later (the store is back) the next publish of that account asks for a token.
        _time.Advance(TimeSpan.FromMinutes(2));
        var token = await manager.GetAccessTokenAsync(Account, CancellationToken.None);

        // RT-secret-0 was spent by the first refresh: Pinterest rejects it, and the account would have to be reconnected.
        Assert.Equal(new[] { OldRefresh }, _refresher.ReceivedRefreshTokens.Where(t => t == OldRefresh));
        Assert.Equal("AT-secret-1", token);
    }
}
