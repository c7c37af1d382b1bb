using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Authentication.Internal;
using Pinterest.Publishing.Diagnostics.Internal;
using Pinterest.Publishing.Events;
using Pinterest.Publishing.Events.Internal;
using Pinterest.Publishing.Tests.Events;

namespace Pinterest.Publishing.Tests.Authentication.Internal;

/// <summary>The keep-alive tells the observers about an account whose token it cannot renew, so the host can ask for a reconnect in time.</summary>
public sealed class KeepAliveEventsTests
{
    private const string Account = "acct-1";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingTokenStore _store;
    private readonly FakeTokenRefresher _refresher;

    public KeepAliveEventsTests()
    {
        var log = new ConcurrentQueue<string>();
        _store = new RecordingTokenStore(log);
        _refresher = new FakeTokenRefresher(_time, log);
    }

    private PinterestAccountKeepAlive Create(PublishingEvents events) => new(
        new PinterestTokenManager(_store, _refresher, _time, PinterestTokenManager.DefaultRefreshMargin, NullLogger.Instance, PinterestTelemetry.Shared, refreshTokenRenewalMargin: TimeSpan.FromDays(14)),
        _store,
        events);

    [Fact]
    public async Task A_token_that_cannot_be_renewed_raises_refresh_token_expiring_soon_without_the_token()
    {
        var expires = _time.GetUtcNow() + TimeSpan.FromMinutes(2);
        await _store.Seed(Account, new PinterestToken { AccessToken = "AT-secret-0", ExpiresAt = expires });
        var observer = new RecordingObserver();
        await using var events = new PublishingEvents(() => [observer], _time, NullLoggerFactory.Instance);

        Assert.Equal(PinterestKeepAliveResult.CannotRenew, await Create(events).KeepAliveAsync(Account));

        var expiring = await observer.NextAsync<RefreshTokenExpiringSoonEvent>();
        Assert.Equal(Account, expiring.AccountId);
        Assert.Equal(expires, expiring.AccessTokenExpiresAt);
        Assert.Null(expiring.RefreshTokenExpiresAt);
        Assert.DoesNotContain("secret", expiring.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_that_is_renewed_raises_nothing()
    {
        await _store.Seed(Account, new PinterestToken
        {
            AccessToken = "AT-secret-0",
            ExpiresAt = _time.GetUtcNow() + TimeSpan.FromMinutes(2),
            RefreshToken = "RT-secret-0",
            RefreshTokenExpiresAt = _time.GetUtcNow() + TimeSpan.FromDays(40),
        });
        var observer = new RecordingObserver();
        await using var events = new PublishingEvents(() => [observer], _time, NullLoggerFactory.Instance);

        Assert.Equal(PinterestKeepAliveResult.Renewed, await Create(events).KeepAliveAsync(Account));
        await events.DisposeAsync();

        Assert.False(observer.HasMore);
    }
}
