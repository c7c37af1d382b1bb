using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Authentication.Internal;
using Pinterest.Publishing.Diagnostics.Internal;

namespace Pinterest.Publishing.Tests.Authentication.Internal;

/// <summary>
/// "Doing refreshes too quickly can result in the same access_token being generated" (pinterest/api-quickstart,
/// refresh_example.py): a refresh after a 401 that answers the very token Pinterest rejected is not, by itself, a sign that
/// the account cannot be renewed.
/// </summary>
public sealed class SameAccessTokenRefreshTests
{
    private const string Account = "acct-1";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingTokenStore _store;
    private readonly FakeTokenRefresher _refresher;
    private readonly ConcurrentQueue<DateTimeOffset> _refreshedAt = new();

    public SameAccessTokenRefreshTests()
    {
        var events = new ConcurrentQueue<string>();
        _store = new RecordingTokenStore(events);
        _refresher = new FakeTokenRefresher(_time, events);
    }

    private PinterestTokenManager CreateManager() =>
        new(_store, _refresher, _time, PinterestTokenManager.DefaultRefreshMargin, NullLogger.Instance, PinterestTelemetry.Shared);

    private Task SeedAsync(string access, TimeSpan expiresIn) =>
        _store.Seed(Account, new PinterestToken { AccessToken = access, ExpiresAt = _time.GetUtcNow() + expiresIn, RefreshToken = "RT-secret-0", RefreshTokenExpiresAt = _time.GetUtcNow().AddDays(50) });

    /// <summary>Call n answers <paramref name="access"/>(n), each with a new refresh token, and records when it ran.</summary>
    private void Answer(Func<int, string> access) => _refresher.Answer = n =>
    {
        _refreshedAt.Enqueue(_time.GetUtcNow());
        return new PinterestToken { AccessToken = access(n), ExpiresAt = _time.GetUtcNow().AddDays(30), RefreshToken = $"RT-secret-{n}", RefreshTokenExpiresAt = _time.GetUtcNow().AddDays(60) };
    };

    [Fact]
    public async Task A_refresh_answering_the_rejected_token_this_process_got_seconds_ago_counts_as_renewed()
    {
        await SeedAsync("AT-secret-0", TimeSpan.FromMinutes(-1));
        Answer(n => "AT-secret-1");
        var manager = CreateManager();
        Assert.Equal("AT-secret-1", await manager.GetAccessTokenAsync(Account, CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(2));

        var token = await manager.RefreshAfterUnauthorizedAsync(Account, "AT-secret-1", CancellationToken.None);

        Assert.Equal("AT-secret-1", token);
        Assert.Equal(2, _refresher.Calls);
        Assert.Equal("RT-secret-2", (await _store.Peek(Account))!.RefreshToken);
    }

    [Fact]
    public async Task A_refresh_answering_an_older_rejected_token_is_tried_once_more_a_second_later()
    {
        await SeedAsync("AT-secret-0", TimeSpan.FromDays(20));
        Answer(n => n == 1 ? "AT-secret-0" : "AT-secret-new");
        var manager = CreateManager();

        var token = await DriveAsync(manager.RefreshAfterUnauthorizedAsync(Account, "AT-secret-0", CancellationToken.None).AsTask());

        Assert.Equal("AT-secret-new", token);
        Assert.Equal(["RT-secret-0", "RT-secret-1"], _refresher.ReceivedRefreshTokens);
        var times = _refreshedAt.ToArray();
        Assert.True(times[1] - times[0] >= TimeSpan.FromSeconds(1), $"The second refresh ran {times[1] - times[0]} after the first.");
        Assert.Equal("RT-secret-2", (await _store.Peek(Account))!.RefreshToken);
    }

    [Fact]
    public async Task A_refresh_that_keeps_answering_the_rejected_token_requires_reauthorization_after_one_more_try()
    {
        await SeedAsync("AT-secret-0", TimeSpan.FromDays(20));
        Answer(_ => "AT-secret-0");
        var manager = CreateManager();

        var error = await Assert.ThrowsAsync<PinterestReauthorizationRequiredException>(() => DriveAsync(manager.RefreshAfterUnauthorizedAsync(Account, "AT-secret-0", CancellationToken.None).AsTask()));

        Assert.Equal(Account, error.AccountId);
        Assert.DoesNotContain("secret", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, _refresher.Calls);
    }

    /// <summary>Advances the fake clock in small steps until <paramref name="task"/> completes (bounded).</summary>
    private async Task<T> DriveAsync<T>(Task<T> task)
    {
        for (var i = 0; i < 1000 && !task.IsCompleted; i++)
        {
            await Task.Delay(1);
            if (!task.IsCompleted)
            {
                _time.Advance(TimeSpan.FromMilliseconds(100));
            }
        }

        return await task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Issue_times_older_than_their_window_are_dropped_at_the_next_refresh()
    {
        var manager = CreateManager();
        foreach (var account in new[] { "acct-a", "acct-b" })
        {
            await _store.Seed(account, new PinterestToken { AccessToken = $"AT-{account}", ExpiresAt = _time.GetUtcNow().AddMinutes(-1), RefreshToken = $"RT-{account}" });
            await manager.GetAccessTokenAsync(account, CancellationToken.None);
        }

        Assert.Equal(2, manager.IssuedCount);

        _time.Advance(PinterestTokenManager.SameTokenRenewedWindow + TimeSpan.FromSeconds(1));
        await _store.Seed("acct-c", new PinterestToken { AccessToken = "AT-acct-c", ExpiresAt = _time.GetUtcNow().AddMinutes(-1), RefreshToken = "RT-acct-c" });
        await manager.GetAccessTokenAsync("acct-c", CancellationToken.None);

        Assert.Equal(1, manager.IssuedCount);
    }
}
