using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Authentication.Internal;
using Pinterest.Publishing.Diagnostics.Internal;
using Pinterest.Publishing.Internal.Failures;

namespace Pinterest.Publishing.Tests.Authentication.Internal;

/// <summary>
/// A refresh whose answer was lost may have spent the refresh token, and a refresh token another instance spent first is
/// refused: in both cases the store may already hold the rotated token, so it is read again before anything surfaces.
/// </summary>
public sealed class RefreshFailureTests
{
    private const string Account = "acct-1";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingTokenStore _store;
    private readonly FakeTokenRefresher _refresher;
    private readonly FakeLogger _logger = new();

    public RefreshFailureTests()
    {
        var events = new ConcurrentQueue<string>();
        _store = new RecordingTokenStore(events);
        _refresher = new FakeTokenRefresher(_time, events);
    }

    private PinterestTokenManager CreateManager() =>
        new(_store, _refresher, _time, PinterestTokenManager.DefaultRefreshMargin, _logger, PinterestTelemetry.Shared);

    private Task SeedExpiringAsync() =>
        _store.Seed(Account, new PinterestToken { AccessToken = "AT-secret-0", ExpiresAt = _time.GetUtcNow().AddMinutes(-1), RefreshToken = "RT-secret-0", RefreshTokenExpiresAt = _time.GetUtcNow().AddDays(50) });

    private PinterestToken RotatedElsewhere() =>
        new() { AccessToken = "AT-secret-other", ExpiresAt = _time.GetUtcNow().AddDays(30), RefreshToken = "RT-secret-other", RefreshTokenExpiresAt = _time.GetUtcNow().AddDays(60) };

    /// <summary>The refresh fails with <paramref name="failure"/> after another instance stored its rotation.</summary>
    private void FailAfterAnotherInstanceRotated(Func<Exception> failure) => _refresher.Failure = () =>
    {
        _store.Seed(Account, RotatedElsewhere()).GetAwaiter().GetResult();
        return failure();
    };

    public static TheoryData<string> Failures => ["503", "reset", "timeout", "283"];

    private static Exception Failure(string name) => name switch
    {
        "503" => new PinterestApiException("HTTP 503", HttpStatusCode.ServiceUnavailable),
        "reset" => new HttpRequestException(HttpRequestError.ResponseEnded, "reset", new IOException("reset")),
        "timeout" => new TaskCanceledException("timeout", new TimeoutException()),
        _ => new PinterestReauthorizationRequiredException("Pinterest rejected the refresh token (HTTP 401, code 283)."),
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task A_failed_refresh_uses_the_token_another_instance_stored_meanwhile(string failure)
    {
        await SeedExpiringAsync();
        FailAfterAnotherInstanceRotated(() => Failure(failure));
        var manager = CreateManager();

        var token = await manager.GetAccessTokenAsync(Account, CancellationToken.None);

        Assert.Equal("AT-secret-other", token);
        Assert.Equal(1, _refresher.Calls);
        Assert.Equal("RT-secret-other", (await _store.Peek(Account))!.RefreshToken);
    }

    [Fact]
    public async Task After_a_401_a_refresh_refused_because_another_instance_spent_the_refresh_token_is_not_a_reauthorization()
    {
        await _store.Seed(Account, new PinterestToken { AccessToken = "AT-secret-0", ExpiresAt = _time.GetUtcNow().AddDays(20), RefreshToken = "RT-secret-0", RefreshTokenExpiresAt = _time.GetUtcNow().AddDays(50) });
        FailAfterAnotherInstanceRotated(() => Failure("283"));
        var manager = CreateManager();

        var token = await manager.RefreshAfterUnauthorizedAsync(Account, "AT-secret-0", CancellationToken.None);

        Assert.Equal("AT-secret-other", token);
        Assert.Equal(1, _refresher.Calls);
    }

    [Theory]
    [InlineData("503")]
    [InlineData("reset")]
    [InlineData("timeout")]
    public async Task A_refresh_that_may_have_spent_its_refresh_token_fails_in_doubt_and_the_next_attempt_refreshes_again(string failure)
    {
        await SeedExpiringAsync();
        _refresher.Failure = () => Failure(failure);
        var manager = CreateManager();

        var error = await Assert.ThrowsAsync<TokenRefreshInDoubtException>(() => manager.GetAccessTokenAsync(Account, CancellationToken.None).AsTask());

        Assert.True(error.IsTransient);
        Assert.Contains(Account, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Same(_refresher.LastFailure, error.InnerException);
        Assert.Equal(1, _refresher.Calls);

        // A later attempt (the scheduler's) reads the store and sends the refresh token again: if Pinterest still
        // takes it, the account goes on; if it was spent, the refusal then is the truth.
        _refresher.Failure = null;
        Assert.Equal("AT-secret-2", await manager.GetAccessTokenAsync(Account, CancellationToken.None));
        Assert.Equal(["RT-secret-0", "RT-secret-0"], _refresher.ReceivedRefreshTokens);
    }

    [Theory]
    [InlineData("connect")]
    [InlineData("429")]
    public async Task A_refresh_that_surely_was_not_processed_fails_as_it_is(string failure)
    {
        await SeedExpiringAsync();
        _refresher.Failure = () => failure switch
        {
            "connect" => new HttpRequestException(HttpRequestError.ConnectionError, "refused", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused)),
            _ => new PinterestRateLimitException("slow down", 8, null, null, isSpamBlock: false),
        };
        var manager = CreateManager();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => manager.GetAccessTokenAsync(Account, CancellationToken.None).AsTask());

        Assert.IsNotType<TokenRefreshInDoubtException>(error);
        Assert.Same(_refresher.LastFailure, error);
    }

    [Fact]
    public async Task A_rejected_refresh_token_with_nothing_newer_stored_requires_reauthorization()
    {
        await SeedExpiringAsync();
        _refresher.Failure = () => Failure("283");
        var manager = CreateManager();

        var error = await Assert.ThrowsAsync<PinterestReauthorizationRequiredException>(() => manager.GetAccessTokenAsync(Account, CancellationToken.None).AsTask());

        Assert.Equal(Account, error.AccountId);
    }

    [Fact]
    public async Task Refused_app_credentials_surface_as_they_are_and_do_not_ask_for_reconnecting()
    {
        await SeedExpiringAsync();
        var refused = new PinterestAppCredentialsException("Pinterest refused the app's client credentials: check Pinterest:ClientId and Pinterest:ClientSecret.");
        _refresher.Failure = () => refused;
        var manager = CreateManager();

        var error = await Assert.ThrowsAsync<PinterestAppCredentialsException>(() => manager.GetAccessTokenAsync(Account, CancellationToken.None).AsTask());

        Assert.Same(refused, error);
        Assert.Equal("RT-secret-0", (await _store.Peek(Account))!.RefreshToken);
        Assert.DoesNotContain(_logger.Collector.GetSnapshot(), r => r.Id.Name == "PinterestRefreshTokenRejected");

        // Nothing is remembered against the account: once the secret is fixed, the next call refreshes.
        _refresher.Failure = null;
        Assert.Equal("AT-secret-2", await manager.GetAccessTokenAsync(Account, CancellationToken.None));
    }
}
