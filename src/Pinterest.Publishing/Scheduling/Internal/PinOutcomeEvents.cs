using Pinterest.Publishing.Events;
using Pinterest.Publishing.Events.Internal;

namespace Pinterest.Publishing.Scheduling.Internal;

/// <summary>Raises the observer event of a scheduled Pin's outcome: one event per completion, after the store recorded it.</summary>
internal static class PinOutcomeEvents
{
    public static void Raise(PublishingEvents events, ScheduledPin pin, PinPublishOutcome outcome)
    {
        var accountId = pin.Request.AccountId;
        var now = events.Now;
        switch (outcome)
        {
            case PinPublishOutcome.Published published:
                events.Raise(
                    new PinPublishedEvent { AccountId = accountId, ScheduledPinId = pin.Id, PinId = published.PinId, OccurredAt = now },
                    static (o, e, ct) => o.OnPinPublishedAsync(e, ct));
                break;
            case PinPublishOutcome.Rejected rejected:
                events.Raise(
                    new PinRejectedEvent { AccountId = accountId, ScheduledPinId = pin.Id, Codes = rejected.Codes, Reason = rejected.Reason, OccurredAt = now },
                    static (o, e, ct) => o.OnPinRejectedAsync(e, ct));
                break;
            case PinPublishOutcome.RetryAt retry:
                events.Raise(
                    new PinRetryScheduledEvent
                    {
                        AccountId = accountId,
                        ScheduledPinId = pin.Id,
                        RetryAt = retry.At,
                        Attempt = Math.Max(pin.Attempt, 1),
                        CountsAsAttempt = retry.CountsAsAttempt,
                        Reason = retry.Reason,
                        OccurredAt = now,
                    },
                    static (o, e, ct) => o.OnRetryScheduledAsync(e, ct));
                break;
            case PinPublishOutcome.Unknown unknown:
                events.Raise(
                    new PinOutcomeUnknownEvent { AccountId = accountId, ScheduledPinId = pin.Id, AttemptStartedAt = unknown.AttemptStartedAt, Reason = unknown.Reason, OccurredAt = now },
                    static (o, e, ct) => o.OnOutcomeUnknownAsync(e, ct));
                break;
            case PinPublishOutcome.Reauthorize:
                RaiseReauthorization(events, pin, outcome, PinterestReauthorizationReason.RevokedGrant, []);
                break;
            case PinPublishOutcome.MissingScope missing:
                RaiseReauthorization(events, pin, outcome, PinterestReauthorizationReason.MissingScope, missing.RequiredScopes);
                break;
            case PinPublishOutcome.AppCredentialsRejected:
                RaiseReauthorization(events, pin, outcome, PinterestReauthorizationReason.AppCredentials, []);
                break;
        }
    }

    private static void RaiseReauthorization(PublishingEvents events, ScheduledPin pin, PinPublishOutcome outcome, PinterestReauthorizationReason reason, IReadOnlyList<string> scopes) =>
        events.Raise(
            new ReauthorizationRequiredEvent
            {
                AccountId = pin.Request.AccountId,
                ScheduledPinId = pin.Id,
                Reason = reason,
                RequiredScopes = scopes,
                Detail = outcome.Reason,
                OccurredAt = events.Now,
            },
            static (o, e, ct) => o.OnReauthorizationRequiredAsync(e, ct));
}
