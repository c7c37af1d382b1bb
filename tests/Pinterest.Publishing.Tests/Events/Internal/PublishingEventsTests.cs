using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Events;
using Pinterest.Publishing.Events.Internal;

namespace Pinterest.Publishing.Tests.Events.Internal;

/// <summary>
/// Delivery of events to the host's observers: every observer gets every event, in the order raised; an observer that
/// throws or hangs is logged and left behind, never holding up the others or the code that raised the event; a full
/// queue drops with a log instead of blocking. Only the fake clock moves; real waits are bounded safety nets.
/// </summary>
public sealed class PublishingEventsTests : IAsyncDisposable
{
    private readonly ObservableTimeProvider _time = new();
    private readonly CapturingLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggerFactory;

    public PublishingEventsTests() => _loggerFactory = LoggerFactory.Create(b => b.AddProvider(_logs));

    private PublishingEvents Create(params IPinterestPublishingObserver[] observers) => new(() => observers, _time, _loggerFactory);

    private static PinPublishedEvent Published(string pinId) =>
        new() { AccountId = "acct", ScheduledPinId = "s-" + pinId, PinId = pinId, OccurredAt = DateTimeOffset.UnixEpoch };

    private static void RaisePublished(PublishingEvents events, string pinId) =>
        events.Raise(Published(pinId), static (o, e, ct) => o.OnPinPublishedAsync(e, ct));

    [Fact]
    public async Task Every_registered_observer_receives_every_event_in_the_order_raised()
    {
        var first = new RecordingObserver();
        var second = new RecordingObserver();
        await using var events = Create(first, second);

        for (var i = 0; i < 20; i++)
        {
            RaisePublished(events, $"pin-{i}");
        }

        foreach (var observer in new[] { first, second })
        {
            for (var i = 0; i < 20; i++)
            {
                Assert.Equal($"pin-{i}", (await observer.NextAsync<PinPublishedEvent>()).PinId);
            }
        }
    }

    [Fact]
    public async Task An_observer_that_throws_is_logged_without_its_secret_and_the_others_and_later_events_still_arrive()
    {
        var recording = new RecordingObserver();
        await using var events = Create(new ThrowingObserver(), recording);

        RaisePublished(events, "pin-1");
        RaisePublished(events, "pin-2");

        Assert.Equal("pin-1", (await recording.NextAsync<PinPublishedEvent>()).PinId);
        Assert.Equal("pin-2", (await recording.NextAsync<PinPublishedEvent>()).PinId);
        await WaitForLogAsync("[10001]");
        var entry = _logs.Entries.First(e => e.Contains("[10001]", StringComparison.Ordinal));
        Assert.Contains(nameof(ThrowingObserver), entry, StringComparison.Ordinal);
        Assert.DoesNotContain(ThrowingObserver.Secret, string.Join("\n", _logs.Entries), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_observer_that_hangs_is_left_behind_after_the_timeout_and_later_events_are_delivered()
    {
        var hanging = new HangingObserver();
        var recording = new RecordingObserver();
        var events = Create(hanging, recording);

        RaisePublished(events, "pin-1");
        RaisePublished(events, "pin-2");
        Assert.Equal("pin-1", (await recording.NextAsync<PinPublishedEvent>()).PinId);
        await hanging.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // The drain waits for the hanging call (with the other observers of the same event) until the timeout.
        Assert.False(recording.HasMore);
        await _time.WhenTimerStartedAsync(PublishingEvents.ObserverTimeout);
        _time.Advance(PublishingEvents.ObserverTimeout);

        Assert.Equal("pin-2", (await recording.NextAsync<PinPublishedEvent>()).PinId);
        await WaitForLogAsync("[10002]");
        Assert.True(hanging.Cancelled.IsCancellationRequested);
        await DisposeDrivingClockAsync(events);
    }

    [Fact]
    public async Task Raise_never_blocks_and_drops_with_a_log_when_the_queue_is_full()
    {
        var hanging = new HangingObserver();
        var events = Create(hanging);

        RaisePublished(events, "first");
        await hanging.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        for (var i = 0; i < PublishingEvents.Capacity + 5; i++)
        {
            RaisePublished(events, $"pin-{i}");
        }

        Assert.Equal(5, _logs.Entries.Count(e => e.Contains("[10003]", StringComparison.Ordinal)));
        await DisposeDrivingClockAsync(events);
    }

    [Fact]
    public async Task An_observer_that_implements_nothing_receives_events_without_failing()
    {
        var recording = new RecordingObserver();
        await using var events = Create(new SilentObserver(), recording);

        RaisePublished(events, "pin-1");

        Assert.Equal("pin-1", (await recording.NextAsync<PinPublishedEvent>()).PinId);
        Assert.DoesNotContain(_logs.Entries, e => e.Contains("[10001]", StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        _loggerFactory.Dispose();
        await Task.CompletedTask;
    }

    /// <summary>Disposes while a call hangs: disposal waits a bounded time on the fake clock, so drive it.</summary>
    private async Task DisposeDrivingClockAsync(PublishingEvents events)
    {
        static async Task<bool> DisposeAsync(PublishingEvents events)
        {
            await events.DisposeAsync();
            return true;
        }

        Assert.True(await _time.DriveAsync(DisposeAsync(events)));
    }

    private async Task WaitForLogAsync(string eventName)
    {
        for (var i = 0; i < 3000 && !_logs.Entries.Any(e => e.Contains(eventName, StringComparison.Ordinal)); i++)
        {
            await Task.Delay(10);
        }

        Assert.Contains(_logs.Entries, e => e.Contains(eventName, StringComparison.Ordinal));
    }

    private sealed class SilentObserver : IPinterestPublishingObserver;

    private sealed class ThrowingObserver : IPinterestPublishingObserver
    {
        public const string Secret = "pina_SECRETTOKEN0123456789abcdef";

        public Task OnPinPublishedAsync(PinPublishedEvent published, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"boom access_token={Secret}");
    }

    private sealed class HangingObserver : IPinterestPublishingObserver
    {
        private int _calls;

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The token of the first call.</summary>
        public CancellationToken Cancelled { get; private set; }

        public int Calls => Volatile.Read(ref _calls);

        public Task OnPinPublishedAsync(PinPublishedEvent published, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                Cancelled = cancellationToken;
            }

            Started.TrySetResult();

            // Ignores its token: the library must stop waiting anyway.
            return Task.Delay(Timeout.InfiniteTimeSpan, CancellationToken.None);
        }
    }
}
