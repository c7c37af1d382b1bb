using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pinterest.Publishing.Diagnostics.Internal;
using Pinterest.Publishing.Events;
using Pinterest.Publishing.Events.Internal;
using Pinterest.Publishing.Scheduling;
using Pinterest.Publishing.Scheduling.Internal;
using Pinterest.Publishing.Tests.Events;

namespace Pinterest.Publishing.Tests.Scheduling.Internal;

/// <summary>
/// A store that fails to record an outcome (a database blip) must not let the lease run out on a published Pin, or the
/// Pin is claimed and published again: the dispatcher retries the completion with a growing delay on its clock, within
/// the lease; when the store still fails, it logs an error naming the scheduled Pin and the Pin Pinterest created, and
/// goes on. The outcome event fires once, after the store recorded it; the outcome metric counts it once.
/// </summary>
public sealed class CompletionRetryTests
{
    private const string CompleteRetryingEvent = "[6006]";
    private const string CompleteFailedEvent = "[6002]";

    private readonly ObservableTimeProvider _time = new();
    private readonly FlakyCompletionStore _store = new();
    private readonly ScriptedDispatchPublisher _publisher = new();
    private readonly RecordingObserver _observer = new();
    private readonly CapturingLoggerProvider _logs = new();

    [Fact]
    public async Task A_completion_failing_three_times_is_retried_on_the_clock_and_recorded_once_with_one_publish_and_one_event()
    {
        using var telemetry = new PinterestTelemetry();
        using var outcomes = new MetricCollector<long>(telemetry.Meter, "pinterest.schedule.outcomes");
        var dispatcher = CreateDispatcher(new PinSchedulingOptions(), telemetry);
        var scheduled = _store.Schedule(_time.GetUtcNow());
        _store.FailuresLeft = 3;

        var run = dispatcher.RunOnceAsync(CancellationToken.None);
        foreach (var delay in new[] { 1, 2, 4 })
        {
            await _time.WhenTimerStartedAsync(TimeSpan.FromSeconds(delay));
            Assert.False(run.IsCompleted);
            _time.Advance(TimeSpan.FromSeconds(delay));
        }

        await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(4, _store.CompleteCalls);
        var published = Assert.IsType<PinPublishOutcome.Published>(_store.Inner.GetOutcome(scheduled.Id));
        Assert.Equal(1, _publisher.Published);
        Assert.Equal(published.PinId, (await _observer.NextAsync<PinPublishedEvent>()).PinId);
        Assert.False(_observer.HasMore);
        Assert.Single(outcomes.GetMeasurementSnapshot());
        Assert.Equal(3, _logs.Entries.Count(e => e.Contains(CompleteRetryingEvent, StringComparison.Ordinal) && e.Contains(scheduled.Id, StringComparison.Ordinal)));
        Assert.DoesNotContain(_logs.Entries, e => e.Contains(CompleteFailedEvent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_completion_that_keeps_failing_is_given_up_at_the_lease_with_an_error_naming_both_pins_and_the_dispatcher_goes_on()
    {
        // Tries at 0, 1, 3 and 7 s; the next (at 15 s) would start after the 10 s lease, when the Pin may be claimed again.
        var dispatcher = CreateDispatcher(new PinSchedulingOptions { Lease = TimeSpan.FromSeconds(10) });
        var stuck = _store.Schedule(_time.GetUtcNow());
        _store.FailuresLeft = int.MaxValue;

        var run = dispatcher.RunOnceAsync(CancellationToken.None);
        foreach (var delay in new[] { 1, 2, 4 })
        {
            await _time.WhenTimerStartedAsync(TimeSpan.FromSeconds(delay));
            _time.Advance(TimeSpan.FromSeconds(delay));
        }

        Assert.Equal(1, await run.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(4, _store.CompleteCalls);
        Assert.Null(_store.Inner.GetOutcome(stuck.Id));
        Assert.False(_observer.HasMore);
        var error = Assert.Single(_logs.Entries, e => e.Contains(CompleteFailedEvent, StringComparison.Ordinal));
        Assert.StartsWith("Error", error, StringComparison.Ordinal);
        Assert.Contains(stuck.Id, error, StringComparison.Ordinal);
        Assert.Contains("1001", error, StringComparison.Ordinal);

        // The store is back: the next Pin is published and recorded as usual.
        _store.FailuresLeft = 0;
        var next = _store.Schedule(_time.GetUtcNow());
        Assert.Equal(1, await dispatcher.RunOnceAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.IsType<PinPublishOutcome.Published>(_store.Inner.GetOutcome(next.Id));
        Assert.Equal(next.Id, (await _observer.NextAsync<PinPublishedEvent>()).ScheduledPinId);
    }

    private PinScheduleDispatcher CreateDispatcher(PinSchedulingOptions options, PinterestTelemetry? telemetry = null)
    {
        var loggers = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(_logs));
        var events = new PublishingEvents(() => [_observer], _time, NullLoggerFactory.Instance);
        return new PinScheduleDispatcher(_store, _publisher, Options.Create(options), _time, loggers, events, telemetry);
    }

    /// <summary>The in-memory store, whose completions fail while <see cref="FailuresLeft"/> is above zero.</summary>
    private sealed class FlakyCompletionStore : IPinScheduleStore
    {
        private int _completeCalls;

        public InMemoryPinScheduleStore Inner { get; } = new();

        public int FailuresLeft { get; set; }

        public int CompleteCalls => Volatile.Read(ref _completeCalls);

        public ScheduledPin Schedule(DateTimeOffset dueAt) =>
            Inner.Schedule(new PublishPinRequest { AccountId = "tenant-a", BoardId = "1", Title = "ok", Media = PinMedia.Image(new Uri("https://img.example.com/a.jpg")) }, dueAt);

        public Task<IReadOnlyList<ScheduledPin>> ClaimDueAsync(DateTimeOffset now, int maxCount, TimeSpan lease, CancellationToken cancellationToken = default) =>
            Inner.ClaimDueAsync(now, maxCount, lease, cancellationToken);

        public Task CompleteAsync(ScheduledPin pin, PinPublishOutcome outcome, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _completeCalls);
            if (FailuresLeft > 0)
            {
                FailuresLeft--;
                throw new InvalidOperationException("The database is unreachable.");
            }

            return Inner.CompleteAsync(pin, outcome, cancellationToken);
        }
    }
}
