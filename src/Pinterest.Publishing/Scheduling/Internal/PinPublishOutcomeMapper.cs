using Pinterest.Publishing.Internal.Failures;

namespace Pinterest.Publishing.Scheduling.Internal;

/// <summary>Turns the result or exception of one publish into the outcome a scheduler can act on.</summary>
internal static class PinPublishOutcomeMapper
{
    /// <summary>The code of a Pin rejected because Pinterest flagged it as spam on every attempt.</summary>
    public const string SpamBlockCode = "spam_block";

    public static PinPublishOutcome FromResult(PublishPinResult result) =>
        new PinPublishOutcome.Published(result.PinId);

    /// <summary>The outcome of a failed publish, by the kind of failure the failure model sees in it.</summary>
    /// <param name="exception">What <see cref="IPinPublisher.PublishAsync"/> threw.</param>
    /// <param name="attempt">The attempt that failed, from 1.</param>
    /// <param name="now">The dispatcher's clock.</param>
    /// <param name="options">Backoff settings.</param>
    public static PinPublishOutcome FromException(Exception exception, int attempt, DateTimeOffset now, PinSchedulingOptions options) =>
        FailureClassifier.Classify(exception) switch
        {
            FailureKind.LeaseExpired => Retry(exception.Message, TimeSpan.Zero, attempt, now, options, "lease_expired"),
            FailureKind.DraftInvalid => new PinPublishOutcome.Rejected(exception.Message, PreflightCodes(exception)),
            FailureKind.Reauthorize => new PinPublishOutcome.Reauthorize(exception.Message),
            FailureKind.MissingScope => new PinPublishOutcome.MissingScope(exception.Message, (exception as PinterestInsufficientScopeException)?.RequiredScopes ?? []),

            // The app's client id or secret: no account to reconnect and nothing wrong with the Pin, but no retry helps
            // until the operator fixes the settings, so the outcome is final and says so.
            FailureKind.AppCredentialsRejected => new PinPublishOutcome.AppCredentialsRejected(exception.Message),
            FailureKind.TokenRefreshInDoubt => Retry(exception.Message, null, attempt, now, options, Code(exception)),
            FailureKind.OutcomeUnknown => new PinPublishOutcome.Unknown(exception.Message, (exception as PinterestPublishOutcomeUnknownException)?.AttemptStartedAt ?? now),
            // Rate limits: the Pin waits for its account's cool-down (the exception's RetryAfter, the time left), never
            // counted as an attempt, so a Trial app's Pins wait for the next day instead of giving up. So does a Pin
            // that only failed fast on its account's spam-block cool-down: another Pin met the block.
            FailureKind.SpamBlocked when exception is PinterestRateLimitException { FailedFast: true } =>
                RateLimitWait(exception.Message, RetryAfter(exception), options.SpamBlockDelay, now, options),

            // The Pin Pinterest itself flagged as spam spends an attempt: one it keeps flagging ends Rejected after
            // MaxAttempts, instead of cooling its whole account down for SpamBlockDelay on every retry forever.
            FailureKind.SpamBlocked => Retry(exception.Message, RetryAfter(exception) ?? options.SpamBlockDelay, attempt, now, options, SpamBlockCode),
            FailureKind.RateLimited => RateLimitWait(exception.Message, RetryAfter(exception), RetryDelay(attempt, options), now, options),
            FailureKind.ProcessingFailed => new PinPublishOutcome.Rejected(exception.Message, [Code(exception)]),
            FailureKind.ProcessingTimedOut => Retry(exception.Message, null, attempt, now, options, Code(exception)),
            FailureKind.Transient => Retry(exception.Message, RetryAfter(exception), attempt, now, options, Code(exception)),

            // No answer from Pinterest at all (connection failures after the create's retries ran out).
            FailureKind.NoAnswer => Retry(exception.Message, null, attempt, now, options, "network"),
            FailureKind.UploadInterrupted => Retry(exception.Message, null, attempt, now, options, "upload"),
            FailureKind.UploadRefused => new PinPublishOutcome.Rejected(exception.Message, ["upload"]),
            FailureKind.Refused or FailureKind.UnusableAnswer => new PinPublishOutcome.Rejected(exception.Message, [Code(exception)]),

            // The scheduled request itself is malformed (no account id, a null URL): every retry would fail the same way.
            // Other argument errors (from a host's token store, say) are not the draft's fault and are retried.
            FailureKind.InvalidRequest => new PinPublishOutcome.Rejected($"The scheduled request is invalid: {exception.Message}", ["request.invalid"]),
            FailureKind.NotSent or FailureKind.TransportFailed or FailureKind.TimedOut or FailureKind.Cancelled or FailureKind.IOFailed =>
                Retry($"The publish failed before reaching Pinterest: {exception.GetType().Name}.", null, attempt, now, options, "network"),

            // Not something the draft can fix (a token store outage, say): try again, up to MaxAttempts.
            _ => Retry($"The publish failed: {exception.GetType().Name}: {exception.Message}", null, attempt, now, options, "unexpected"),
        };

    private static PinPublishOutcome Retry(string reason, TimeSpan? retryAfter, int attempt, DateTimeOffset now, PinSchedulingOptions options, string code)
    {
        if (attempt >= options.MaxAttempts)
        {
            return new PinPublishOutcome.Rejected($"Gave up after {attempt} attempts: {reason}", [code]);
        }

        var delay = retryAfter is { } wait ? Capped(wait, options) : RetryDelay(attempt, options);
        return new PinPublishOutcome.RetryAt(After(now, delay), reason);
    }

    private static PinPublishOutcome.RetryAt RateLimitWait(string reason, TimeSpan? retryAfter, TimeSpan otherwise, DateTimeOffset now, PinSchedulingOptions options) =>
        new(After(now, retryAfter is { } wait ? Capped(wait, options) : otherwise), reason) { CountsAsAttempt = false };

    // A server-chosen wait is capped: a Retry-After in the year 9999 would otherwise park the Pin forever.
    private static TimeSpan Capped(TimeSpan wait, PinSchedulingOptions options) => wait < options.MaxRetryAfter ? wait : options.MaxRetryAfter;

    private static TimeSpan? RetryAfter(Exception exception) => (exception as PinterestApiException)?.RetryAfter;

    /// <summary><paramref name="now"/> plus <paramref name="delay"/>, clamped to the calendar instead of overflowing.</summary>
    private static DateTimeOffset After(DateTimeOffset now, TimeSpan delay) =>
        delay <= TimeSpan.Zero ? now
        : delay < DateTimeOffset.MaxValue - now ? now + delay
        : DateTimeOffset.MaxValue;

    // No jitter: the scheduler's clock, not many clients in step, decides when a Pin is due again.
    private static TimeSpan RetryDelay(int attempt, PinSchedulingOptions options) =>
        Backoff.Exponential(options.RetryBaseDelay, attempt - 1, options.RetryMaxDelay, jitter: null);

    private static string[] PreflightCodes(Exception exception) =>
        exception is PinPreflightException preflight ? preflight.Result.Errors.Select(e => e.Code).Distinct().ToArray() : ["preflight"];

    private static string Code(Exception exception) => exception switch
    {
        PinterestApiException { ErrorCode: { } code } => $"pinterest.api.{code}",
        PinterestApiException api => $"http.{(int)api.StatusCode}",
        PinterestMediaProcessingException processing => processing.Code,
        _ => "unexpected",
    };
}
