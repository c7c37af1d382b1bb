using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pinterest.Publishing.Diagnostics.Internal;
using Pinterest.Publishing.Events.Internal;
using Pinterest.Publishing.Internal.Failures;

namespace Pinterest.Publishing.Scheduling.Internal;

/// <summary>
/// The hosted service added by <c>AddPinScheduling()</c>: claims due Pins from <see cref="IPinScheduleStore"/> with a
/// lease, publishes them and completes each with its outcome (<see cref="OutcomeRecorder"/>, which retries a failed
/// completion within the lease). It keeps up to <see cref="PinSchedulingOptions.MaxConcurrentPublishes"/> publishes in
/// flight and claims again whenever one ends (or the poll interval passes), never more Pins than it has free slots, so
/// a publish that hangs holds one slot, not the loop. Each publish is cancelled when its lease ends. Stopping the host
/// stops the claiming; publishes already running finish, because abandoning a create half-way would leave its outcome
/// unknown. Each publish carries the lease (less a margin) as <see cref="PublishPinRequest.CreateDeadline"/> and the
/// Pin's id as <see cref="PublishPinRequest.OperationId"/>, on the request itself, so both survive any decorator of
/// <see cref="IPinPublisher"/>: a retry of a video whose processing outlived the deadline waits for that upload.
/// </summary>
internal sealed class PinScheduleDispatcher : BackgroundService
{
    // The longest delay a timer takes; a lease beyond it is simply not enforced by cancellation.
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly IPinScheduleStore _store;
    private readonly IPinPublisher _publisher;
    private readonly PinSchedulingOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly PublishSlots _slots;
    private readonly PublishingEvents _events;
    private readonly PinterestTelemetry? _telemetry;
    private readonly DispatcherHeartbeat? _heartbeat;
    private readonly OutcomeRecorder _outcomes;

    public PinScheduleDispatcher(
        IPinScheduleStore store,
        IPinPublisher publisher,
        IOptions<PinSchedulingOptions> options,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory,
        PublishingEvents? events = null,
        PinterestTelemetry? telemetry = null,
        DispatcherHeartbeat? heartbeat = null)
    {
        _events = events ?? PublishingEvents.None;
        // Null only when a test builds the dispatcher without telemetry: dependency injection always passes it.
        _telemetry = telemetry;
        _heartbeat = heartbeat;
        _store = store;
        _publisher = publisher;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = loggerFactory.CreateLogger(SchedulingLog.CategoryName);
        _slots = new PublishSlots(_options.MaxConcurrentPublishes);
        _outcomes = new OutcomeRecorder(store, timeProvider, _logger, _events);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var (free, slotFreed) = _slots.Snapshot();
                _heartbeat?.RoundStarted(_timeProvider.GetUtcNow(), allSlotsBusy: free == 0);
                var claimedAll = false;
                if (free > 0)
                {
                    var wanted = Math.Min(free, _options.BatchSize);
                    try
                    {
                        claimedAll = (await ClaimAndStartAsync(wanted, stoppingToken).ConfigureAwait(false)).Count >= wanted;
                    }
                    catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                    {
                        break;
                    }
                    catch (Exception ex)
                    {
                        // A store outage must not kill the dispatcher; the next round tries again.
                        SchedulingLog.RoundFailed(_logger, ex);
                        _heartbeat?.ClaimFailed(ex.GetType().Name);
                    }
                }

                if (!claimedAll)
                {
                    // Nothing more is due (or every slot is busy): wait for a slot to free, or for the poll interval
                    // when there are slots to fill.
                    await WaitAsync(slotFreed, poll: free > 0, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            // Not the stopping token: a create cancelled after it was sent would have an unknown outcome.
            await _slots.WhenAllReleasedAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Claims up to <see cref="PinSchedulingOptions.BatchSize"/> Pins (no more than the free slots), publishes them and
    /// completes every one; returns how many were claimed.
    /// </summary>
    internal async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var wanted = Math.Min(_slots.Snapshot().Free, _options.BatchSize);
        if (wanted == 0)
        {
            return 0;
        }

        var publishes = await ClaimAndStartAsync(wanted, cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(publishes).ConfigureAwait(false);
        return publishes.Count;
    }

    /// <summary>Reserves <paramref name="count"/> slots, claims up to that many Pins and starts their publishes.</summary>
    private async Task<IReadOnlyList<Task>> ClaimAndStartAsync(int count, CancellationToken cancellationToken)
    {
        _slots.Reserve(count);
        var claimedAt = _timeProvider.GetUtcNow();
        IReadOnlyList<ScheduledPin> claimed;
        try
        {
            claimed = await _store.ClaimDueAsync(claimedAt, count, _options.Lease, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _slots.Unreserve(count);
            throw;
        }

        if (claimed.Count > count)
        {
            // The store handed out more than asked: they are leased to this instance now, so publish them all.
            _slots.Reserve(claimed.Count - count);
        }
        else
        {
            _slots.Unreserve(count - claimed.Count);
        }

        ScheduleTelemetry.RecordClaimed(_telemetry, claimed, claimedAt);
        var publishes = new Task[claimed.Count];
        for (var i = 0; i < claimed.Count; i++)
        {
            var pin = claimed[i];
            // On the thread pool, so that a publisher's synchronous part never holds up the claiming loop.
            publishes[i] = Task.Run(() => PublishInSlotAsync(pin, claimedAt), CancellationToken.None);
        }

        return publishes;
    }

    private async Task PublishInSlotAsync(ScheduledPin pin, DateTimeOffset claimedAt)
    {
        try
        {
            await PublishOneAsync(pin, claimedAt).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // PublishOneAsync records every outcome itself; this only keeps a fault (in a logger, say) from going unobserved.
            SchedulingLog.PublishFaulted(_logger, pin.Id, ex);
        }
        finally
        {
            _slots.Release(1);
        }
    }

    private async Task PublishOneAsync(ScheduledPin pin, DateTimeOffset claimedAt)
    {
        PinPublishOutcome outcome;
        // The parent of the publish's own span, so a trace shows the scheduled Pin around its publish.
        using var activity = PinterestTelemetry.StartActivity(PinterestTelemetry.ScheduledPinActivityName);
        activity?.SetTag(PinterestTelemetry.AccountIdTag, pin.Request.AccountId);
        activity?.SetTag(PinterestTelemetry.ScheduledPinIdTag, pin.Id);
        activity?.SetTag(PinterestTelemetry.AttemptTag, pin.Attempt);
        var leaseEnd = pin.LeaseExpiresAt ?? claimedAt + _options.Lease;
        // The lease bounds the publish: past it another instance may claim the Pin. Not the stopping token: stopping the
        // host lets publishes finish. A create in flight when the lease ends becomes an unknown outcome, never a retry.
        using var lease = CancelAt(leaseEnd);
        try
        {
            var createDeadline = CreateDeadline(leaseEnd);
            var request = pin.Request with
            {
                CreateDeadline = pin.Request.CreateDeadline is { } own && own < createDeadline ? own : createDeadline,
                OperationId = pin.Id,
            };
            var result = await _publisher.PublishAsync(request, lease.Token).ConfigureAwait(false);
            outcome = PinPublishOutcome.FromResult(result);
        }
        catch (Exception caught)
        {
            var ex = caught;
            if (lease.IsCancellationRequested)
            {
                SchedulingLog.LeaseEnded(_logger, pin.Id, pin.Request.AccountId, leaseEnd, caught.GetType().Name);
                if (caught is OperationCanceledException)
                {
                    ex = new ScheduleLeaseExpiredException(leaseEnd, caught);
                }
            }

            outcome = PinPublishOutcome.FromException(ex, Math.Max(pin.Attempt, 1), _timeProvider.GetUtcNow(), _options);
        }

        SchedulingLog.Completed(_logger, pin.Id, pin.Request.AccountId, outcome.Kind, pin.Attempt);
        ScheduleTelemetry.RecordOutcome(_telemetry, outcome.Kind);
        activity?.SetTag(PinterestTelemetry.OutcomeTag, ScheduleTelemetry.OutcomeTag(outcome.Kind));
        if (outcome is PinPublishOutcome.Published { PinId: var pinId })
        {
            activity?.SetTag(PinterestTelemetry.PinIdTag, pinId);
        }
        else if (outcome.IsFinal)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ScheduleTelemetry.OutcomeTag(outcome.Kind));
        }

        await _outcomes.RecordAsync(pin, outcome, leaseEnd).ConfigureAwait(false);
    }

    // Leave a margin before the lease ends: the create itself takes time, and clocks of instances differ.
    private DateTimeOffset CreateDeadline(DateTimeOffset leaseEnd) =>
        leaseEnd - TimeSpan.FromTicks(Math.Min(_options.Lease.Ticks / 10, TimeSpan.FromMinutes(1).Ticks));

    private CancellationTokenSource CancelAt(DateTimeOffset when)
    {
        var delay = when - _timeProvider.GetUtcNow();
        return delay > MaxTimerDelay
            ? new CancellationTokenSource()
            : new CancellationTokenSource(delay < TimeSpan.Zero ? TimeSpan.Zero : delay, _timeProvider);
    }

    private async Task WaitAsync(Task slotFreed, bool poll, CancellationToken stoppingToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var delay = Task.Delay(poll ? _options.PollInterval : Timeout.InfiniteTimeSpan, _timeProvider, wait.Token);
        await Task.WhenAny(slotFreed, delay).ConfigureAwait(false);
        // Stops the poll timer when a slot freed first.
        await wait.CancelAsync().ConfigureAwait(false);
    }
}
