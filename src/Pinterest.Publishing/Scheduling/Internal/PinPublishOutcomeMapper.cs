using System.Net;

namespace Pinterest.Publishing.Scheduling.Internal;

/// <summary>Turns the result or exception of one publish into the outcome a scheduler can act on.</summary>
internal static class PinPublishOutcomeMapper
{
    public static PinPublishOutcome FromResult(PublishPinResult result) =>
        new PinPublishOutcome.Published(result.PinId);

    /// <param name="exception">What <see cref="IPinPublisher.PublishAsync"/> threw.</param>
    /// <param name="attempt">The attempt that failed, from 1.</param>
    /// <param name="now">The dispatcher's clock.</param>
    /// <param name="options">Backoff settings.</param>
    public static PinPublishOutcome FromException(Exception exception, int attempt, DateTimeOffset now, PinSchedulingOptions options)
    {
        switch (exception)
        {
            case ScheduleLeaseExpiredException leaseExpired:
                return Retry(leaseExpired.Message, TimeSpan.Zero, attempt, now, options, "lease_expired");
            case PinPreflightException preflight:
                return new PinPublishOutcome.Rejected(preflight.Message, preflight.Result.Errors.Select(e => e.Code).Distinct().ToArray());
            case PinterestReauthorizationRequiredException reauth:
                return new PinPublishOutcome.Reauthorize(reauth.Message);
            case PinterestPublishOutcomeUnknownException unknown:
                return new PinPublishOutcome.Unknown(unknown.Message, unknown.AttemptStartedAt);
            case PinterestRateLimitException { IsSpamBlock: true } spam:
                return new PinPublishOutcome.RetryAt(After(now, options.SpamBlockDelay), spam.Message);
            case PinterestMediaProcessingException { Code: PinterestMediaProcessingException.TranscodeFailedCode } failed:
                return new PinPublishOutcome.Rejected(failed.Message, [failed.Code]);
            case PinterestMediaProcessingException timeout:
                return Retry(timeout.Message, null, attempt, now, options, timeout.Code);
            case PinterestApiException { IsTransient: true } transient:
                return Retry(transient.Message, transient.RetryAfter, attempt, now, options, Code(transient));
            case PinterestApiException { StatusCode: 0 } network:
                // No answer from Pinterest at all (connection failures after the retries ran out).
                return Retry(network.Message, null, attempt, now, options, "network");
            case PinterestVideoUploadException { StatusCode: null or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError } upload:
                return Retry(upload.Message, null, attempt, now, options, "upload");
            case PinterestVideoUploadException refused:
                return new PinPublishOutcome.Rejected(refused.Message, ["upload"]);
            case PinterestApiException permanent:
                return new PinPublishOutcome.Rejected(permanent.Message, [Code(permanent)]);
            case ArgumentException { ParamName: "request" } invalid:
                // The scheduled request itself is malformed (no account id, say): every retry would fail the same way.
                // Other argument errors (from a host's token store, say) are not the draft's fault and are retried.
                return new PinPublishOutcome.Rejected($"The scheduled request is invalid: {invalid.Message}", ["request.invalid"]);
            case HttpRequestException or IOException or TimeoutException or OperationCanceledException:
                return Retry($"The publish failed before reaching Pinterest: {exception.GetType().Name}.", null, attempt, now, options, "network");
            default:
                // Not something the draft can fix (a token store outage, say): try again, up to MaxAttempts.
                return Retry($"The publish failed: {exception.GetType().Name}: {exception.Message}", null, attempt, now, options, "unexpected");
        }
    }

    private static PinPublishOutcome Retry(string reason, TimeSpan? retryAfter, int attempt, DateTimeOffset now, PinSchedulingOptions options, string code)
    {
        if (attempt >= options.MaxAttempts)
        {
            return new PinPublishOutcome.Rejected($"Gave up after {attempt} attempts: {reason}", [code]);
        }

        // A server-chosen wait is capped: a Retry-After in the year 9999 would otherwise park the Pin forever.
        var delay = retryAfter is { } wait ? (wait < options.MaxRetryAfter ? wait : options.MaxRetryAfter) : Backoff(attempt, options);
        return new PinPublishOutcome.RetryAt(After(now, delay), reason);
    }

    /// <summary><paramref name="now"/> plus <paramref name="delay"/>, clamped to the calendar instead of overflowing.</summary>
    private static DateTimeOffset After(DateTimeOffset now, TimeSpan delay) =>
        delay <= TimeSpan.Zero ? now
        : delay < DateTimeOffset.MaxValue - now ? now + delay
        : DateTimeOffset.MaxValue;

    internal static TimeSpan Backoff(int attempt, PinSchedulingOptions options)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var delay = options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, exponent);
        return TimeSpan.FromMilliseconds(Math.Min(delay, options.RetryMaxDelay.TotalMilliseconds));
    }

    private static string Code(PinterestApiException exception) =>
        exception.ErrorCode is { } code ? $"pinterest.api.{code}" : $"http.{(int)exception.StatusCode}";
}
