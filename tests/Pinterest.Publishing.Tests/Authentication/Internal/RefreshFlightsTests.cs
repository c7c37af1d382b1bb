using Microsoft.Extensions.Logging.Abstractions;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Authentication.Internal;
using Pinterest.Publishing.Coordination;
using Pinterest.Publishing.Coordination.Internal;

namespace Pinterest.Publishing.Tests.Authentication.Internal;

/// <summary>One refresh per account at a time, shared by its waiters, each waiting under its own cancellation token.</summary>
public sealed class RefreshFlightsTests
{
    private const string Account = "acct-1";

    private readonly InProcessAccountCoordinator _coordinator = new(TimeProvider.System);
    private readonly RefreshFlights _flights;
    private int _started;

    public RefreshFlightsTests() => _flights = new RefreshFlights(_coordinator, NullLogger.Instance);

    private static PinterestToken Token(string access) => new() { AccessToken = access, ExpiresAt = DateTimeOffset.UnixEpoch };

    /// <summary>A flight that counts its starts and answers when <paramref name="gate"/> completes.</summary>
    private Func<Task<PinterestToken>> Flight(Task<PinterestToken> gate) => () =>
    {
        Interlocked.Increment(ref _started);
        return gate;
    };

    [Fact]
    public async Task Concurrent_joins_for_one_account_share_one_flight()
    {
        var answer = new TaskCompletionSource<PinterestToken>(TaskCreationOptions.RunContinuationsAsynchronously);

        var waiters = Enumerable.Range(0, 20).Select(_ => _flights.JoinAsync(Account, Flight(answer.Task), CancellationToken.None)).ToArray();
        answer.SetResult(Token("AT-1"));
        var tokens = await Task.WhenAll(waiters);

        Assert.Equal(1, _started);
        Assert.All(tokens, t => Assert.Same(tokens[0], t));
    }

    [Fact]
    public async Task A_cancelled_waiter_stops_waiting_without_cancelling_the_flight_the_others_share()
    {
        var answer = new TaskCompletionSource<PinterestToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cts = new CancellationTokenSource();

        // The cancelled waiter is the one that started the flight.
        var first = _flights.JoinAsync(Account, Flight(answer.Task), cts.Token);
        var second = _flights.JoinAsync(Account, Flight(answer.Task), CancellationToken.None);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.False(second.IsCompleted);
        answer.SetResult(Token("AT-1"));
        Assert.Equal("AT-1", (await second).AccessToken);
        Assert.Equal(1, _started);
    }

    [Fact]
    public async Task An_already_cancelled_caller_starts_no_flight()
    {
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _flights.JoinAsync(Account, Flight(Task.FromResult(Token("AT-1"))), new CancellationToken(canceled: true)));

        Assert.Equal(0, _started);
    }

    [Fact]
    public async Task A_finished_flight_is_forgotten_so_that_after_a_failure_the_next_join_starts_another()
    {
        var failure = new HttpRequestException("connection refused");
        await Assert.ThrowsAsync<HttpRequestException>(() => _flights.JoinAsync(Account, Flight(Task.FromException<PinterestToken>(failure)), CancellationToken.None));

        var token = await _flights.JoinAsync(Account, Flight(Task.FromResult(Token("AT-2"))), CancellationToken.None);

        Assert.Equal("AT-2", token.AccessToken);
        Assert.Equal(2, _started);
    }

    [Fact]
    public async Task Flights_of_different_accounts_do_not_wait_for_each_other()
    {
        var held = new TaskCompletionSource<PinterestToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocked = _flights.JoinAsync(Account, Flight(held.Task), CancellationToken.None);

        var other = await _flights.JoinAsync("acct-2", Flight(Task.FromResult(Token("AT-b"))), CancellationToken.None);

        Assert.Equal("AT-b", other.AccessToken);
        Assert.False(blocked.IsCompleted);
        held.SetResult(Token("AT-a"));
        Assert.Equal("AT-a", (await blocked).AccessToken);
    }

    [Fact]
    public async Task The_flight_never_runs_on_the_synchronization_context_of_the_caller_that_started_it()
    {
        var callerContext = new SynchronizationContext();
        SynchronizationContext? flightContext = callerContext;
        Task<PinterestToken> joined;
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(callerContext);
        try
        {
            joined = _flights.JoinAsync(
                Account,
                () =>
                {
                    flightContext = SynchronizationContext.Current;
                    return Task.FromResult(Token("AT-1"));
                },
                CancellationToken.None);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        await joined;
        Assert.Null(flightContext);
    }

    [Fact]
    public async Task The_flight_starts_only_once_the_accounts_refresh_lock_is_free_and_holds_it_while_it_runs()
    {
        // Another instance sharing the coordinator is refreshing the account.
        var elsewhere = await _coordinator.AcquireRefreshLockAsync(Account);
        var answer = new TaskCompletionSource<PinterestToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Func<Task<PinterestToken>> flight = () =>
        {
            Interlocked.Increment(ref _started);
            started.TrySetResult();
            return answer.Task;
        };
        using var cts = new CancellationTokenSource();
        var cancelled = _flights.JoinAsync(Account, flight, cts.Token);
        var waiting = _flights.JoinAsync(Account, flight, CancellationToken.None);

        // A waiter giving up while the flight waits for the lock ends only its own wait.
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, _started);

        await elsewhere.DisposeAsync();
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var third = _coordinator.AcquireRefreshLockAsync(Account).AsTask();
        Assert.False(third.IsCompleted);

        answer.SetResult(Token("AT-1"));
        Assert.Equal("AT-1", (await waiting).AccessToken);
        await (await third.WaitAsync(TimeSpan.FromSeconds(30))).DisposeAsync();
        Assert.Equal(0, _coordinator.ActiveRefreshLocks);
    }

    [Fact]
    public async Task A_lock_that_fails_to_release_does_not_replace_the_flights_token()
    {
        var flights = new RefreshFlights(new FailingReleaseCoordinator(), NullLogger.Instance);

        var token = await flights.JoinAsync(Account, Flight(Task.FromResult(Token("AT-1"))), CancellationToken.None);

        Assert.Equal("AT-1", token.AccessToken);
    }

    private sealed class FailingReleaseCoordinator : IPinterestAccountCoordinator
    {
        public ValueTask<IAsyncDisposable> AcquireRefreshLockAsync(string accountId, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<IAsyncDisposable>(new FailingRelease());

        public ValueTask<IAsyncDisposable> AcquirePublishSlotAsync(string accountId, int maxConcurrency, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public ValueTask<IReadOnlyList<PinterestAccountCooldown>> GetCooldownsAsync(string accountId, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public ValueTask SetCooldownAsync(PinterestAccountCooldown cooldown, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        private sealed class FailingRelease : IAsyncDisposable
        {
            public ValueTask DisposeAsync() => throw new InvalidOperationException("The database connection is gone.");
        }
    }
}
