using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Authentication.Internal;
using Pinterest.Publishing.Diagnostics.Internal;

namespace Pinterest.Publishing.Tests.Authentication.Internal;

/// <summary>
/// The manager's in-memory copy of each account's last token: lookups stop reading the store and allocating, while
/// what callers get stays what the store-first behaviour gave them (a valid token, the store re-read before any
/// refresh and after a 401, a removed token noticed).
/// </summary>
public sealed class PinterestTokenManagerCacheTests
{
    private const string Account = "acct-1";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingTokenStore _store = new(new());
    private readonly FakeTokenRefresher _refresher;
    private readonly PinterestTokenManager _manager;

    public PinterestTokenManagerCacheTests()
    {
        _refresher = new FakeTokenRefresher(_time);
        _manager = new PinterestTokenManager(_store, _refresher, _time, PinterestTokenManager.DefaultRefreshMargin, NullLogger.Instance, PinterestTelemetry.Shared);
    }

    private Task SeedAsync(string access, TimeSpan expiresIn, string refresh = "RT-secret-0") =>
        _store.Seed(Account, new PinterestToken { AccessToken = access, ExpiresAt = _time.GetUtcNow() + expiresIn, RefreshToken = refresh });

    private async Task<string> GetAsync() => await _manager.GetAccessTokenAsync(Account, CancellationToken.None);

    [Fact]
    public async Task Valid_token_is_read_from_the_store_once()
    {
        await SeedAsync("AT-secret-0", TimeSpan.FromDays(30));

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("AT-secret-0", await GetAsync());
        }

        Assert.Equal(1, _store.Gets);
        Assert.Equal(0, _refresher.Calls);
    }

    [Fact]
    public async Task Cached_lookup_allocates_nothing()
    {
        await SeedAsync("AT-secret-0", TimeSpan.FromDays(30));
        for (var i = 0; i < 100; i++)
        {
            await GetAsync();
        }

        var incomplete = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            var lookup = _manager.GetAccessTokenAsync(Account, CancellationToken.None);
            if (!lookup.IsCompletedSuccessfully)
            {
                incomplete++;
            }
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, incomplete);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public async Task Store_is_read_again_after_the_revalidation_interval()
    {
        await SeedAsync("AT-secret-0", TimeSpan.FromDays(30));
        Assert.Equal("AT-secret-0", await GetAsync());

        // The host reconnects the account: a new token in the store, the old one still valid.
        await SeedAsync("AT-secret-reconnected", TimeSpan.FromDays(30));
        _time.Advance(PinterestTokenManager.CacheRevalidationInterval - TimeSpan.FromSeconds(1));
        Assert.Equal("AT-secret-0", await GetAsync());
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("AT-secret-reconnected", await GetAsync());
        Assert.Equal(2, _store.Gets);
    }

    [Fact]
    public async Task Token_removed_from_the_store_requires_reauthorization_once_revalidated()
    {
        await SeedAsync("AT-secret-0", TimeSpan.FromDays(30));
        Assert.Equal("AT-secret-0", await GetAsync());

        _store.Forgotten = true;
        _time.Advance(PinterestTokenManager.CacheRevalidationInterval);

        var ex = await Assert.ThrowsAsync<PinterestReauthorizationRequiredException>(GetAsync);
        Assert.Equal(Account, ex.AccountId);

        // Not served from a stale cache afterwards either.
        await Assert.ThrowsAsync<PinterestReauthorizationRequiredException>(GetAsync);
    }

    [Fact]
    public async Task Cached_token_nearing_expiry_rereads_the_store_before_refreshing()
    {
        await SeedAsync("AT-secret-0", TimeSpan.FromMinutes(8));
        Assert.Equal("AT-secret-0", await GetAsync());

        // Another app instance refreshed meanwhile: its token is used, no second refresh spends a rotated refresh token.
        await SeedAsync("AT-secret-other", TimeSpan.FromDays(30), refresh: "RT-secret-other");
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("AT-secret-0", await GetAsync());
        _time.Advance(TimeSpan.FromMinutes(3));

        Assert.Equal("AT-secret-other", await GetAsync());
        Assert.Equal(0, _refresher.Calls);
    }

    [Fact]
    public async Task Refresh_still_sends_the_refresh_token_read_from_the_store_not_the_cached_one()
    {
        await SeedAsync("AT-secret-0", TimeSpan.FromMinutes(20), refresh: "RT-secret-0");
        Assert.Equal("AT-secret-0", await GetAsync());

        // Another instance rotated to a token that is itself about to expire: the refresh uses its refresh token.
        await SeedAsync("AT-secret-other", TimeSpan.FromMinutes(16), refresh: "RT-secret-other");
        _time.Advance(TimeSpan.FromMinutes(15));

        Assert.Equal("AT-secret-1", await GetAsync());
        Assert.Equal(new[] { "RT-secret-other" }, _refresher.ReceivedRefreshTokens);
    }

    [Fact]
    public async Task Refreshed_token_is_cached()
    {
        await SeedAsync("AT-secret-0", TimeSpan.FromMinutes(1));

        Assert.Equal("AT-secret-1", await GetAsync());
        var reads = _store.Gets;
        Assert.Equal("AT-secret-1", await GetAsync());

        Assert.Equal(reads, _store.Gets);
        Assert.Equal(1, _refresher.Calls);
        Assert.Equal("AT-secret-1", (await _store.Peek(Account))!.AccessToken);
    }

    [Fact]
    public async Task Unauthorized_with_the_cached_token_uses_the_token_another_instance_stored()
    {
        await SeedAsync("AT-secret-0", TimeSpan.FromDays(30));
        Assert.Equal("AT-secret-0", await GetAsync());
        await SeedAsync("AT-secret-other", TimeSpan.FromDays(30), refresh: "RT-secret-other");

        Assert.Equal("AT-secret-other", await _manager.RefreshAfterUnauthorizedAsync(Account, "AT-secret-0", CancellationToken.None));
        Assert.Equal("AT-secret-other", await GetAsync());
        Assert.Equal(0, _refresher.Calls);
    }

    [Fact]
    public async Task Unauthorized_with_the_cached_token_never_hands_it_out_again()
    {
        await SeedAsync("AT-secret-0", TimeSpan.FromDays(30));
        Assert.Equal("AT-secret-0", await GetAsync());

        Assert.Equal("AT-secret-1", await _manager.RefreshAfterUnauthorizedAsync(Account, "AT-secret-0", CancellationToken.None));
        Assert.Equal("AT-secret-1", await GetAsync());
        Assert.Equal(1, _refresher.Calls);
    }

    [Fact]
    public async Task Cancelled_lookup_throws_even_when_cached()
    {
        await SeedAsync("AT-secret-0", TimeSpan.FromDays(30));
        Assert.Equal("AT-secret-0", await GetAsync());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _manager.GetAccessTokenAsync(Account, new CancellationToken(canceled: true)).AsTask());
    }
}
