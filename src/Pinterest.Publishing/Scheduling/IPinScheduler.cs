namespace Pinterest.Publishing.Scheduling;

/// <summary>
/// Schedules Pins for the dispatcher (<c>AddPinScheduling</c>) to publish when they are due, and tells their outcome.
/// Implemented by the schedule stores: <see cref="InMemoryPinScheduleStore"/> and the durable stores of the
/// Pinterest.Publishing.EntityFrameworkCore package.
/// </summary>
public interface IPinScheduler
{
    /// <summary>Schedules a Pin.</summary>
    /// <param name="request">What to publish. A durable store refuses what it cannot keep (a stream video source, inline image bytes over its limit) here, with an <see cref="ArgumentException"/> naming the member.</param>
    /// <param name="dueAt">When to publish it.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The scheduled Pin; its <see cref="ScheduledPin.Id"/> names it from now on.</returns>
    Task<ScheduledPin> ScheduleAsync(PublishPinRequest request, DateTimeOffset dueAt, CancellationToken cancellationToken = default);

    /// <summary>The Pin's final outcome, or the last retry outcome while it is pending; <see langword="null"/> before its first attempt.</summary>
    /// <param name="scheduledPinId">The <see cref="ScheduledPin.Id"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The outcome, or <see langword="null"/>.</returns>
    Task<PinPublishOutcome?> GetOutcomeAsync(string scheduledPinId, CancellationToken cancellationToken = default);
}
