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
    private const string CompleteStaleEvent = "[6007]";

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
        // Tries at 0, 1, 3 and 7 s; the next (at 15 s) would start after 9 s (the 10 s lease less its margin), too close to
        // the moment the Pin may be claimed again.
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

    [Fact]
    public async Task A_completion_the_store_no_longer_holds_the_claim_for_is_an_error_naming_both_pins_and_raises_no_event()
    {
        var dispatcher = CreateDispatcher(new PinSchedulingOptions { Lease = TimeSpan.FromSeconds(10) });
        var scheduled = _store.Schedule(_time.GetUtcNow());
        // Another instance claims the Pin again (the lease ran out) before this completion lands.
        _store.BeforeComplete = pin => _store.Inner.ClaimDueAsync(pin.LeaseExpiresAt!.Value, 1, TimeSpan.FromSeconds(10));

        Assert.Equal(1, await dispatcher.RunOnceAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(1, _store.CompleteCalls);
        Assert.Null(_store.Inner.GetOutcome(scheduled.Id));
        Assert.False(_observer.HasMore);
        var error = Assert.Single(_logs.Entries, e => e.Contains(CompleteStaleEvent, StringComparison.Ordinal));
        Assert.StartsWith("Error", error, StringComparison.Ordinal);
        Assert.Contains(scheduled.Id, error, StringComparison.Ordinal);
        Assert.Contains("1001", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_completion_waiting_to_retry_when_the_host_stops_is_an_error_at_once_naming_both_pins()
    {
        var dispatcher = CreateDispatcher(new PinSchedulingOptions());
        var stuck = _store.Schedule(_time.GetUtcNow());
        _store.FailuresLeft = int.MaxValue;
        using var stopping = new CancellationTokenSource();

        var run = dispatcher.RunOnceAsync(stopping.Token);
        await _time.WhenTimerStartedAsync(OutcomeRecorder.FirstRetryDelay);
        await stopping.CancelAsync();

        // No clock advance: the wait for the next try ends with the host, and the error is logged then.
        Assert.Equal(1, await run.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(1, _store.CompleteCalls);
        Assert.False(_observer.HasMore);
        var error = Assert.Single(_logs.Entries, e => e.Contains(CompleteFailedEvent, StringComparison.Ordinal));
        Assert.Contains(stuck.Id, error, StringComparison.Ordinal);
        Assert.Contains("1001", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retry_after_a_try_that_was_applied_though_it_failed_is_recorded_once_with_its_event()
    {
        // The first try's write commits but its answer is lost; the retry finds the claim already completed.
        var dispatcher = CreateDispatcher(new PinSchedulingOptions());
        var scheduled = _store.Schedule(_time.GetUtcNow());
        _store.AppliedFailuresLeft = 1;

        var run = dispatcher.RunOnceAsync(CancellationToken.None);
        await _time.WhenTimerStartedAsync(OutcomeRecorder.FirstRetryDelay);
        _time.Advance(OutcomeRecorder.FirstRetryDelay);

        Assert.Equal(1, await run.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(2, _store.CompleteCalls);
        Assert.Equal(scheduled.Id, (await _observer.NextAsync<PinPublishedEvent>()).ScheduledPinId);
        Assert.DoesNotContain(_logs.Entries, e => e.Contains(CompleteStaleEvent, StringComparison.Ordinal) || e.Contains(CompleteFailedEvent, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("rejected")]
    [InlineData("retry")]
    [InlineData("rate-limit-wait")]
    [InlineData("unknown")]
    [InlineData("reauthorize")]
    [InlineData("missing-scope")]
    [InlineData("app-credentials")]
    public async Task A_retry_after_a_try_of_any_outcome_kind_that_was_applied_though_it_failed_is_recorded_without_a_stale_error(string kind)
    {
        var now = _time.GetUtcNow();
        PinPublishOutcome outcome = kind switch
        {
            "rejected" => new PinPublishOutcome.Rejected("The board is gone.", ["404"]),
            "retry" => new PinPublishOutcome.RetryAt(now.AddMinutes(5), "Pinterest is down."),
            "rate-limit-wait" => new PinPublishOutcome.RetryAt(now.AddMinutes(5), "Rate limited.") { CountsAsAttempt = false },
            "unknown" => new PinPublishOutcome.Unknown("The create timed out.", now),
            "reauthorize" => new PinPublishOutcome.Reauthorize("The refresh token was revoked."),
            "missing-scope" => new PinPublishOutcome.MissingScope("Creating a Pin needs pins:write.", ["pins:write", "boards:read"]),
            _ => new PinPublishOutcome.AppCredentialsRejected("The client secret was refused."),
        };
        var scheduled = _store.Schedule(now);
        var pin = Assert.Single(await _store.ClaimDueAsync(now, 1, TimeSpan.FromMinutes(10)));
        _store.AppliedFailuresLeft = 1;

        var record = CreateRecorder().RecordAsync(pin, outcome, now.AddMinutes(9), CancellationToken.None);
        await _time.WhenTimerStartedAsync(OutcomeRecorder.FirstRetryDelay);
        _time.Advance(OutcomeRecorder.FirstRetryDelay);

        Assert.True(await record.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(2, _store.CompleteCalls);
        Assert.Equal(outcome.Kind, _store.Inner.GetOutcome(scheduled.Id)?.Kind);
        Assert.DoesNotContain(_logs.Entries, e => e.Contains(CompleteStaleEvent, StringComparison.Ordinal) || e.Contains(CompleteFailedEvent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_retry_that_finds_another_instance_recorded_the_same_pin_after_the_lease_ended_raises_no_second_event()
    {
        // The first try fails unapplied; the retry runs past the lease end, when another instance claims the Pin and
        // records it published as the same Pin (its duplicate check found it). The outcome alone cannot tell this from
        // an earlier try of this instance, so this instance reports it stale and leaves the event to the other one.
        var now = _time.GetUtcNow();
        var scheduled = _store.Schedule(now);
        var pin = Assert.Single(await _store.ClaimDueAsync(now, 1, TimeSpan.FromSeconds(10)));
        var outcome = new PinPublishOutcome.Published("1001");
        _store.FailuresLeft = 1;
        _store.BeforeComplete = async claimed =>
        {
            if (_store.CompleteCalls == 2)
            {
                _time.Advance(TimeSpan.FromSeconds(10));
                var other = Assert.Single(await _store.Inner.ClaimDueAsync(_time.GetUtcNow(), 1, TimeSpan.FromSeconds(10)));
                Assert.True(await _store.Inner.CompleteAsync(other, new PinPublishOutcome.Published("1001")));
            }
        };

        var record = CreateRecorder().RecordAsync(pin, outcome, now.AddSeconds(9), CancellationToken.None);
        await _time.WhenTimerStartedAsync(OutcomeRecorder.FirstRetryDelay);
        _time.Advance(OutcomeRecorder.FirstRetryDelay);

        Assert.False(await record.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("1001", Assert.IsType<PinPublishOutcome.Published>(_store.Inner.GetOutcome(scheduled.Id)).PinId);
        Assert.False(_observer.HasMore);
        Assert.Contains(_logs.Entries, e => e.Contains(CompleteStaleEvent, StringComparison.Ordinal) && e.Contains(scheduled.Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_completion_try_starts_within_the_margin_the_create_deadline_keeps_before_the_lease_ends()
    {
        // Lease 7.5 s, margin a tenth of it: tries at 0, 1 and 3 s; the next, at 7 s, would start inside the margin
        // (after 6.75 s), where it could land after another instance claimed the Pin.
        var dispatcher = CreateDispatcher(new PinSchedulingOptions { Lease = TimeSpan.FromSeconds(7.5) });
        var stuck = _store.Schedule(_time.GetUtcNow());
        _store.FailuresLeft = int.MaxValue;

        var run = dispatcher.RunOnceAsync(CancellationToken.None);
        foreach (var delay in new[] { 1, 2 })
        {
            await _time.WhenTimerStartedAsync(TimeSpan.FromSeconds(delay));
            _time.Advance(TimeSpan.FromSeconds(delay));
        }

        Assert.Equal(1, await run.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(3, _store.CompleteCalls);
        Assert.Contains(_logs.Entries, e => e.Contains(CompleteFailedEvent, StringComparison.Ordinal) && e.Contains(stuck.Id, StringComparison.Ordinal));
    }

    private OutcomeRecorder CreateRecorder() => new(_store, _time, Loggers().CreateLogger(SchedulingLog.CategoryName), Events());

    private PinScheduleDispatcher CreateDispatcher(PinSchedulingOptions options, PinterestTelemetry? telemetry = null) =>
        new(_store, _publisher, Options.Create(options), _time, Loggers(), Events(), telemetry);

    private ILoggerFactory Loggers() => LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(_logs));

    private PublishingEvents Events() => new(() => [_observer], _time, NullLoggerFactory.Instance);

    /// <summary>The in-memory store, whose completions fail while <see cref="FailuresLeft"/> is above zero.</summary>
    private sealed class FlakyCompletionStore : IPinScheduleStore, IPinScheduler
    {
        private int _completeCalls;

        public InMemoryPinScheduleStore Inner { get; } = new();

        public int FailuresLeft { get; set; }

        /// <summary>Completions that are applied and then fail, as a write whose answer was lost.</summary>
        public int AppliedFailuresLeft { get; set; }

        /// <summary>Runs before each completion: another instance's claim, say.</summary>
        public Func<ScheduledPin, Task>? BeforeComplete { get; set; }

        public int CompleteCalls => Volatile.Read(ref _completeCalls);

        public ScheduledPin Schedule(DateTimeOffset dueAt) =>
            Inner.Schedule(new PublishPinRequest { AccountId = "tenant-a", BoardId = "1", Title = "ok", Media = PinMedia.Image(new Uri("https://img.example.com/a.jpg")) }, dueAt);

        public Task<IReadOnlyList<ScheduledPin>> ClaimDueAsync(DateTimeOffset now, int maxCount, TimeSpan lease, CancellationToken cancellationToken = default) =>
            Inner.ClaimDueAsync(now, maxCount, lease, cancellationToken);

        public async Task<bool> CompleteAsync(ScheduledPin pin, PinPublishOutcome outcome, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _completeCalls);
            if (BeforeComplete is { } before)
            {
                await before(pin);
            }

            if (FailuresLeft > 0)
            {
                FailuresLeft--;
                throw new InvalidOperationException("The database is unreachable.");
            }

            var applied = await Inner.CompleteAsync(pin, outcome, cancellationToken);
            if (AppliedFailuresLeft > 0)
            {
                AppliedFailuresLeft--;
                throw new InvalidOperationException("The connection dropped before the answer.");
            }

            return applied;
        }

        public Task<ScheduledPin> ScheduleAsync(PublishPinRequest request, DateTimeOffset dueAt, CancellationToken cancellationToken = default) =>
            Inner.ScheduleAsync(request, dueAt, cancellationToken);

        public Task<PinPublishOutcome?> GetOutcomeAsync(string scheduledPinId, CancellationToken cancellationToken = default) =>
            Inner.GetOutcomeAsync(scheduledPinId, cancellationToken);
    }
}
