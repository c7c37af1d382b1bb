using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Authentication.Internal;
using Pinterest.Publishing.Diagnostics.Internal;

namespace Pinterest.Publishing.Tests.Authentication.Internal;

/// <summary>
/// A token due only because its refresh token nears the end of its life still has a good access token: a failed renewal
/// must not fail the call, nor make every call try the token endpoint again.
/// </summary>
public sealed class RenewalFailureTests
{
    private const string Account = "acct-renewal";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingTokenStore _store = new(new ConcurrentQueue<string>());
    private readonly FakeTokenRefresher _refresher;

    public RenewalFailureTests() => _refresher = new FakeTokenRefresher(_time);

    private PinterestTokenManager CreateManager() =>
        new(_store, _refresher, _time, PinterestTokenManager.DefaultRefreshMargin, NullLogger.Instance, PinterestTelemetry.Shared, refreshTokenRenewalMargin: TimeSpan.FromDays(14));

    private Task SeedAsync(TimeSpan accessExpiresIn) =>
        _store.Seed(Account, new PinterestToken
        {
            AccessToken = "AT-secret-0",
            ExpiresAt = _time.GetUtcNow() + accessExpiresIn,
            RefreshToken = "RT-secret-0",
            RefreshTokenExpiresAt = _time.GetUtcNow().AddDays(10),
        });

    public static TheoryData<string> Failures => ["503", "timeout", "400", "app credentials"];

    private static Exception FailureOf(string kind) => kind switch
    {
        "503" => new PinterestApiException("down", HttpStatusCode.ServiceUnavailable),
        "timeout" => new TaskCanceledException("timed out"),
        "400" => new PinterestApiException("bad", HttpStatusCode.BadRequest, errorCode: 1),
        _ => new PinterestAppCredentialsException("client credentials refused"),
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task A_failed_renewal_uses_the_good_access_token_and_waits_before_trying_again(string failure)
    {
        await SeedAsync(TimeSpan.FromDays(20));
        _refresher.Failure = () => FailureOf(failure);
        var manager = CreateManager();

        Assert.Equal("AT-secret-0", await manager.GetAccessTokenAsync(Account, CancellationToken.None));
        Assert.Equal(1, _refresher.Calls);

        // Within the first wait (a minute), no call tries again, even once the cache revalidates from the store.
        for (var i = 0; i < 5; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(11));
            Assert.Equal("AT-secret-0", await manager.GetAccessTokenAsync(Account, CancellationToken.None));
        }

        Assert.Equal(1, _refresher.Calls);

        // Then once, and the wait doubles.
        _time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal("AT-secret-0", await manager.GetAccessTokenAsync(Account, CancellationToken.None));
        Assert.Equal(2, _refresher.Calls);
        _time.Advance(TimeSpan.FromSeconds(90));
        Assert.Equal("AT-secret-0", await manager.GetAccessTokenAsync(Account, CancellationToken.None));
        Assert.Equal(2, _refresher.Calls);
        _time.Advance(TimeSpan.FromSeconds(31));

        // A renewal that works ends the waits.
        _refresher.Failure = null;
        Assert.Equal("AT-secret-3", await manager.GetAccessTokenAsync(Account, CancellationToken.None));
        Assert.Equal(3, _refresher.Calls);
    }

    [Fact]
    public async Task The_wait_between_failed_renewals_stops_doubling_at_an_hour()
    {
        await SeedAsync(TimeSpan.FromDays(20));
        _refresher.Failure = () => FailureOf("503");
        var manager = CreateManager();

        for (var i = 0; i < 12; i++)
        {
            await manager.GetAccessTokenAsync(Account, CancellationToken.None);
            _time.Advance(TimeSpan.FromHours(1));
        }

        Assert.Equal(12, _refresher.Calls);
        await manager.GetAccessTokenAsync(Account, CancellationToken.None);
        Assert.Equal(13, _refresher.Calls);
        _time.Advance(TimeSpan.FromMinutes(59));
        await manager.GetAccessTokenAsync(Account, CancellationToken.None);
        Assert.Equal(13, _refresher.Calls);
        _time.Advance(TimeSpan.FromMinutes(1));
        await manager.GetAccessTokenAsync(Account, CancellationToken.None);
        Assert.Equal(14, _refresher.Calls);
    }

    [Fact]
    public async Task Keep_alive_still_surfaces_a_failed_renewal()
    {
        await SeedAsync(TimeSpan.FromDays(20));
        _refresher.Failure = () => FailureOf("503");
        var manager = CreateManager();
        await manager.GetAccessTokenAsync(Account, CancellationToken.None);

        var error = await Assert.ThrowsAnyAsync<PinterestApiException>(() => manager.KeepAliveAsync(Account, CancellationToken.None));

        Assert.True(error.IsTransient);
        Assert.Equal(2, _refresher.Calls);
    }

    [Fact]
    public async Task A_rejected_refresh_token_still_requires_reauthorization()
    {
        await SeedAsync(TimeSpan.FromDays(20));
        _refresher.Failure = () => new PinterestReauthorizationRequiredException("Pinterest rejected the refresh token.");
        var manager = CreateManager();

        await Assert.ThrowsAsync<PinterestReauthorizationRequiredException>(() => manager.GetAccessTokenAsync(Account, CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task A_failed_refresh_of_an_access_token_about_to_expire_still_fails_the_call()
    {
        await SeedAsync(TimeSpan.FromMinutes(1));
        _refresher.Failure = () => FailureOf("503");
        var manager = CreateManager();

        await Assert.ThrowsAnyAsync<PinterestApiException>(() => manager.GetAccessTokenAsync(Account, CancellationToken.None).AsTask());
        await Assert.ThrowsAnyAsync<PinterestApiException>(() => manager.GetAccessTokenAsync(Account, CancellationToken.None).AsTask());
        Assert.Equal(2, _refresher.Calls);
    }
}
