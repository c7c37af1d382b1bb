using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Diagnostics.Internal;

namespace Pinterest.Publishing.Scheduling.Internal;

/// <summary>
/// Log events of the schedule dispatcher. Only scheduled Pin ids, account ids, outcome kinds, attempts and exception
/// types are logged: never a token, a URL or a draft's text.
/// </summary>
internal static partial class SchedulingLog
{
    /// <summary>The logger category of the scheduling room.</summary>
    public const string CategoryName = PinterestLogCategories.Scheduling;

    [LoggerMessage(EventId = 6001, EventName = "ScheduledPinCompleted", Level = LogLevel.Information,
        Message = "Scheduled Pin {ScheduledPinId} of account {AccountId}: {Outcome} (attempt {Attempt}).")]
    public static partial void Completed(ILogger logger, string scheduledPinId, string accountId, PinPublishOutcomeKind outcome, int attempt);

    [LoggerMessage(EventId = 6002, EventName = "ScheduledPinCompleteFailed", Level = LogLevel.Error,
        Message = "Could not record outcome {Outcome} of scheduled Pin {ScheduledPinId} (created Pin: {PinId}) after {Attempts} tries within its lease; it will be claimed again, and a published Pin published again: reconcile it with Pinterest.")]
    public static partial void CompleteFailed(ILogger logger, string scheduledPinId, PinPublishOutcomeKind outcome, string? pinId, int attempts, Exception exception);

    [LoggerMessage(EventId = 6003, EventName = "SchedulingRoundFailed", Level = LogLevel.Warning,
        Message = "A scheduling round failed; retrying after the poll interval.")]
    public static partial void RoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6004, EventName = "ScheduledPinLeaseEnded", Level = LogLevel.Warning,
        Message = "Scheduled Pin {ScheduledPinId} of account {AccountId}: still publishing when its lease ended at {LeaseEnd}; cancelled ({Failure}).")]
    public static partial void LeaseEnded(ILogger logger, string scheduledPinId, string accountId, DateTimeOffset leaseEnd, string failure);

    [LoggerMessage(EventId = 6005, EventName = "ScheduledPinPublishFaulted", Level = LogLevel.Error,
        Message = "Scheduled Pin {ScheduledPinId}: the publish failed outside its outcome handling; it will be claimed again when its lease expires.")]
    public static partial void PublishFaulted(ILogger logger, string scheduledPinId, Exception exception);

    [LoggerMessage(EventId = 6006, EventName = "ScheduledPinCompleteRetrying", Level = LogLevel.Warning,
        Message = "Could not record outcome {Outcome} of scheduled Pin {ScheduledPinId} (created Pin: {PinId}), try {Attempt}; trying again in {Delay}, within its lease.")]
    public static partial void CompleteRetrying(ILogger logger, string scheduledPinId, PinPublishOutcomeKind outcome, string? pinId, int attempt, TimeSpan delay, Exception exception);
}
