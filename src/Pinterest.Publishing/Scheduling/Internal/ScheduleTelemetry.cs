using Pinterest.Publishing.Diagnostics.Internal;

namespace Pinterest.Publishing.Scheduling.Internal;

/// <summary>The dispatcher's measurements, mapped onto <see cref="PinterestTelemetry"/> (which knows no scheduling types).</summary>
internal static class ScheduleTelemetry
{
    /// <summary>Records the Pins one claim returned and, for each, how late it was claimed (now − due).</summary>
    public static void RecordClaimed(PinterestTelemetry? telemetry, IReadOnlyList<ScheduledPin> claimed, DateTimeOffset claimedAt)
    {
        if (telemetry is null || claimed.Count == 0)
        {
            return;
        }

        telemetry.RecordScheduleClaimed(claimed.Count);
        foreach (var pin in claimed)
        {
            var lag = claimedAt - pin.DueAt;
            telemetry.RecordScheduleLag(lag < TimeSpan.Zero ? TimeSpan.Zero : lag);
        }
    }

    public static void RecordOutcome(PinterestTelemetry? telemetry, PinPublishOutcomeKind kind) => telemetry?.RecordScheduleOutcome(OutcomeTag(kind));

    /// <summary>The <c>outcome</c> tag of a kind: its name in snake case, from a closed set.</summary>
    public static string OutcomeTag(PinPublishOutcomeKind kind) => kind switch
    {
        PinPublishOutcomeKind.Published => "published",
        PinPublishOutcomeKind.Rejected => "rejected",
        PinPublishOutcomeKind.RetryAt => "retry_at",
        PinPublishOutcomeKind.Unknown => "unknown",
        PinPublishOutcomeKind.Reauthorize => "reauthorize",
        PinPublishOutcomeKind.MissingScope => "missing_scope",
        PinPublishOutcomeKind.AppCredentialsRejected => "app_credentials_rejected",
        _ => "other",
    };
}
