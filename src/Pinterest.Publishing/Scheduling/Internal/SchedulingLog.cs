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

    [LoggerMessage(EventId = 6007, EventName = "ScheduledPinCompleteStale", Level = LogLevel.Error,
        Message = "Outcome {Outcome} of scheduled Pin {ScheduledPinId} (created Pin: {PinId}) was not recorded: the store no longer holds this claim (the lease ended and another instance claimed the Pin, or it is final already), so it may be published again: reconcile it with Pinterest, and choose a lease longer than a publish takes.")]
    public static partial void CompleteStale(ILogger logger, string scheduledPinId, PinPublishOutcomeKind outcome, string? pinId);

    [LoggerMessage(EventId = 6008, EventName = "ScheduledPinRequestUnreadable", Level = LogLevel.Error,
        Message = "Scheduled Pin {ScheduledPinId}: its stored request could not be read ({Failure}), so this instance gave it back (due again at {DueAgain}, its attempt not counted). It was written by a newer version of Pinterest.Publishing (upgrade every instance that runs the dispatcher) or changed in the database (fix the row, or remove it and schedule the Pin again).")]
    public static partial void RequestUnreadable(ILogger logger, string scheduledPinId, string failure, DateTimeOffset dueAgain);

    [LoggerMessage(EventId = 6009, EventName = "ScheduledPinUnreadableNotGivenBack", Level = LogLevel.Warning,
        Message = "Scheduled Pin {ScheduledPinId}: its unreadable request could not be given back; it is claimed again when its lease runs out.")]
    public static partial void UnreadableNotGivenBack(ILogger logger, string scheduledPinId, Exception exception);

    [LoggerMessage(EventId = 6010, EventName = "ScheduleClaimRefillFailed", Level = LogLevel.Warning,
        Message = "Claim round {Round}, which refills the places unreadable rows took, failed ({Failure}); the {Claimed} Pins already claimed are returned, the rest are claimed in a later round.")]
    public static partial void ClaimRefillFailed(ILogger logger, int round, string failure, int claimed, Exception exception);
}
