using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pinterest.Publishing.Internal.PublishPath;
using Pinterest.Publishing.Scheduling;
using Pinterest.Publishing.Scheduling.Internal;

namespace Pinterest.Publishing.Tests.Scheduling.Internal;

/// <summary>
/// The hosted dispatcher claims continuously: a publish that hangs holds one slot, never the loop, so other tenants'
/// due Pins are still published; no more Pins are claimed than there are free slots; and a publish still running when
/// its lease ends is cancelled and completed. Only the fake clock moves; real waits are bounded safety nets.
/// </summary>
public sealed class ContinuousDispatchTests
{
    private readonly ObservableTimeProvider _time = new();
    private readonly ObservedScheduleStore _store = new();
    private readonly ScriptedDispatchPublisher _publisher = new();

    private PinScheduleDispatcher CreateDispatcher(PinSchedulingOptions options) =>
        new(_store, _publisher, Options.Create(options), _time, NullLoggerFactory.Instance);

    /// <summary>Waits until the dispatcher starts a timer of <paramref name="due"/> (its poll), skipping others (leases).</summary>
    private async Task WaitForTimerAsync(TimeSpan due)
    {
        while (await _time.NextTimerAsync() != due)
        {
        }
    }

    private async Task StopAsync(PinScheduleDispatcher dispatcher)
    {
        var stop = dispatcher.StopAsync(CancellationToken.None);
        _publisher.EndHangs();
        _publisher.Open(100);
        await stop.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_publish_that_hangs_does_not_keep_another_accounts_due_pin_from_being_published()
    {
        var options = new PinSchedulingOptions { PollInterval = TimeSpan.FromSeconds(5) };
        var dispatcher = CreateDispatcher(options);
        var hung = _store.Schedule("tenant-a", "hang", _time.GetUtcNow());

        await dispatcher.StartAsync(CancellationToken.None);
        Assert.Equal("hang", await _publisher.NextStartedAsync());

        // The loop polls again while the publish hangs; a Pin of another tenant falls due.
        await WaitForTimerAsync(options.PollInterval);
        var due = _store.Schedule("tenant-b", "ok", _time.GetUtcNow());
        _time.Advance(options.PollInterval);

        var (pin, outcome) = await _store.NextCompletedAsync();
        Assert.Equal(due.Id, pin.Id);
        Assert.IsType<PinPublishOutcome.Published>(outcome);
        Assert.Null(_store.Inner.GetOutcome(hung.Id));
        Assert.Equal(1, _publisher.InFlight);

        await StopAsync(dispatcher);
    }

    [Fact]
    public async Task No_more_pins_are_claimed_than_slots_are_free_and_a_freed_slot_is_refilled_without_waiting_for_the_poll()
    {
        var options = new PinSchedulingOptions { MaxConcurrentPublishes = 3, BatchSize = 10 };
        var dispatcher = CreateDispatcher(options);
        for (var i = 0; i < 8; i++)
        {
            _store.Schedule($"tenant-{i}", "gate", _time.GetUtcNow());
        }

        await dispatcher.StartAsync(CancellationToken.None);
        for (var i = 0; i < 3; i++)
        {
            await _publisher.NextStartedAsync();
        }

        // Pins waiting for a slot are not leased: their lease would run down while they wait.
        Assert.Equal(5, _store.Unclaimed);

        for (var completed = 0; completed < 8; completed++)
        {
            _publisher.Open();
            Assert.IsType<PinPublishOutcome.Published>((await _store.NextCompletedAsync()).Outcome);
            if (completed < 5)
            {
                // The clock does not move: the freed slot alone makes the dispatcher claim the next Pin.
                await _publisher.NextStartedAsync();
            }
        }

        Assert.Equal(3, _publisher.MaxInFlight);
        Assert.All(_store.ClaimSizes, size => Assert.InRange(size, 1, 3));
        Assert.Empty(_store.Inner.GetPending());
        await StopAsync(dispatcher);
    }

    [Fact]
    public async Task A_publish_hanging_past_its_lease_is_cancelled_completed_and_its_slot_reused()
    {
        var options = new PinSchedulingOptions { MaxConcurrentPublishes = 1, Lease = TimeSpan.FromMinutes(10) };
        var dispatcher = CreateDispatcher(options);
        var hung = _store.Schedule("tenant-a", "hang", _time.GetUtcNow());
        var waiting = _store.Schedule("tenant-b", "ok", _time.GetUtcNow());

        await dispatcher.StartAsync(CancellationToken.None);
        Assert.Equal("hang", await _publisher.NextStartedAsync());
        var (_, token) = Assert.Single(_publisher.Tokens);
        Assert.True(token.CanBeCanceled, "the publish runs under a deadline");

        _time.Advance(options.Lease);

        var (pin, outcome) = await _store.NextCompletedAsync();
        Assert.Equal(hung.Id, pin.Id);
        var retry = Assert.IsType<PinPublishOutcome.RetryAt>(outcome);
        Assert.Contains("lease", retry.Reason, StringComparison.Ordinal);
        Assert.True(token.IsCancellationRequested);

        // The one slot is free again: the other tenant's Pin, due all along, is published.
        Assert.Equal("ok", await _publisher.NextStartedAsync());
        (pin, outcome) = await _store.NextCompletedAsync();
        Assert.Equal(waiting.Id, pin.Id);
        Assert.IsType<PinPublishOutcome.Published>(outcome);

        await StopAsync(dispatcher);
    }

    [Fact]
    public async Task With_nothing_due_the_store_is_asked_once_per_poll_interval_while_a_publish_runs()
    {
        var options = new PinSchedulingOptions { PollInterval = TimeSpan.FromSeconds(5) };
        var dispatcher = CreateDispatcher(options);
        _store.Schedule("tenant-a", "gate", _time.GetUtcNow());

        await dispatcher.StartAsync(CancellationToken.None);
        await _publisher.NextStartedAsync();
        await WaitForTimerAsync(options.PollInterval);
        Assert.Single(_store.ClaimSizes);

        _time.Advance(options.PollInterval);
        await WaitForTimerAsync(options.PollInterval);
        Assert.Equal(2, _store.ClaimSizes.Count);

        await StopAsync(dispatcher);
    }

    [Fact]
    public async Task Stopping_stops_the_claiming_and_lets_the_publish_in_flight_finish()
    {
        var dispatcher = CreateDispatcher(new PinSchedulingOptions());
        var first = _store.Schedule("tenant-a", "gate", _time.GetUtcNow());
        await dispatcher.StartAsync(CancellationToken.None);
        Assert.Equal("gate", await _publisher.NextStartedAsync());

        var stop = dispatcher.StopAsync(CancellationToken.None);
        var claims = _store.ClaimSizes.Count;
        var late = _store.Schedule("tenant-b", "ok", _time.GetUtcNow());
        Assert.False(stop.IsCompleted, "stopping waits for the publish in flight");
        _publisher.Open();
        await stop.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.IsType<PinPublishOutcome.Published>(_store.Inner.GetOutcome(first.Id));
        Assert.Null(_store.Inner.GetOutcome(late.Id));
        Assert.Equal(claims, _store.ClaimSizes.Count);
        Assert.False(_publisher.HasStartedMore);
    }
}
