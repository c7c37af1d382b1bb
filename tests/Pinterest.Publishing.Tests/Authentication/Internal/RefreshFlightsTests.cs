using Microsoft.Extensions.Logging.Abstractions;
using Pinterest.Publishing.Coordination.Internal;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Authentication.Internal;

namespace Pinterest.Publishing.Tests.Authentication.Internal;

/// <summary>One refresh per account at a time, shared by its waiters, each waiting under its own cancellation token.</summary>
public sealed class RefreshFlightsTests
{
    private const string Account = "acct-1";

    private readonly RefreshFlights _flights = new(new InProcessAccountCoordinator(TimeProvider.System), NullLogger.Instance);
    private int _started;

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
}
