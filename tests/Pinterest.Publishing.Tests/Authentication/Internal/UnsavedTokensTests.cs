using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Authentication.Internal;

namespace Pinterest.Publishing.Tests.Authentication.Internal;

/// <summary>Rotated tokens the store could not take: kept, preferred over a spent stored token, written again on schedule.</summary>
public sealed class UnsavedTokensTests
{
    private const string Account = "acct-1";
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMinutes(1);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingTokenStore _store = new(new ConcurrentQueue<string>());
    private readonly FakeLogger _logger = new();
    private readonly UnsavedTokens _unsaved;

    public UnsavedTokensTests() => _unsaved = new UnsavedTokens(_store, _time, RetryInterval, _logger);

    private PinterestToken Token(string access, string refresh) =>
        new() { AccessToken = access, ExpiresAt = _time.GetUtcNow().AddDays(30), RefreshToken = refresh };

    // The store is down for every write of the rotation: AT-1 / RT-1 stays unsaved, RT-0 spent.
    private async Task<PinterestToken> RotateDuringOutageAsync(string spent = "RT-0", string access = "AT-1", string refresh = "RT-1", UnsavedTokens.Entry? previous = null)
    {
        var rotated = Token(access, refresh);
        _store.FailNextStores = UnsavedTokens.MaxStoreAttempts;
        await Assert.ThrowsAsync<IOException>(() => _unsaved.SaveRotatedAsync(Account, rotated, spent, previous, CancellationToken.None));
        return rotated;
    }

    [Fact]
    public async Task A_rotation_the_store_takes_on_a_later_attempt_is_not_kept()
    {
        var rotated = Token("AT-1", "RT-1");
        _store.FailNextStores = UnsavedTokens.MaxStoreAttempts - 1;

        await _unsaved.SaveRotatedAsync(Account, rotated, "RT-0", previous: null, CancellationToken.None);

        Assert.Equal(UnsavedTokens.MaxStoreAttempts, _store.Stores);
        Assert.Equal("RT-1", (await _store.Peek(Account))!.RefreshToken);
        Assert.Null(_unsaved.Find(Account, rotated));
    }

    [Fact]
    public async Task A_rotation_the_store_never_takes_is_kept_and_preferred_while_the_store_holds_the_spent_refresh_token()
    {
        var spentInStore = Token("AT-0", "RT-0");
        var rotated = await RotateDuringOutageAsync();

        Assert.Equal(UnsavedTokens.MaxStoreAttempts, _store.Stores);
        Assert.NotNull(_unsaved.Find(Account, rotated));
        Assert.Same(rotated, _unsaved.Reconcile(Account, spentInStore));
        Assert.Null(_unsaved.Reconcile("acct-2", null));
    }

    [Fact]
    public async Task Any_other_stored_token_or_none_wins_over_the_unsaved_one_which_is_then_dropped()
    {
        var rotated = await RotateDuringOutageAsync();
        var host = Token("AT-host", "RT-host");

        Assert.Same(host, _unsaved.Reconcile(Account, host));
        Assert.Null(_unsaved.Find(Account, rotated));
        Assert.Single(_logger.Collector.GetSnapshot(), r => r.Id.Id == 2009);

        // A store emptied by the host drops it too: afterwards even the spent token is the store's answer.
        await RotateDuringOutageAsync();
        Assert.Null(_unsaved.Reconcile(Account, null));
        var spent = Token("AT-0", "RT-0");
        Assert.Same(spent, _unsaved.Reconcile(Account, spent));
    }

    [Fact]
    public async Task A_second_rotation_during_the_outage_spends_both_refresh_tokens()
    {
        var first = await RotateDuringOutageAsync();
        var second = await RotateDuringOutageAsync(spent: "RT-1", access: "AT-2", refresh: "RT-2", previous: _unsaved.Find(Account, first));

        Assert.Same(second, _unsaved.Reconcile(Account, Token("AT-0", "RT-0")));
        Assert.Same(second, _unsaved.Reconcile(Account, Token("AT-1", "RT-1")));
        Assert.Equal(["RT-0", "RT-1"], _unsaved.Find(Account, second)!.SpentRefreshTokens);
    }

    [Fact]
    public async Task Writing_again_is_due_once_per_retry_interval_and_a_failed_write_waits_another()
    {
        var rotated = await RotateDuringOutageAsync();
        Assert.False(_unsaved.IsWriteDue(Account, rotated));
        Assert.False(_unsaved.IsWriteDue(Account, Token("AT-1", "RT-1")));

        _time.Advance(RetryInterval);
        Assert.True(_unsaved.IsWriteDue(Account, rotated));
        _store.FailNextStores = 1;
        Assert.False(await _unsaved.RetryWriteAsync(Account, _unsaved.Find(Account, rotated)!, CancellationToken.None));
        Assert.False(_unsaved.IsWriteDue(Account, rotated));
        Assert.Single(_logger.Collector.GetSnapshot(), r => r.Id.Id == 2007);

        _time.Advance(RetryInterval);
        Assert.True(await _unsaved.RetryWriteAsync(Account, _unsaved.Find(Account, rotated)!, CancellationToken.None));
        Assert.Equal("RT-1", (await _store.Peek(Account))!.RefreshToken);
        Assert.Null(_unsaved.Find(Account, rotated));
        Assert.Single(_logger.Collector.GetSnapshot(), r => r.Id.Id == 2008);
    }

    [Fact]
    public async Task No_refresh_token_reaches_a_log()
    {
        await RotateDuringOutageAsync();
        _unsaved.Reconcile(Account, Token("AT-host", "RT-host"));

        Assert.NotEmpty(_logger.Collector.GetSnapshot());
        Assert.All(_logger.Collector.GetSnapshot(), r => Assert.DoesNotContain("RT-", r.Message, StringComparison.Ordinal));
        Assert.All(_logger.Collector.GetSnapshot(), r => Assert.DoesNotContain("AT-", r.Message, StringComparison.Ordinal));
    }
}
