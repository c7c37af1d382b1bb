namespace Pinterest.Publishing.Internal.Failures;

/// <summary>
/// What kind of failure an exception is, as <see cref="FailureClassifier"/> decides it. Each layer acts on the kind,
/// never on the exception's type or status: the idempotent retry, the duplicate-safe create loop, media polling, the
/// scheduler's outcome and the publish telemetry tag. Two kinds exist only where some layer acts differently on them.
/// </summary>
internal enum FailureKind
{
    /// <summary>Not something any rule foresaw (a token store outage, a bug): may have been processed; retried later.</summary>
    Unexpected,

    // Pinterest answered.

    /// <summary>Pinterest refused the call (a 4xx other than 408 and 429): not processed, and the same call fails again.</summary>
    Refused,

    /// <summary>
    /// A 408 or 5xx, or a success whose answer did not fully arrive or held no token: it may have been processed, and
    /// the same call may succeed later.
    /// </summary>
    Transient,

    /// <summary>A 429 that is not a spam block: not processed; the same call may succeed after the wait.</summary>
    RateLimited,

    /// <summary>A 429 Pinterest flagged as spam: not processed; retried only after a long wait.</summary>
    SpamBlocked,

    /// <summary>Pinterest answered a non-error status with an answer that could not be used: it may have been processed.</summary>
    UnusableAnswer,

    /// <summary>
    /// An API failure without any HTTP status: a create whose attempts all failed before reaching Pinterest (connect
    /// failures, say). Retried later as a network failure.
    /// </summary>
    NoAnswer,

    /// <summary>The account's token was rejected and cannot be renewed: the account must be connected again.</summary>
    Reauthorize,

    /// <summary>
    /// The account's token lacks a scope the call needs (401 code 3): not processed, never refreshed nor retried, and
    /// the account must be connected again with more scopes, which the host must request.
    /// </summary>
    MissingScope,

    /// <summary>
    /// The token endpoint refused the app's own client id or secret: no account is to blame and nothing was sent on its
    /// behalf; every call that needs a token fails the same way until the operator fixes the settings.
    /// </summary>
    AppCredentialsRejected,

    /// <summary>
    /// A token refresh failed in a way Pinterest may have processed, so its refresh token may be spent: retried later
    /// (the next attempt reads the store and refreshes again), never at once, since an immediate resend of a spent
    /// refresh token would only be refused and report the account for reconnecting.
    /// </summary>
    TokenRefreshInDoubt,

    // The transport.

    /// <summary>
    /// Surely never reached Pinterest (or was answered that it was not processed): a connect failure, or any failure
    /// while the call's <see cref="SendAttempt"/> says so. Retrying cannot duplicate anything.
    /// </summary>
    NotSent,

    /// <summary>An HTTP transport failure once the request may have been sent (a reset, a protocol error).</summary>
    TransportFailed,

    /// <summary>Cancelled, but not by the caller: an HTTP timeout. The request may have been sent.</summary>
    TimedOut,

    /// <summary>An I/O failure or timeout outside the HTTP client (a file, a stream): retried later as a network failure.</summary>
    IOFailed,

    /// <summary>The caller cancelled.</summary>
    Cancelled,

    // The publish path.

    /// <summary>Preflight found errors in the draft: the same draft fails again.</summary>
    DraftInvalid,

    /// <summary>The request itself is malformed (<see cref="InvalidPublishRequestException"/>): the same request fails again.</summary>
    InvalidRequest,

    /// <summary>Pinterest could not process the uploaded video.</summary>
    ProcessingFailed,

    /// <summary>Pinterest did not finish processing the video in time: it may still finish.</summary>
    ProcessingTimedOut,

    /// <summary>The video upload host timed out, throttled, failed (5xx) or gave no answer.</summary>
    UploadInterrupted,

    /// <summary>The video upload host refused the upload (a 4xx other than 408 and 429).</summary>
    UploadRefused,

    /// <summary>
    /// The request's create deadline passed before its create call, or a scheduled publish's lease ended before it: not
    /// created; retried at once.
    /// </summary>
    LeaseExpired,

    /// <summary>The create call failed ambiguously and reconciliation could not tell whether the Pin exists.</summary>
    OutcomeUnknown,
}
