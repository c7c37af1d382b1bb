using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Authentication.Internal;
using Pinterest.Publishing.Diagnostics.Internal;
using Pinterest.Publishing.Internal.PublishPath;

namespace Pinterest.Publishing.Tests.Authentication.Internal;

public sealed class PinterestTokenManagerTests : IDisposable
{
    private const string Account = "acct-1";
    private const string OldAccess = "AT-secret-0";
    private const string OldRefresh = "RT-secret-0";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly ConcurrentQueue<string> _events = new();
    private readonly RecordingTokenStore _store;
    private readonly FakeTokenRefresher _refresher;
    private readonly FakeLogger _logger = new();
    private readonly PinterestTelemetry _telemetry = new();
    private readonly MetricCollector<long> _refreshes;

    public PinterestTokenManagerTests()
    {
        _store = new RecordingTokenStore(_events);
        _refresher = new FakeTokenRefresher(_time, _events);
        _refreshes = new MetricCollector<long>(_telemetry.TokenRefreshes);
    }

    public void Dispose()
    {
        _refreshes.Dispose();
        _telemetry.Dispose();
    }

    private PinterestTokenManager CreateManager(TimeSpan? margin = null) =>
        new(_store, _refresher, _time, margin ?? PinterestTokenManager.DefaultRefreshMargin, _logger, _telemetry);

    private Task SeedAsync(TimeSpan expiresIn, string? refreshToken = OldRefresh, string access = OldAccess) =>
        _store.Seed(Account, new PinterestToken
        {
            AccessToken = access,
            ExpiresAt = _time.GetUtcNow() + expiresIn,
            RefreshToken = refreshToken,
            RefreshTokenExpiresAt = refreshToken is null ? null : _time.GetUtcNow().AddDays(50),
            Scope = "boards:read",
        });

    private void AssertNoSecretsLogged()
    {
        foreach (var record in _logger.Collector.GetSnapshot())
        {
            Assert.DoesNotContain("secret", record.Message, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_rotated_token_whose_first_writes_fail_is_stored_on_a_later_attempt()
    {
        await SeedAsync(TimeSpan.FromMinutes(1));
        _store.FailNextStores = 2;
        var manager = CreateManager();

        var token = await manager.GetAccessTokenAsync(Account, CancellationToken.None);

        Assert.NotEqual(OldAccess, token);
        Assert.Equal(1, _refresher.Calls);
        var stored = await _store.Peek(Account);
        Assert.Equal(token, stored!.AccessToken);
        Assert.NotEqual(OldRefresh, stored.RefreshToken);
    }

    [Fact]
    public async Task When_the_store_stays_down_the_rotated_token_is_kept_in_memory_instead_of_refreshing_with_the_spent_one()
    {
        await SeedAsync(TimeSpan.FromMinutes(1));
        _store.FailNextStores = 3;
        var manager = CreateManager();

        await Assert.ThrowsAsync<IOException>(() => manager.GetAccessTokenAsync(Account, CancellationToken.None).AsTask());
        var token = await manager.GetAccessTokenAsync(Account, CancellationToken.None);

        Assert.NotEqual(OldAccess, token);
        Assert.Equal(1, _refresher.Calls);
    }

    [Fact]
    public async Task Token_not_expiring_is_returned_without_refresh()
    {
        await SeedAsync(TimeSpan.FromDays(10));
        var manager = CreateManager();

        var token = await manager.GetAccessTokenAsync(Account, CancellationToken.None);

        Assert.Equal(OldAccess, token);
        Assert.Equal(0, _refresher.Calls);
        Assert.Equal(0, _store.Stores);
        Assert.Empty(_refreshes.GetMeasurementSnapshot());
    }

    [Theory]
    [InlineData(6, false)]
    [InlineData(5.01, false)]
    [InlineData(5, true)]
    [InlineData(4, true)]
    [InlineData(0, true)]
    [InlineData(-60, true)]
    public async Task Token_is_refreshed_only_within_the_default_margin(double minutesLeft, bool refreshed)
    {
        await SeedAsync(TimeSpan.FromMinutes(minutesLeft));
        var manager = CreateManager();

        var token = await manager.GetAccessTokenAsync(Account, CancellationToken.None);

        Assert.Equal(refreshed ? "AT-secret-1" : OldAccess, token);
        Assert.Equal(refreshed ? 1 : 0, _refresher.Calls);
    }

    [Fact]
    public async Task Margin_follows_the_time_provider_and_the_configured_margin()
    {
        await SeedAsync(TimeSpan.FromMinutes(90));
        var manager = CreateManager(TimeSpan.FromHours(1));

        Assert.Equal(OldAccess, await manager.GetAccessTokenAsync(Account, CancellationToken.None));
        _time.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal("AT-secret-1", await manager.GetAccessTokenAsync(Account, CancellationToken.None));
        Assert.Equal(1, _refresher.Calls);
    }

    [Fact]
    public async Task Refresh_sends_the_stored_refresh_token_and_stores_the_rotated_one()
    {
        await SeedAsync(TimeSpan.FromMinutes(1));
        var manager = CreateManager();

        var token = await manager.GetAccessTokenAsync(Account, CancellationToken.None);

        Assert.Equal("AT-secret-1", token);
        Assert.Equal([OldRefresh], _refresher.ReceivedRefreshTokens);
        var stored = await _store.Peek(Account);
        Assert.NotNull(stored);
        Assert.Equal("AT-secret-1", stored.AccessToken);
        Assert.Equal("RT-secret-1", stored.RefreshToken);
        Assert.Equal(_time.GetUtcNow().AddDays(60), stored.RefreshTokenExpiresAt);

        // The next call uses the stored token: no second refresh.
        Assert.Equal("AT-secret-1", await manager.GetAccessTokenAsync(Account, CancellationToken.None));
        Assert.Equal(1, _refresher.Calls);

        var measurement = Assert.Single(_refreshes.GetMeasurementSnapshot());
        Assert.Equal(1, measurement.Value);
        Assert.Equal("success", measurement.Tags["result"]);

        var ids = _logger.Collector.GetSnapshot().Select(r => r.Id.Id).ToArray();
        Assert.Contains(2001, ids);
        Assert.Contains(2002, ids);
        Assert.All(_logger.Collector.GetSnapshot(), r => Assert.Contains(Account, r.Message, StringComparison.Ordinal));
        AssertNoSecretsLogged();
    }

    [Fact]
    public async Task Hundred_concurrent_callers_on_an_expired_token_make_exactly_one_refresh()
    {
        await SeedAsync(TimeSpan.FromMinutes(-1));
        _refresher.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var manager = CreateManager();

        var callers = Enumerable.Range(0, 100).Select(_ => manager.GetAccessTokenAsync(Account, CancellationToken.None).AsTask()).ToArray();
        await _refresher.CallStarted.Task;

        // Every caller is waiting on the one refresh held at the gate.
        Assert.All(callers, c => Assert.False(c.IsCompleted));
        _refresher.Gate.SetResult();
        var tokens = await Task.WhenAll(callers);

        Assert.All(tokens, t => Assert.Equal("AT-secret-1", t));
        Assert.Equal(1, _refresher.Calls);
        Assert.Equal(1, _store.Stores);
        Assert.Equal(1, Assert.Single(_refreshes.GetMeasurementSnapshot()).Value);
    }

    [Fact]
    public async Task Callers_racing_on_thread_pool_threads_make_exactly_one_refresh()
    {
        await SeedAsync(TimeSpan.FromMinutes(-1));
        var manager = CreateManager();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Reads yield so callers interleave with the flight and with each other.
        _store.BeforeGet = async _ => await Task.Yield();
        var callers = Enumerable.Range(0, 100)
            .Select(_ => Task.Run(async () =>
            {
                await start.Task;
                return await manager.GetAccessTokenAsync(Account, CancellationToken.None);
            }))
            .ToArray();
        start.SetResult();
        var tokens = await Task.WhenAll(callers);

        Assert.All(tokens, t => Assert.Equal("AT-secret-1", t));
        Assert.Equal(1, _refresher.Calls);
    }

    [Fact]
    public async Task Rotated_token_is_stored_before_the_new_access_token_is_returned()
    {
        await SeedAsync(TimeSpan.FromMinutes(-1));
        _store.StoreGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var manager = CreateManager();

        var caller = manager.GetAccessTokenAsync(Account, CancellationToken.None).AsTask();
        var storing = await _store.StoreStarted.Task;

        Assert.Equal("RT-secret-1", storing.RefreshToken);
        Assert.False(caller.IsCompleted);

        _store.StoreGate.SetResult();
        var token = await caller;
        _events.Enqueue($"returned:{token}");

        Assert.Equal(
            [$"refresh:{OldRefresh}", "store:AT-secret-1:RT-secret-1", "returned:AT-secret-1"],
            _events.ToArray());
    }

    [Fact]
    public async Task Answer_without_refresh_token_keeps_the_stored_refresh_token_and_its_expiry()
    {
        await SeedAsync(TimeSpan.FromMinutes(-1));
        var before = await _store.Peek(Account);
        _refresher.Answer = _ => new PinterestToken { AccessToken = "AT-secret-new", ExpiresAt = _time.GetUtcNow().AddDays(30) };
        var manager = CreateManager();

        var token = await manager.GetAccessTokenAsync(Account, CancellationToken.None);

        Assert.Equal("AT-secret-new", token);
        var stored = await _store.Peek(Account);
        Assert.NotNull(stored);
        Assert.Equal("AT-secret-new", stored.AccessToken);
        Assert.Equal(_time.GetUtcNow().AddDays(30), stored.ExpiresAt);
        Assert.Equal(OldRefresh, stored.RefreshToken);
        Assert.Equal(before!.RefreshTokenExpiresAt, stored.RefreshTokenExpiresAt);
        Assert.Equal("boards:read", stored.Scope);
    }

    [Fact]
    public async Task Cancelling_one_waiter_does_not_cancel_the_refresh_for_the_others()
    {
        await SeedAsync(TimeSpan.FromMinutes(-1));
        _refresher.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var manager = CreateManager();
        using var cts = new CancellationTokenSource();

        // The cancelled caller is the one that started the flight.
        var first = manager.GetAccessTokenAsync(Account, cts.Token).AsTask();
        var second = manager.GetAccessTokenAsync(Account, CancellationToken.None).AsTask();
        await _refresher.CallStarted.Task;

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.False(second.IsCompleted);
        Assert.False(Assert.Single(_refresher.ReceivedCancellationTokens).IsCancellationRequested);

        _refresher.Gate.SetResult();
        Assert.Equal("AT-secret-1", await second);
        Assert.Equal(1, _refresher.Calls);
        Assert.Equal("RT-secret-1", (await _store.Peek(Account))!.RefreshToken);
    }

    [Fact]
    public async Task Refresh_abandoned_by_its_only_caller_still_completes_and_is_stored()
    {
        await SeedAsync(TimeSpan.FromMinutes(-1));
        _refresher.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var manager = CreateManager();
        using var cts = new CancellationTokenSource();

        var only = manager.GetAccessTokenAsync(Account, cts.Token).AsTask();
        await _refresher.CallStarted.Task;
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => only);

        _refresher.Gate.SetResult();
        await _store.StoreCompleted.Task;

        Assert.Equal("AT-secret-1", await manager.GetAccessTokenAsync(Account, CancellationToken.None));
        Assert.Equal(1, _refresher.Calls);
    }

    [Fact]
    public async Task Already_cancelled_caller_throws_without_refreshing()
    {
        await SeedAsync(TimeSpan.FromMinutes(-1));
        var manager = CreateManager();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => manager.GetAccessTokenAsync(Account, new CancellationToken(true)).AsTask());
        Assert.Equal(0, _refresher.Calls);
    }

    [Fact]
    public async Task Failed_refresh_fails_every_waiter_and_the_next_call_tries_again()
    {
        await SeedAsync(TimeSpan.FromMinutes(-1));
        _refresher.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Refused connections: surely not processed, so the next call may refresh at once (see RefreshFailureTests for
        // failures that may have been processed).
        _refresher.Failure = () => new HttpRequestException(HttpRequestError.ConnectionError, "connection refused");
        var manager = CreateManager();

        var callers = Enumerable.Range(0, 20).Select(_ => manager.GetAccessTokenAsync(Account, CancellationToken.None).AsTask()).ToArray();
        await _refresher.CallStarted.Task;
        _refresher.Gate.SetResult();

        var failures = new List<HttpRequestException>();
        foreach (var caller in callers)
        {
            failures.Add(await Assert.ThrowsAsync<HttpRequestException>(() => caller));
        }

        Assert.All(failures, f => Assert.Same(failures[0], f));
        Assert.Equal(1, _refresher.Calls);
        Assert.Equal(0, _store.Stores);
        Assert.Equal(OldRefresh, (await _store.Peek(Account))!.RefreshToken);

        _refresher.Failure = null;
        Assert.Equal("AT-secret-2", await manager.GetAccessTokenAsync(Account, CancellationToken.None));
        Assert.Equal(2, _refresher.Calls);

        var results = _refreshes.GetMeasurementSnapshot().Select(m => m.Tags["result"] as string ?? "").ToArray();
        Assert.Equal(["failure", "success"], results);
        Assert.Contains(_logger.Collector.GetSnapshot(), r => r.Id.Id == 2003 && r.Exception is HttpRequestException);
        AssertNoSecretsLogged();
    }

    [Fact]
    public async Task Rejected_refresh_token_requires_reauthorization()
    {
        await SeedAsync(TimeSpan.FromMinutes(-1));
        _refresher.Failure = () => new PinterestReauthorizationRequiredException("Pinterest answered invalid_grant.");
        var manager = CreateManager();

        var ex = await Assert.ThrowsAsync<PinterestReauthorizationRequiredException>(() => manager.GetAccessTokenAsync(Account, CancellationToken.None).AsTask());

        Assert.Equal(Account, ex.AccountId);
        Assert.Contains("again", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secret", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.IsType<PinterestReauthorizationRequiredException>(ex.InnerException);
        Assert.Equal(0, _store.Stores);
        Assert.Equal("reauthorization_required", Assert.Single(_refreshes.GetMeasurementSnapshot()).Tags["result"]);
        Assert.Contains(_logger.Collector.GetSnapshot(), r => r.Id.Id == 2004);
        AssertNoSecretsLogged();
    }

    [Fact]
    public async Task Reauthorization_exception_that_names_the_account_is_passed_through()
    {
        await SeedAsync(TimeSpan.FromMinutes(-1));
        var original = new PinterestReauthorizationRequiredException("rejected", Account);
        _refresher.Failure = () => original;
        var manager = CreateManager();

        var ex = await Assert.ThrowsAsync<PinterestReauthorizationRequiredException>(() => manager.GetAccessTokenAsync(Account, CancellationToken.None).AsTask());
        Assert.Same(original, ex);
    }

    [Fact]
    public async Task No_stored_token_requires_reauthorization()
    {
        var manager = CreateManager();

        var ex = await Assert.ThrowsAsync<PinterestReauthorizationRequiredException>(() => manager.GetAccessTokenAsync(Account, CancellationToken.None).AsTask());
        var ex401 = await Assert.ThrowsAsync<PinterestReauthorizationRequiredException>(() => manager.RefreshAfterUnauthorizedAsync(Account, OldAccess, CancellationToken.None).AsTask());

        Assert.Equal(Account, ex.AccountId);
        Assert.Equal(Account, ex401.AccountId);
        Assert.Contains("connect", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, _refresher.Calls);
    }

    [Fact]
    public async Task Expired_token_without_refresh_token_requires_reauthorization()
    {
        await SeedAsync(TimeSpan.FromMinutes(-1), refreshToken: null);
        var manager = CreateManager();

        var ex = await Assert.ThrowsAsync<PinterestReauthorizationRequiredException>(() => manager.GetAccessTokenAsync(Account, CancellationToken.None).AsTask());

        Assert.Equal(Account, ex.AccountId);
        Assert.DoesNotContain("secret", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, _refresher.Calls);
    }

    [Fact]
    public async Task Token_within_margin_without_refresh_token_is_used_until_it_expires()
    {
        await SeedAsync(TimeSpan.FromMinutes(2), refreshToken: null);
        var manager = CreateManager();

        Assert.Equal(OldAccess, await manager.GetAccessTokenAsync(Account, CancellationToken.None));
        _time.Advance(TimeSpan.FromMinutes(2));
        await Assert.ThrowsAsync<PinterestReauthorizationRequiredException>(() => manager.GetAccessTokenAsync(Account, CancellationToken.None).AsTask());
        Assert.Equal(0, _refresher.Calls);
    }

    [Fact]
    public async Task Token_rotated_by_another_instance_before_the_flight_is_used_without_refresh()
    {
        await SeedAsync(TimeSpan.FromMinutes(-1));
        var manager = CreateManager();

        // The caller reads the expired token; before the flight re-reads, another instance stores a rotated one.
        _store.BeforeGet = n => n == 2
            ? _store.Seed(Account, new PinterestToken { AccessToken = "AT-secret-other", ExpiresAt = _time.GetUtcNow().AddDays(30), RefreshToken = "RT-secret-other" })
            : Task.CompletedTask;

        Assert.Equal("AT-secret-other", await manager.GetAccessTokenAsync(Account, CancellationToken.None));
        Assert.Equal(0, _refresher.Calls);
        Assert.Equal(0, _store.Stores);
    }

    [Fact]
    public async Task Unauthorized_with_a_stale_token_returns_the_newer_stored_token_without_refresh()
    {
        await SeedAsync(TimeSpan.FromDays(20), access: "AT-secret-newer");
        var manager = CreateManager();

        var token = await manager.RefreshAfterUnauthorizedAsync(Account, "AT-secret-older", CancellationToken.None);

        Assert.Equal("AT-secret-newer", token);
        Assert.Equal(0, _refresher.Calls);
    }

    [Fact]
    public async Task Unauthorized_with_the_current_token_refreshes_even_before_expiry()
    {
        await SeedAsync(TimeSpan.FromDays(20));
        var manager = CreateManager();

        var token = await manager.RefreshAfterUnauthorizedAsync(Account, OldAccess, CancellationToken.None);

        Assert.Equal("AT-secret-1", token);
        Assert.Equal(1, _refresher.Calls);
        Assert.Equal("RT-secret-1", (await _store.Peek(Account))!.RefreshToken);

        // A late 401 for the old token finds the refreshed one and does not refresh again.
        Assert.Equal("AT-secret-1", await manager.RefreshAfterUnauthorizedAsync(Account, OldAccess, CancellationToken.None));
        Assert.Equal(1, _refresher.Calls);
    }

    [Fact]
    public async Task Concurrent_unauthorized_callers_share_one_refresh()
    {
        await SeedAsync(TimeSpan.FromDays(20));
        _refresher.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var manager = CreateManager();

        var callers = Enumerable.Range(0, 50)
            .Select(i => i % 2 == 0
                ? manager.RefreshAfterUnauthorizedAsync(Account, OldAccess, CancellationToken.None).AsTask()
                : manager.GetAccessTokenAsync(Account, CancellationToken.None).AsTask())
            .ToArray();
        await _refresher.CallStarted.Task;
        _refresher.Gate.SetResult();
        var tokens = await Task.WhenAll(callers);

        // Callers that did not see a 401 got the still-valid token; the others the refreshed one.
        Assert.All(tokens.Where((_, i) => i % 2 == 0), t => Assert.Equal("AT-secret-1", t));
        Assert.All(tokens.Where((_, i) => i % 2 == 1), t => Assert.Equal(OldAccess, t));
        Assert.Equal(1, _refresher.Calls);
    }

    [Fact]
    public async Task Unauthorized_joining_an_expiry_flight_that_returns_the_rejected_token_refreshes_again()
    {
        // An expiring token starts a flight; while the flight reads the store, another instance stores a token that
        // Pinterest then rejects: the 401 caller must not get that token back.
        await SeedAsync(TimeSpan.FromMinutes(-1));
        var manager = CreateManager();
        var rotatedElsewhere = new PinterestToken { AccessToken = "AT-secret-revoked", ExpiresAt = _time.GetUtcNow().AddDays(30), RefreshToken = "RT-secret-other" };
        _store.BeforeGet = n => n == 2 ? _store.Seed(Account, rotatedElsewhere) : Task.CompletedTask;
        Assert.Equal("AT-secret-revoked", await manager.GetAccessTokenAsync(Account, CancellationToken.None));

        var token = await manager.RefreshAfterUnauthorizedAsync(Account, "AT-secret-revoked", CancellationToken.None);

        Assert.Equal("AT-secret-1", token);
        Assert.Equal(["RT-secret-other"], _refresher.ReceivedRefreshTokens);
    }

    [Fact]
    public async Task Unauthorized_when_the_refresh_gives_back_the_rejected_token_requires_reauthorization()
    {
        await SeedAsync(TimeSpan.FromDays(20));
        _refresher.Answer = _ => new PinterestToken { AccessToken = OldAccess, ExpiresAt = _time.GetUtcNow().AddDays(30), RefreshToken = OldRefresh };
        var manager = CreateManager();

        // The second refresh runs a second later (Pinterest answers the same token to refreshes in quick succession).
        var refreshing = manager.RefreshAfterUnauthorizedAsync(Account, OldAccess, CancellationToken.None).AsTask();
        for (var i = 0; i < 1000 && !refreshing.IsCompleted; i++)
        {
            await Task.Delay(1);
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }

        var ex = await Assert.ThrowsAsync<PinterestReauthorizationRequiredException>(() => refreshing.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(Account, ex.AccountId);
        Assert.DoesNotContain("secret", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, _refresher.Calls);
    }

    [Fact]
    public async Task Unauthorized_without_refresh_token_requires_reauthorization()
    {
        await SeedAsync(TimeSpan.FromDays(20), refreshToken: null);
        var manager = CreateManager();

        var ex = await Assert.ThrowsAsync<PinterestReauthorizationRequiredException>(() => manager.RefreshAfterUnauthorizedAsync(Account, OldAccess, CancellationToken.None).AsTask());

        Assert.Equal(Account, ex.AccountId);
        Assert.Equal(0, _refresher.Calls);
    }

    [Fact]
    public async Task Refreshes_of_different_accounts_do_not_wait_for_each_other()
    {
        await SeedAsync(TimeSpan.FromMinutes(-1));
        await _store.Seed("acct-2", new PinterestToken { AccessToken = "AT-secret-b", ExpiresAt = _time.GetUtcNow().AddMinutes(-1), RefreshToken = "RT-secret-b" });
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocking = new FakeTokenRefresher(_time) { Gate = gate };
        var manager = new PinterestTokenManager(_store, new RoutingRefresher(blocking, _refresher), _time, PinterestTokenManager.DefaultRefreshMargin, _logger, _telemetry);

        var blocked = manager.GetAccessTokenAsync(Account, CancellationToken.None).AsTask();
        await blocking.CallStarted.Task;
        var other = await manager.GetAccessTokenAsync("acct-2", CancellationToken.None);

        Assert.Equal("AT-secret-1", other);
        Assert.False(blocked.IsCompleted);
        gate.SetResult();
        Assert.Equal("AT-secret-1", await blocked);
    }

    [Fact]
    public async Task Refresh_runs_in_an_activity_tagged_with_the_account()
    {
        const string ActivityAccount = "acct-activity";
        await _store.Seed(ActivityAccount, new PinterestToken { AccessToken = OldAccess, ExpiresAt = _time.GetUtcNow(), RefreshToken = OldRefresh });
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PinterestTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (a.GetTagItem("pinterest.account.id") as string == ActivityAccount)
                {
                    stopped.Enqueue(a);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        await CreateManager().GetAccessTokenAsync(ActivityAccount, CancellationToken.None);

        var activity = Assert.Single(stopped);
        Assert.Equal("pinterest.token.refresh", activity.OperationName);
        Assert.NotEqual(ActivityStatusCode.Error, activity.Status);
    }

    [Fact]
    public async Task Constructor_the_api_layer_calls_works_without_telemetry()
    {
        await SeedAsync(TimeSpan.FromMinutes(-1));
        var manager = new PinterestTokenManager(_store, _refresher, _time, TimeSpan.FromMinutes(5), NullLogger.Instance, PinterestTelemetry.Shared);

        Assert.Equal("AT-secret-1", await manager.GetAccessTokenAsync(Account, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => manager.GetAccessTokenAsync("", CancellationToken.None).AsTask());
        Assert.Throws<ArgumentOutOfRangeException>(() => new PinterestTokenManager(_store, _refresher, _time, TimeSpan.FromMinutes(-1), NullLogger.Instance, PinterestTelemetry.Shared));
    }

    /// <summary>Sends the first account's refresh token to one refresher and every other to another.</summary>
    private sealed class RoutingRefresher(IPinterestTokenRefresher forOldRefresh, IPinterestTokenRefresher others) : IPinterestTokenRefresher
    {
        public Task<PinterestToken> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
            refreshToken == OldRefresh ? forOldRefresh.RefreshAsync(refreshToken, cancellationToken) : others.RefreshAsync(refreshToken, cancellationToken);
    }
}
