using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Authentication.Internal;
using Pinterest.Publishing.Diagnostics.Internal;

namespace Pinterest.Publishing.Tests.Authentication.Internal;

/// <summary>
/// Continuous refresh tokens last 60 days and each refresh renews them, while access tokens last 30: a token is also
/// refreshed when its refresh token expires within <c>RefreshTokenRenewalMargin</c>, at use and through the keep-alive.
/// </summary>
public sealed class RefreshTokenRenewalTests
{
    private const string Account = "acct-1";
    private static readonly TimeSpan Margin = TimeSpan.FromDays(14);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingTokenStore _store;
    private readonly FakeTokenRefresher _refresher;

    public RefreshTokenRenewalTests()
    {
        var events = new ConcurrentQueue<string>();
        _store = new RecordingTokenStore(events);
        _refresher = new FakeTokenRefresher(_time, events);
    }

    private PinterestTokenManager CreateManager(TimeSpan? renewalMargin = null) =>
        new(_store, _refresher, _time, PinterestTokenManager.DefaultRefreshMargin, NullLogger.Instance, PinterestTelemetry.Shared, refreshTokenRenewalMargin: renewalMargin ?? Margin);

    private Task SeedAsync(TimeSpan accessExpiresIn, TimeSpan? refreshExpiresIn, string? refreshToken = "RT-secret-0") =>
        _store.Seed(Account, new PinterestToken
        {
            AccessToken = "AT-secret-0",
            ExpiresAt = _time.GetUtcNow() + accessExpiresIn,
            RefreshToken = refreshToken,
            RefreshTokenExpiresAt = refreshExpiresIn is { } r ? _time.GetUtcNow() + r : null,
        });

    [Fact]
    public async Task A_token_whose_refresh_token_expires_within_the_margin_is_refreshed_while_its_access_token_is_good()
    {
        await SeedAsync(TimeSpan.FromDays(20), TimeSpan.FromDays(10));
        var manager = CreateManager();

        var token = await manager.GetAccessTokenAsync(Account, CancellationToken.None);

        Assert.Equal("AT-secret-1", token);
        Assert.Equal(1, _refresher.Calls);
        var stored = await _store.Peek(Account);
        Assert.Equal("RT-secret-1", stored!.RefreshToken);
        Assert.Equal(_time.GetUtcNow().AddDays(60), stored.RefreshTokenExpiresAt);
    }

    [Fact]
    public async Task A_token_whose_refresh_token_expires_after_the_margin_is_not_refreshed()
    {
        await SeedAsync(TimeSpan.FromDays(20), Margin + TimeSpan.FromHours(1));
        var manager = CreateManager();

        Assert.Equal("AT-secret-0", await manager.GetAccessTokenAsync(Account, CancellationToken.None));
        Assert.Equal(0, _refresher.Calls);
    }

    [Fact]
    public async Task A_token_whose_refresh_token_has_already_expired_is_used_until_its_access_token_expires()
    {
        // Refreshing could only be refused: the access token still works for its last days.
        await SeedAsync(TimeSpan.FromDays(3), TimeSpan.FromDays(-1));
        var manager = CreateManager();

        Assert.Equal("AT-secret-0", await manager.GetAccessTokenAsync(Account, CancellationToken.None));
        Assert.Equal(0, _refresher.Calls);
    }

    [Fact]
    public async Task A_zero_renewal_margin_refreshes_for_the_access_token_only()
    {
        await SeedAsync(TimeSpan.FromDays(20), TimeSpan.FromDays(1));
        var manager = CreateManager(TimeSpan.Zero);

        Assert.Equal("AT-secret-0", await manager.GetAccessTokenAsync(Account, CancellationToken.None));
        Assert.Equal(0, _refresher.Calls);
    }

    [Fact]
    public async Task A_refresh_that_does_not_move_the_refresh_tokens_expiry_out_of_the_margin_is_not_repeated()
    {
        // A legacy (non-continuous) refresh token, or an answer without a refresh token: renewing cannot help, and
        // trying again at every call would be a refresh per call for the last 14 days.
        await SeedAsync(TimeSpan.FromDays(20), TimeSpan.FromDays(10));
        var fixedExpiry = _time.GetUtcNow().AddDays(10);
        _refresher.Answer = n => new PinterestToken { AccessToken = $"AT-secret-{n}", ExpiresAt = _time.GetUtcNow().AddDays(30), RefreshToken = "RT-secret-0", RefreshTokenExpiresAt = fixedExpiry };
        var manager = CreateManager();

        Assert.Equal("AT-secret-1", await manager.GetAccessTokenAsync(Account, CancellationToken.None));
        for (var i = 0; i < 5; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(2));
            Assert.Equal("AT-secret-1", await manager.GetAccessTokenAsync(Account, CancellationToken.None));
        }

        Assert.Equal(1, _refresher.Calls);

        // The access token's own expiry still refreshes.
        _time.Advance(TimeSpan.FromDays(30));
        Assert.Equal("AT-secret-2", await manager.GetAccessTokenAsync(Account, CancellationToken.None));
        Assert.Equal(2, _refresher.Calls);
    }

    [Fact]
    public async Task Keep_alive_of_a_refresh_token_a_refresh_could_not_renew_says_it_cannot_renew_it()
    {
        await SeedAsync(TimeSpan.FromDays(20), TimeSpan.FromDays(10));
        var fixedExpiry = _time.GetUtcNow().AddDays(10);
        _refresher.Answer = n => new PinterestToken { AccessToken = $"AT-secret-{n}", ExpiresAt = _time.GetUtcNow().AddDays(30), RefreshToken = "RT-secret-0", RefreshTokenExpiresAt = fixedExpiry };
        var manager = CreateManager();
        Assert.Equal(PinterestKeepAliveResult.Renewed, await manager.KeepAliveAsync(Account, CancellationToken.None));

        // Its refresh token still dies within the margin, and refreshing again cannot help: the user must reconnect.
        Assert.Equal(PinterestKeepAliveResult.CannotRenew, await manager.KeepAliveAsync(Account, CancellationToken.None));
        Assert.Equal(1, _refresher.Calls);
    }

    [Fact]
    public async Task Keep_alive_refreshes_an_account_whose_refresh_token_is_due_and_stores_the_rotated_token()
    {
        await SeedAsync(TimeSpan.FromDays(20), TimeSpan.FromDays(10));
        var manager = CreateManager();

        var result = await manager.KeepAliveAsync(Account, CancellationToken.None);

        Assert.Equal(PinterestKeepAliveResult.Renewed, result);
        Assert.Equal(1, _refresher.Calls);
        Assert.Equal("RT-secret-1", (await _store.Peek(Account))!.RefreshToken);

        // Now it is not due: a second call does nothing.
        Assert.Equal(PinterestKeepAliveResult.NotDue, await manager.KeepAliveAsync(Account, CancellationToken.None));
        Assert.Equal(1, _refresher.Calls);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-3 * 24 * 60)]
    public async Task Keep_alive_renews_an_access_token_that_expires_within_its_margin_or_has_expired(int minutes)
    {
        await SeedAsync(TimeSpan.FromMinutes(minutes), TimeSpan.FromDays(40));
        var manager = CreateManager();

        Assert.Equal(PinterestKeepAliveResult.Renewed, await manager.KeepAliveAsync(Account, CancellationToken.None));
        Assert.Equal(1, _refresher.Calls);
    }

    [Fact]
    public async Task Keep_alive_leaves_an_account_that_is_not_due()
    {
        await SeedAsync(TimeSpan.FromDays(20), TimeSpan.FromDays(40));
        var manager = CreateManager();

        Assert.Equal(PinterestKeepAliveResult.NotDue, await manager.KeepAliveAsync(Account, CancellationToken.None));
        Assert.Equal(0, _refresher.Calls);
    }

    [Fact]
    public async Task Keep_alive_of_a_token_without_refresh_token_cannot_renew_it_until_it_expires()
    {
        await SeedAsync(TimeSpan.FromMinutes(2), refreshExpiresIn: null, refreshToken: null);
        var manager = CreateManager();

        Assert.Equal(PinterestKeepAliveResult.CannotRenew, await manager.KeepAliveAsync(Account, CancellationToken.None));

        _time.Advance(TimeSpan.FromMinutes(3));
        var expired = await Assert.ThrowsAsync<PinterestReauthorizationRequiredException>(() => manager.KeepAliveAsync(Account, CancellationToken.None));
        Assert.Equal(Account, expired.AccountId);
        Assert.Equal(0, _refresher.Calls);
    }

    [Fact]
    public async Task Keep_alive_of_an_account_without_a_token_requires_reauthorization()
    {
        var manager = CreateManager();

        var error = await Assert.ThrowsAsync<PinterestReauthorizationRequiredException>(() => manager.KeepAliveAsync("unknown", CancellationToken.None));

        Assert.Equal("unknown", error.AccountId);
    }

    [Fact]
    public async Task Keep_alive_of_an_account_whose_refresh_token_was_rejected_requires_reauthorization()
    {
        await SeedAsync(TimeSpan.FromDays(-20), TimeSpan.FromDays(10));
        _refresher.Failure = () => new PinterestReauthorizationRequiredException("Pinterest rejected the refresh token.");
        var manager = CreateManager();

        var error = await Assert.ThrowsAsync<PinterestReauthorizationRequiredException>(() => manager.KeepAliveAsync(Account, CancellationToken.None));

        Assert.Equal(Account, error.AccountId);
    }

    [Fact]
    public async Task The_keep_alive_service_refreshes_through_the_shared_token_manager()
    {
        await SeedAsync(TimeSpan.FromDays(-20), TimeSpan.FromDays(10));
        var keepAlive = new PinterestAccountKeepAlive(CreateManager());

        Assert.Equal(PinterestKeepAliveResult.Renewed, await ((IPinterestAccountKeepAlive)keepAlive).KeepAliveAsync(Account));
        Assert.Equal(1, _refresher.Calls);
    }
}
