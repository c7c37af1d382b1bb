using Microsoft.Extensions.Time.Testing;
using Pinterest.Publishing.Coordination;
using Pinterest.Publishing.Coordination.Internal;

namespace Pinterest.Publishing.Tests.Coordination.Internal;

/// <summary>
/// The in-process coordinator: publish slots per account (what <c>AccountConcurrencyLimiter</c> did), a refresh lock
/// per account, cool-downs kept and forgotten; no gate left behind by thousands of accounts.
/// </summary>
public class InProcessAccountCoordinatorTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly InProcessAccountCoordinator _coordinator;

    public InProcessAccountCoordinatorTests() => _coordinator = new InProcessAccountCoordinator(_time);

    [Fact]
    public async Task Fourth_caller_of_one_account_waits_until_a_slot_is_released()
    {
        var held = new List<IAsyncDisposable>();
        for (var i = 0; i < 3; i++)
        {
            held.Add(await _coordinator.AcquirePublishSlotAsync("a", 3));
        }

        var fourth = _coordinator.AcquirePublishSlotAsync("a", 3).AsTask();
        Assert.False(fourth.IsCompleted);

        await held[0].DisposeAsync();
        await using var slot = await fourth.WaitAsync(TimeSpan.FromSeconds(10));
        await held[1].DisposeAsync();
        await held[2].DisposeAsync();
    }

    [Fact]
    public async Task A_busy_account_does_not_block_another()
    {
        await using var busy = await _coordinator.AcquirePublishSlotAsync("busy", 1);
        await using var busyLock = await _coordinator.AcquireRefreshLockAsync("busy");

        var other = _coordinator.AcquirePublishSlotAsync("other", 1);
        var otherLock = _coordinator.AcquireRefreshLockAsync("other");

        Assert.True(other.IsCompletedSuccessfully);
        Assert.True(otherLock.IsCompletedSuccessfully);
        await (await other).DisposeAsync();
        await (await otherLock).DisposeAsync();
    }

    [Fact]
    public async Task The_refresh_lock_admits_one_holder_and_is_independent_of_the_slots()
    {
        var first = await _coordinator.AcquireRefreshLockAsync("a");
        var second = _coordinator.AcquireRefreshLockAsync("a").AsTask();
        await using var slot = await _coordinator.AcquirePublishSlotAsync("a", 1);

        Assert.False(second.IsCompleted);
        await first.DisposeAsync();
        await first.DisposeAsync(); // a second dispose must not let a third holder in
        await using var held = await second.WaitAsync(TimeSpan.FromSeconds(10));
        var third = _coordinator.AcquireRefreshLockAsync("a").AsTask();
        Assert.False(third.IsCompleted);
        await held.DisposeAsync();
        await (await third.WaitAsync(TimeSpan.FromSeconds(10))).DisposeAsync();
    }

    [Fact]
    public async Task Gates_are_dropped_when_no_one_holds_or_waits()
    {
        var a = await _coordinator.AcquirePublishSlotAsync("a", 2);
        var b = await _coordinator.AcquirePublishSlotAsync("b", 2);
        var l = await _coordinator.AcquireRefreshLockAsync("a");
        Assert.Equal(2, _coordinator.ActivePublishSlots);
        Assert.Equal(1, _coordinator.ActiveRefreshLocks);

        await a.DisposeAsync();
        await a.DisposeAsync(); // a second dispose must not release a slot twice
        await b.DisposeAsync();
        await l.DisposeAsync();

        Assert.Equal(0, _coordinator.ActivePublishSlots);
        Assert.Equal(0, _coordinator.ActiveRefreshLocks);
    }

    [Fact]
    public async Task Thousands_of_accounts_leave_no_gate_behind()
    {
        var tasks = Enumerable.Range(0, 5000).Select(async i =>
        {
            await using (await _coordinator.AcquireRefreshLockAsync($"acct-{i}"))
            {
                await Task.Yield();
            }

            await using (await _coordinator.AcquirePublishSlotAsync($"acct-{i % 700}", 2))
            {
                await Task.Yield();
            }
        });

        await Task.WhenAll(tasks);

        Assert.Equal(0, _coordinator.ActiveRefreshLocks);
        Assert.Equal(0, _coordinator.ActivePublishSlots);
    }

    [Fact]
    public async Task Cancelled_waiter_leaves_without_taking_or_releasing_anything()
    {
        var held = await _coordinator.AcquireRefreshLockAsync("a");
        using var cts = new CancellationTokenSource();
        var waiter = _coordinator.AcquireRefreshLockAsync("a", cts.Token).AsTask();

        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiter);

        // The cancelled waiter released nothing: the lock is still held.
        var next = _coordinator.AcquireRefreshLockAsync("a").AsTask();
        Assert.False(next.IsCompleted);
        await held.DisposeAsync();
        await (await next.WaitAsync(TimeSpan.FromSeconds(10))).DisposeAsync();
        Assert.Equal(0, _coordinator.ActiveRefreshLocks);
    }

    [Fact]
    public async Task Cancelled_slot_waiter_leaves_the_gate_clean()
    {
        var held = await _coordinator.AcquirePublishSlotAsync("a", 1);
        using var cts = new CancellationTokenSource();
        var waiter = _coordinator.AcquirePublishSlotAsync("a", 1, cts.Token).AsTask();

        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiter);
        await held.DisposeAsync();
        Assert.Equal(0, _coordinator.ActivePublishSlots);
        await using var again = await _coordinator.AcquirePublishSlotAsync("a", 1);
    }

    [Fact]
    public async Task Never_more_than_the_limit_in_flight_under_contention()
    {
        var inFlight = 0;
        var maxInFlight = 0;
        var tasks = Enumerable.Range(0, 50).Select(async _ =>
        {
            await using var slot = await _coordinator.AcquirePublishSlotAsync("a", 3);
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref maxInFlight, now);
            await Task.Yield();
            Interlocked.Decrement(ref inFlight);
        });

        await Task.WhenAll(tasks);

        Assert.InRange(maxInFlight, 1, 3);
        Assert.Equal(0, _coordinator.ActivePublishSlots);
    }

    [Fact]
    public async Task A_cool_down_replaces_the_one_of_its_account_and_category_only()
    {
        var now = _time.GetUtcNow();
        var write = new PinterestAccountCooldown { AccountId = "a", Category = "org_write", Until = now.AddMinutes(1), InARow = 1 };
        var whole = new PinterestAccountCooldown { AccountId = "a", Until = now.AddHours(6), IsSpamBlock = true };
        var other = new PinterestAccountCooldown { AccountId = "b", Category = "org_write", Until = now.AddMinutes(1) };

        await _coordinator.SetCooldownAsync(write);
        await _coordinator.SetCooldownAsync(whole);
        await _coordinator.SetCooldownAsync(other);
        await _coordinator.SetCooldownAsync(write with { Until = now.AddMinutes(2), InARow = 2 });

        var found = await _coordinator.GetCooldownsAsync("a");
        Assert.Equal(2, found.Count);
        Assert.Contains(write with { Until = now.AddMinutes(2), InARow = 2 }, found);
        Assert.Contains(whole, found);
    }

    [Fact]
    public async Task Ended_cool_downs_are_kept_for_the_retention_then_forgotten()
    {
        var coordinator = new InProcessAccountCoordinator(_time, TimeSpan.FromHours(3));
        await coordinator.SetCooldownAsync(new PinterestAccountCooldown { AccountId = "a", Until = _time.GetUtcNow().AddMinutes(1), InARow = 4 });

        _time.Advance(TimeSpan.FromHours(2));
        Assert.Single(await coordinator.GetCooldownsAsync("a"));

        _time.Advance(TimeSpan.FromHours(1.5));
        Assert.Empty(await coordinator.GetCooldownsAsync("a"));
        Assert.Equal(0, coordinator.CooldownCount);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
