using System.Net;
using System.Net.Sockets;

namespace Pinterest.Publishing.Internal.Failures;

/// <summary>
/// The one place that decides what kind of failure an exception is. Every layer asks it and acts on the
/// <see cref="FailureKind"/>: <see cref="PinterestApiException.IsTransient"/>, the idempotent retry's predicate, the
/// duplicate-safe create loop (retry, reconcile or surface), media polling, the scheduler's outcome and the publish
/// telemetry tag. The rules are an ordered table; the first that matches decides.
/// </summary>
/// <remarks>
/// <para>
/// How to add a failure case: add one rule to <see cref="Rules"/> (before any broader rule it must win over, such as
/// the status ranges), mapping the exception's shape to an existing kind, and one row to
/// <c>FailureModelTests</c> (tests/…/Internal/Failures) showing what the retry, the create loop, polling, the scheduler
/// and telemetry do with it. "Pinterest answered 409 with code 12" would be one line:
/// <c>new(FailureKind.Refused, static (e, _) => e is PinterestApiException { StatusCode: HttpStatusCode.Conflict, ErrorCode: 12 })</c>.
/// Only a case some layer must treat differently from every existing kind needs a new <see cref="FailureKind"/>; then
/// give it a branch in each consumer's switch (the compiler does not force one: the table test does).
/// </para>
/// <para>
/// Rules see the exception and what only the caller knows: whether the caller cancelled, and the call's
/// <see cref="SendAttempt"/> (whether the request may have reached Pinterest). They never ask
/// <see cref="PinterestApiException.IsTransient"/>, which is computed from them.
/// </para>
/// </remarks>
internal static class FailureClassifier
{
    private static readonly Rule[] Rules =
    [
        // What the caller knows comes first: a rejected token, or one without the call's scopes, is never retried, the
        // caller's cancellation is theirs, and a failure before the request was (re)sent cannot have been processed,
        // whatever its type.
        new(FailureKind.Reauthorize, static (e, _) => e is PinterestReauthorizationRequiredException),
        new(FailureKind.MissingScope, static (e, _) => e is PinterestInsufficientScopeException or PinterestApiException { StatusCode: HttpStatusCode.Unauthorized, ErrorCode: PinterestInsufficientScopeException.InsufficientScopeErrorCode }),
        // Neither, at once, are the app's refused client credentials and a refresh that may have spent its refresh token.
        new(FailureKind.AppCredentialsRejected, static (e, _) => e is PinterestAppCredentialsException),
        new(FailureKind.TokenRefreshInDoubt, static (e, _) => e is TokenRefreshInDoubtException),
        new(FailureKind.Cancelled, static (e, c) => e is OperationCanceledException && c.CallerCancelled),
        new(FailureKind.NotSent, static (_, c) => c.Send is { MayHaveBeenSent: false }),

        // The publish path's own failures.
        new(FailureKind.LeaseExpired, static (e, _) => e is ScheduleLeaseExpiredException),
        new(FailureKind.LeaseExpired, static (e, _) => e is PinterestCreateDeadlineExceededException),
        new(FailureKind.DraftInvalid, static (e, _) => e is PinPreflightException),
        new(FailureKind.InvalidRequest, static (e, _) => e is InvalidPublishRequestException),
        new(FailureKind.OutcomeUnknown, static (e, _) => e is PinterestPublishOutcomeUnknownException),
        new(FailureKind.ProcessingFailed, static (e, _) => e is PinterestMediaProcessingException { Code: PinterestMediaProcessingException.TranscodeFailedCode }),
        new(FailureKind.ProcessingTimedOut, static (e, _) => e is PinterestMediaProcessingException),
        new(FailureKind.UploadInterrupted, static (e, _) => e is PinterestVideoUploadException { StatusCode: null or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError }),
        new(FailureKind.UploadRefused, static (e, _) => e is PinterestVideoUploadException),

        // Pinterest's answer: the specific shapes, then the status ranges.
        new(FailureKind.SpamBlocked, static (e, _) => e is PinterestRateLimitException { IsSpamBlock: true }),
        new(FailureKind.RateLimited, static (e, _) => e is PinterestRateLimitException or PinterestApiException { StatusCode: HttpStatusCode.TooManyRequests }),
        new(FailureKind.Transient, static (e, _) => e is TransientAnswerException),
        new(FailureKind.NoAnswer, static (e, _) => e is PinterestApiException { StatusCode: 0 }),
        new(FailureKind.Transient, static (e, _) => e is PinterestApiException { StatusCode: HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError }),
        new(FailureKind.Refused, static (e, _) => e is PinterestApiException { StatusCode: >= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError }),
        new(FailureKind.UnusableAnswer, static (e, _) => e is PinterestApiException),

        // The transport.
        new(FailureKind.NotSent, static (e, _) => e is HttpRequestException http && IsConnectFailure(http)),
        new(FailureKind.TransportFailed, static (e, _) => e is HttpRequestException),
        new(FailureKind.TimedOut, static (e, _) => e is OperationCanceledException),
        new(FailureKind.IOFailed, static (e, _) => e is IOException or TimeoutException),
    ];

    /// <summary>The kind of <paramref name="exception"/>.</summary>
    /// <param name="exception">The failure.</param>
    /// <param name="callerCancelled">Whether the caller's cancellation token was cancelled.</param>
    /// <param name="sendAttempt">The call's send state, when the caller tracks one; <see langword="null"/>: unknown.</param>
    /// <returns>The kind of the first rule that matches, or <see cref="FailureKind.Unexpected"/>.</returns>
    public static FailureKind Classify(Exception exception, bool callerCancelled = false, SendAttempt? sendAttempt = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var context = new Context(callerCancelled, sendAttempt);
        foreach (var rule in Rules)
        {
            if (rule.Matches(exception, context))
            {
                return rule.Kind;
            }
        }

        return FailureKind.Unexpected;
    }

    private static bool IsConnectFailure(HttpRequestException exception) =>
        exception.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError ||
        exception.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.NetworkUnreachable or SocketError.HostUnreachable };

    private readonly record struct Context(bool CallerCancelled, SendAttempt? Send);

    private sealed record Rule(FailureKind Kind, Func<Exception, Context, bool> Matches);
}
