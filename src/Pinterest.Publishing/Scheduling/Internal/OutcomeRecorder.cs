using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Events.Internal;

namespace Pinterest.Publishing.Scheduling.Internal;

/// <summary>
/// Records a scheduled Pin's outcome in the <see cref="IPinScheduleStore"/> for the dispatcher, then raises its event.
/// A failed completion (a database blip) is retried with a doubling delay on the dispatcher's clock, as long as the next
/// try starts before the retry limit the dispatcher gives (its lease less the margin the create deadline keeps): once
/// the lease ends another instance may claim the Pin and, for a Pin that was published, publish it again. When the
/// store still fails, or the host stops during a wait, or the store reports that the claim is no longer the Pin's
/// current one, an error names the scheduled Pin and the Pin Pinterest created, for an operator to reconcile, and no
/// outcome event is raised.
/// </summary>
/// <remarks>
/// The store has no seam to renew a lease, so the lease bounds the retries. A try that is under way is not cancelled
/// when the host stops (an unrecorded Published outcome means the Pin is published again), but no new wait starts:
/// the error is logged at once rather than lost with the process.
/// </remarks>
internal sealed class OutcomeRecorder(IPinScheduleStore store, TimeProvider timeProvider, ILogger logger, PublishingEvents events)
{
    /// <summary>The delay before the first retry; each next one doubles, up to <see cref="MaxRetryDelay"/>.</summary>
    internal static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between two tries.</summary>
    internal static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Completes <paramref name="pin"/> with <paramref name="outcome"/>, starting no try after
    /// <paramref name="retryUntil"/>, and raises the outcome's event once the store has it. Never throws for a failure
    /// of the store.
    /// </summary>
    /// <param name="pin">The claimed Pin.</param>
    /// <param name="outcome">Its outcome.</param>
    /// <param name="retryUntil">The latest time a try may start (the lease end less a margin).</param>
    /// <param name="stoppingToken">The host's stopping token: ends the waits between tries, never a try.</param>
    /// <returns>Whether the store recorded the outcome.</returns>
    public async Task<bool> RecordAsync(ScheduledPin pin, PinPublishOutcome outcome, DateTimeOffset retryUntil, CancellationToken stoppingToken)
    {
        var createdPinId = (outcome as PinPublishOutcome.Published)?.PinId;
        var delay = FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // Not the stopping token: an unrecorded Published outcome means the Pin is published again.
                if (!await store.CompleteAsync(pin, outcome, CancellationToken.None).ConfigureAwait(false)
                    && !(attempt > 1 && await EarlierTryAppliedAsync(pin, outcome).ConfigureAwait(false)))
                {
                    SchedulingLog.CompleteStale(logger, pin.Id, outcome.Kind, createdPinId);
                    return false;
                }

                break;
            }
            catch (Exception ex)
            {
                if (timeProvider.GetUtcNow() + delay > retryUntil || stoppingToken.IsCancellationRequested)
                {
                    SchedulingLog.CompleteFailed(logger, pin.Id, outcome.Kind, createdPinId, attempt, ex);
                    return false;
                }

                SchedulingLog.CompleteRetrying(logger, pin.Id, outcome.Kind, createdPinId, attempt, delay, ex);
                try
                {
                    await Task.Delay(delay, timeProvider, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    // The host is stopping: log now, while the logger still runs, rather than be abandoned silently.
                    SchedulingLog.CompleteFailed(logger, pin.Id, outcome.Kind, createdPinId, attempt, ex);
                    return false;
                }
            }

            delay = delay * 2 < MaxRetryDelay ? delay * 2 : MaxRetryDelay;
        }

        // After the store recorded it, so an observer that reads the store sees the outcome; never awaited.
        PinOutcomeEvents.Raise(events, pin, outcome);
        return true;
    }

    // A try that failed may still have been applied (the write committed, its answer was lost), so a retry finds the
    // claim gone. The stored outcome tells, for every kind: the same kind with the same fields is this completion's own
    // record (a RetryAt leaves the Pin pending with it). Sound only while this claim's lease has not ended when the read
    // is done: until then no other instance can claim the Pin, so a final outcome in the store can only be this
    // claim's, and a RetryAt equal to this one was written by it. After the lease end another instance may have
    // claimed the Pin and recorded an equal outcome (the same created Pin, found again by its duplicate check), which
    // the outcome alone does not tell apart: then it is reported stale, and this instance raises no second event.
    private async Task<bool> EarlierTryAppliedAsync(ScheduledPin pin, PinPublishOutcome outcome)
    {
        if (store is not IPinScheduler scheduler || pin.LeaseExpiresAt is not { } leaseEnd)
        {
            return false;
        }

        try
        {
            var stored = await scheduler.GetOutcomeAsync(pin.Id, CancellationToken.None).ConfigureAwait(false);
            return stored is not null && timeProvider.GetUtcNow() < leaseEnd && SameOutcome(stored, outcome);
        }
        catch (Exception)
        {
            // Unknown: report it as not recorded, for an operator to check.
            return false;
        }
    }

    // Record equality compares the lists of codes and scopes by reference; a store reads them back as new lists.
    private static bool SameOutcome(PinPublishOutcome stored, PinPublishOutcome outcome) =>
        stored.Kind == outcome.Kind
        && string.Equals(stored.Reason, outcome.Reason, StringComparison.Ordinal)
        && (stored, outcome) switch
        {
            (PinPublishOutcome.Published s, PinPublishOutcome.Published o) => string.Equals(s.PinId, o.PinId, StringComparison.Ordinal),
            (PinPublishOutcome.Rejected s, PinPublishOutcome.Rejected o) => s.Codes.SequenceEqual(o.Codes, StringComparer.Ordinal),
            (PinPublishOutcome.RetryAt s, PinPublishOutcome.RetryAt o) => s.At == o.At && s.CountsAsAttempt == o.CountsAsAttempt,
            (PinPublishOutcome.Unknown s, PinPublishOutcome.Unknown o) => s.AttemptStartedAt == o.AttemptStartedAt,
            (PinPublishOutcome.MissingScope s, PinPublishOutcome.MissingScope o) => s.RequiredScopes.SequenceEqual(o.RequiredScopes, StringComparer.Ordinal),
            _ => true,
        };
}
