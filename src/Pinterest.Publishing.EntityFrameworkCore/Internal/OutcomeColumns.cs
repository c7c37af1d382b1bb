using Pinterest.Publishing.Scheduling;

namespace Pinterest.Publishing.EntityFrameworkCore.Internal;

/// <summary>
/// A <see cref="PinPublishOutcome"/> as the outcome columns of <c>pinterest_scheduled_pins</c>, and back: every kind
/// comes back as the same record (its Pin id, codes, scopes, times and whether a retry counted).
/// </summary>
internal readonly record struct OutcomeColumns(int Kind, string Reason, string? PinId, string? Codes, long? At, bool? CountsAsAttempt)
{
    // Codes and scopes are identifiers without line breaks; one a line keeps them readable in the table.
    private const char Separator = '\n';

    public static OutcomeColumns From(PinPublishOutcome outcome) => outcome switch
    {
        PinPublishOutcome.Published p => new((int)p.Kind, p.Reason, p.PinId, null, null, null),
        PinPublishOutcome.Rejected r => new((int)r.Kind, r.Reason, null, string.Join(Separator, r.Codes), null, null),
        PinPublishOutcome.RetryAt t => new((int)t.Kind, t.Reason, null, null, UtcTicks.From(t.At), t.CountsAsAttempt),
        PinPublishOutcome.Unknown u => new((int)u.Kind, u.Reason, null, null, UtcTicks.From(u.AttemptStartedAt), null),
        PinPublishOutcome.MissingScope m => new((int)m.Kind, m.Reason, null, string.Join(Separator, m.RequiredScopes), null, null),
        _ => new((int)outcome.Kind, outcome.Reason, null, null, null, null),
    };

    public static PinPublishOutcome? Read(ScheduledPinRow row)
    {
        if (row.OutcomeKind is not { } kind)
        {
            return null;
        }

        var reason = row.OutcomeReason ?? "";
        return (PinPublishOutcomeKind)kind switch
        {
            PinPublishOutcomeKind.Published => new PinPublishOutcome.Published(row.OutcomePinId!) { Reason = reason },
            PinPublishOutcomeKind.Rejected => new PinPublishOutcome.Rejected(reason, Split(row.OutcomeCodes)),
            PinPublishOutcomeKind.RetryAt => new PinPublishOutcome.RetryAt(UtcTicks.To(row.OutcomeAt ?? 0), reason) { CountsAsAttempt = row.OutcomeCountsAsAttempt ?? true },
            PinPublishOutcomeKind.Unknown => new PinPublishOutcome.Unknown(reason, UtcTicks.To(row.OutcomeAt ?? 0)),
            PinPublishOutcomeKind.Reauthorize => new PinPublishOutcome.Reauthorize(reason),
            PinPublishOutcomeKind.MissingScope => new PinPublishOutcome.MissingScope(reason, Split(row.OutcomeCodes)),
            PinPublishOutcomeKind.AppCredentialsRejected => new PinPublishOutcome.AppCredentialsRejected(reason),
            _ => throw new InvalidOperationException(
                $"The scheduled Pin {row.Id} has outcome kind {kind}, which this version of Pinterest.Publishing does not know: upgrade the library."),
        };
    }

    private static string[] Split(string? codes) => string.IsNullOrEmpty(codes) ? [] : codes.Split(Separator);
}
