using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Authentication.Internal;
using Pinterest.Publishing.Diagnostics.Internal;

namespace Pinterest.Publishing.Tests.Authentication.Internal;

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
    private readonly FakeLogger _logger = new();

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
        var manager = new PinterestTokenManager(_store, _refresher, _time, PinterestTokenManager.DefaultRefreshMargin, NullLogger.Instance, PinterestTelemetry.Shared);

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

    private PinterestTokenManager CreateManager() =>
        new(_store, _refresher, _time, PinterestTokenManager.DefaultRefreshMargin, _logger, PinterestTelemetry.Shared);

    private Task SeedExpiringAsync() => _store.Seed(Account, new PinterestToken
    {
        AccessToken = OldAccess,
        ExpiresAt = _time.GetUtcNow().AddMinutes(1),
        RefreshToken = OldRefresh,
        RefreshTokenExpiresAt = _time.GetUtcNow().AddDays(50),
    });

    // Refreshes with the store down for the three writes of the rotated token: AT-secret-1 / RT-secret-1 stay unsaved.
    private async Task<PinterestTokenManager> RotateDuringOutageAsync()
    {
        await SeedExpiringAsync();
        var manager = CreateManager();
        _store.FailNextStores = 3;
        await Assert.ThrowsAsync<IOException>(() => manager.GetAccessTokenAsync(Account, CancellationToken.None).AsTask());
        Assert.Equal(OldRefresh, (await _store.Peek(Account))!.RefreshToken);
        return manager;
    }

    private void AssertNoSecretsLogged()
    {
        foreach (var record in _logger.Collector.GetSnapshot())
        {
            Assert.DoesNotContain("secret", record.Message, StringComparison.OrdinalIgnoreCase);
        }
    }

    private List<FakeLogRecord> Logs(int eventId) =>
        _logger.Collector.GetSnapshot().Where(r => r.Id.Id == eventId).ToList();

    [Fact]
    public async Task The_unsaved_rotated_token_reaches_the_store_once_it_recovers_and_is_then_an_ordinary_cached_token()
    {
        var manager = await RotateDuringOutageAsync();

        // Still down at the first revalidation: the rotated token keeps being used and a warning says it is unsaved.
        _store.FailNextStores = 1;
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("AT-secret-1", await manager.GetAccessTokenAsync(Account, CancellationToken.None));
        Assert.Equal(4, _store.Stores);
        Assert.Equal(OldRefresh, (await _store.Peek(Account))!.RefreshToken);
        var warning = Assert.Single(Logs(2007));
        Assert.Equal(LogLevel.Warning, warning.Level);

        // Back at the next revalidation: the rotated token is written and an information says so.
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("AT-secret-1", await manager.GetAccessTokenAsync(Account, CancellationToken.None));
        var stored = await _store.Peek(Account);
        Assert.Equal("AT-secret-1", stored!.AccessToken);
        Assert.Equal("RT-secret-1", stored.RefreshToken);
        Assert.Equal(5, _store.Stores);
        Assert.Equal(LogLevel.Information, Assert.Single(Logs(2008)).Level);

        // From then on nothing is written again, and the next refresh (near expiry) uses the rotated refresh token.
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("AT-secret-1", await manager.GetAccessTokenAsync(Account, CancellationToken.None));
        Assert.Equal(5, _store.Stores);
        _time.Advance(TimeSpan.FromDays(30));
        Assert.Equal("AT-secret-2", await manager.GetAccessTokenAsync(Account, CancellationToken.None));
        Assert.Equal(new[] { OldRefresh, "RT-secret-1" }, _refresher.ReceivedRefreshTokens);
        Assert.Equal("RT-secret-2", (await _store.Peek(Account))!.RefreshToken);
        AssertNoSecretsLogged();
    }

    [Fact]
    public async Task While_the_store_stays_down_the_unsaved_token_is_written_again_at_most_once_per_revalidation_interval()
    {
        var manager = await RotateDuringOutageAsync();
        _store.FailNextStores = int.MaxValue;

        // A call every ten seconds for three minutes, as a busy publisher makes.
        for (var i = 0; i < 18; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(10));
            Assert.Equal("AT-secret-1", await manager.GetAccessTokenAsync(Account, CancellationToken.None));
        }

        // Three writes of the rotation, then one per minute.
        Assert.Equal(3 + 3, _store.Stores);
        Assert.Equal(3, Logs(2007).Count);
        Assert.Equal(1, _refresher.Calls);
        AssertNoSecretsLogged();
    }

    [Fact]
    public async Task A_token_the_host_stored_during_the_outage_wins_over_the_unsaved_rotated_one()
    {
        var manager = await RotateDuringOutageAsync();
        Assert.Equal("AT-secret-1", await manager.GetAccessTokenAsync(Account, CancellationToken.None));

        // The user connects the account again while the rotated token is unsaved.
        await _store.Seed(Account, new PinterestToken
        {
            AccessToken = "AT-secret-host",
            ExpiresAt = _time.GetUtcNow().AddDays(30),
            RefreshToken = "RT-secret-host",
            RefreshTokenExpiresAt = _time.GetUtcNow().AddDays(60),
        });
        var storesBefore = _store.Stores;

        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("AT-secret-host", await manager.GetAccessTokenAsync(Account, CancellationToken.None));

        // The unsaved token is dropped, never written over the host's token, and the next refresh uses the host's one.
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("AT-secret-host", await manager.GetAccessTokenAsync(Account, CancellationToken.None));
        Assert.Equal(storesBefore, _store.Stores);
        Assert.Equal("RT-secret-host", (await _store.Peek(Account))!.RefreshToken);
        Assert.Single(Logs(2009));
        _time.Advance(TimeSpan.FromDays(30));
        Assert.Equal("AT-secret-2", await manager.GetAccessTokenAsync(Account, CancellationToken.None));
        Assert.Equal(new[] { OldRefresh, "RT-secret-host" }, _refresher.ReceivedRefreshTokens);
        AssertNoSecretsLogged();
    }

    [Fact]
    public async Task An_account_the_host_removed_during_the_outage_is_not_served_from_the_unsaved_token()
    {
        var manager = await RotateDuringOutageAsync();
        _store.Forgotten = true;

        _time.Advance(TimeSpan.FromMinutes(2));
        await Assert.ThrowsAsync<PinterestReauthorizationRequiredException>(() => manager.GetAccessTokenAsync(Account, CancellationToken.None).AsTask());

        // The dropped rotation is never written back into the store the host emptied.
        _time.Advance(TimeSpan.FromMinutes(2));
        await Assert.ThrowsAsync<PinterestReauthorizationRequiredException>(() => manager.GetAccessTokenAsync(Account, CancellationToken.None).AsTask());
        Assert.Equal(3, _store.Stores);
        Assert.Single(Logs(2009));
    }

    [Fact]
    public async Task A_second_rotation_during_the_outage_never_goes_back_to_either_spent_refresh_token()
    {
        var manager = await RotateDuringOutageAsync();

        // Pinterest rejects the unsaved access token: the refresh uses the unsaved refresh token, and its write fails too.
        _store.FailNextStores = 3;
        await Assert.ThrowsAsync<IOException>(() => manager.RefreshAfterUnauthorizedAsync(Account, "AT-secret-1", CancellationToken.None).AsTask());
        Assert.Equal("AT-secret-2", await manager.GetAccessTokenAsync(Account, CancellationToken.None));

        // The store still holds RT-secret-0 (spent twice over); once it is back it takes the latest rotation.
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("AT-secret-2", await manager.GetAccessTokenAsync(Account, CancellationToken.None));
        Assert.Equal("RT-secret-2", (await _store.Peek(Account))!.RefreshToken);
        Assert.Equal(new[] { OldRefresh, "RT-secret-1" }, _refresher.ReceivedRefreshTokens);
        AssertNoSecretsLogged();
    }
}
