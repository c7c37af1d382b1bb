
namespace Pinterest.Publishing.Scheduling;

/// <summary>A Pin scheduled for publishing, as a <see cref="IPinScheduleStore"/> holds or hands it out.</summary>
public sealed record ScheduledPin
{
    /// <summary>The store's id of the scheduled Pin.</summary>
    public required string Id { get; init; }

    /// <summary>What to publish.</summary>
    public required PublishPinRequest Request { get; init; }

    /// <summary>When the Pin is (or, after a retry, is again) due.</summary>
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>
    /// How many times the Pin has been claimed, this claim included (0 before the first claim), less the claims given
    /// back by a <see cref="PinPublishOutcome.RetryAt"/> that does not count (<see cref="PinPublishOutcome.RetryAt.CountsAsAttempt"/>).
    /// </summary>
    public int Attempt { get; init; }

    /// <summary>
    /// Identifies the current claim; the store compares it on <see cref="IPinScheduleStore.CompleteAsync"/> to ignore a
    /// completion that arrives after the Pin was claimed again. <see langword="null"/> when the Pin is not claimed.
    /// </summary>
    public string? LeaseToken { get; init; }

    /// <summary>Until when the current claim keeps other dispatchers away; <see langword="null"/> when not claimed.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; init; }
}
