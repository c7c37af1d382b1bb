using Pinterest.Publishing.Internal.PublishPath;

namespace Pinterest.Publishing.Tests.Internal.PublishPath;

public class AccountConcurrencyLimiterTests
{
    [Fact]
    public async Task Fourth_caller_of_one_account_waits_until_a_slot_is_released()
    {
        var limiter = new AccountConcurrencyLimiter(3);
        var held = new List<IDisposable>();
        for (var i = 0; i < 3; i++)
        {
            held.Add(await limiter.AcquireAsync("a", CancellationToken.None));
        }

        var fourth = limiter.AcquireAsync("a", CancellationToken.None).AsTask();
        Assert.False(fourth.IsCompleted);

        held[0].Dispose();
        using var slot = await fourth.WaitAsync(TimeSpan.FromSeconds(10));
        held[1].Dispose();
        held[2].Dispose();
    }

    [Fact]
    public async Task A_busy_account_does_not_block_another()
    {
        var limiter = new AccountConcurrencyLimiter(1);
        using var busy = await limiter.AcquireAsync("busy", CancellationToken.None);

        var other = limiter.AcquireAsync("other", CancellationToken.None);

        Assert.True(other.IsCompletedSuccessfully);
        (await other).Dispose();
    }

    [Fact]
    public async Task Gates_are_dropped_when_no_one_holds_or_waits()
    {
        var limiter = new AccountConcurrencyLimiter(2);
        var a = await limiter.AcquireAsync("a", CancellationToken.None);
        var b = await limiter.AcquireAsync("b", CancellationToken.None);
        Assert.Equal(2, limiter.ActiveAccounts);

        a.Dispose();
        a.Dispose(); // a second dispose must not release a slot twice
        b.Dispose();

        Assert.Equal(0, limiter.ActiveAccounts);
    }

    [Fact]
    public async Task Cancelled_waiter_leaves_without_taking_a_slot()
    {
        var limiter = new AccountConcurrencyLimiter(1);
        var held = await limiter.AcquireAsync("a", CancellationToken.None);
        using var cts = new CancellationTokenSource();
        var waiter = limiter.AcquireAsync("a", cts.Token).AsTask();

        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiter);
        held.Dispose();
        Assert.Equal(0, limiter.ActiveAccounts);
        using var again = await limiter.AcquireAsync("a", CancellationToken.None);
    }

    [Fact]
    public async Task Never_more_than_the_limit_in_flight_under_contention()
    {
        var limiter = new AccountConcurrencyLimiter(3);
        var inFlight = 0;
        var maxInFlight = 0;
        var tasks = Enumerable.Range(0, 50).Select(async _ =>
        {
            using var slot = await limiter.AcquireAsync("a", CancellationToken.None);
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref maxInFlight, now);
            await Task.Yield();
            Interlocked.Decrement(ref inFlight);
        });

        await Task.WhenAll(tasks);

        Assert.InRange(maxInFlight, 1, 3);
        Assert.Equal(0, limiter.ActiveAccounts);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
