using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Events.Internal;

namespace Pinterest.Publishing.Scheduling.Internal;

/// <summary>
/// Records a scheduled Pin's outcome in the <see cref="IPinScheduleStore"/> for the dispatcher, then raises its event.
/// A failed completion (a database blip) is retried with a doubling delay on the dispatcher's clock, as long as the next
/// try starts within the Pin's lease: once the lease ends another instance may claim the Pin and, for a Pin that was
/// published, publish it again. When the store still fails, an error names the scheduled Pin and the Pin Pinterest
/// created, for an operator to reconcile.
/// </summary>
/// <remarks>
/// The store has no seam to renew a lease, so the lease bounds the retries. They are not cancelled when the host stops:
/// like the publish itself, the record of it is finished (the host's shutdown timeout bounds the wait).
/// </remarks>
internal sealed class OutcomeRecorder(IPinScheduleStore store, TimeProvider timeProvider, ILogger logger, PublishingEvents events)
{
    /// <summary>The delay before the first retry; each next one doubles, up to <see cref="MaxRetryDelay"/>.</summary>
    internal static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between two tries.</summary>
    internal static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Completes <paramref name="pin"/> with <paramref name="outcome"/>, retrying until <paramref name="leaseEnd"/>, and
    /// raises the outcome's event once the store has it. Never throws for a failure of the store.
    /// </summary>
    /// <returns>Whether the store recorded the outcome.</returns>
    public async Task<bool> RecordAsync(ScheduledPin pin, PinPublishOutcome outcome, DateTimeOffset leaseEnd)
    {
        var createdPinId = (outcome as PinPublishOutcome.Published)?.PinId;
        var delay = FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // Not the stopping token: an unrecorded Published outcome means the Pin is published again.
                await store.CompleteAsync(pin, outcome, CancellationToken.None).ConfigureAwait(false);
                break;
            }
            catch (Exception ex)
            {
                if (timeProvider.GetUtcNow() + delay >= leaseEnd)
                {
                    SchedulingLog.CompleteFailed(logger, pin.Id, outcome.Kind, createdPinId, attempt, ex);
                    return false;
                }

                SchedulingLog.CompleteRetrying(logger, pin.Id, outcome.Kind, createdPinId, attempt, delay, ex);
            }

            await Task.Delay(delay, timeProvider, CancellationToken.None).ConfigureAwait(false);
            delay = delay * 2 < MaxRetryDelay ? delay * 2 : MaxRetryDelay;
        }

        // After the store recorded it, so an observer that reads the store sees the outcome; never awaited.
        PinOutcomeEvents.Raise(events, pin, outcome);
        return true;
    }
}
