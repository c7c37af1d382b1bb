using System.Net;
using System.Net.Sockets;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Api.Internal;
using Pinterest.Publishing.Diagnostics.Internal;
using Pinterest.Publishing.Internal.Failures;
using Pinterest.Publishing.Internal.PublishPath;
using Pinterest.Publishing.Preflight;
using Pinterest.Publishing.Scheduling;
using Pinterest.Publishing.Scheduling.Internal;
using Pinterest.Publishing.VideoUpload;
using static Pinterest.Publishing.Internal.PublishPath.CreateFailureAction;
using static Pinterest.Publishing.Scheduling.PinPublishOutcomeKind;
using Pinterest.Publishing.Authentication.Internal;

namespace Pinterest.Publishing.Tests.Internal.Failures;

/// <summary>
/// Every kind of failure is decided in one place: each row runs one exception shape through the classifier and through
/// the real code of each layer that acts on it (the idempotent retry's predicate, the create loop's decision, media
/// polling, the scheduler's outcome mapping, the publish telemetry tag, <see cref="PinterestApiException.IsTransient"/>)
/// and shows that they read it the same way.
/// </summary>
public class FailureModelTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly PinSchedulingOptions Scheduling = new();
    private static readonly PinterestRetryPolicy RetryPolicy = new(new PinterestClientOptions(), new PinterestTelemetry());

    /// <summary>What the call knew about its request when it failed.</summary>
    private enum Sent
    {
        /// <summary>The caller tracks no send state (every layer but the create loop).</summary>
        Untracked,

        /// <summary>The request was not (re)sent: the token step failed, or Pinterest answered 401 first.</summary>
        No,

        /// <summary>The request was handed to the HTTP client.</summary>
        Maybe,
    }

    /// <summary>One exception shape and what each layer does with it.</summary>
    /// <param name="IsTransient"><see cref="PinterestApiException.IsTransient"/>, for API exceptions.</param>
    /// <param name="Retried">Whether the idempotent retry tries the call again.</param>
    /// <param name="Create">What the duplicate-safe create loop does.</param>
    /// <param name="Polled">Whether media polling keeps waiting.</param>
    /// <param name="Scheduler">The scheduler's outcome on a first attempt.</param>
    /// <param name="Code">The code the scheduler records when it rejects, or gives up after its last attempt (null: it never gives up).</param>
    /// <param name="Tag">The publish metric's outcome tag.</param>
    private sealed record Reading(FailureKind Kind, bool? IsTransient, bool Retried, CreateFailureAction Create, bool Polled, PinPublishOutcomeKind Scheduler, string? Code, string Tag);

    private sealed record Row(string Name, Exception Exception, Reading Expected, Sent Sent = Sent.Untracked, bool CallerCancelled = false);

    private static readonly Row[] Table =
    [
        // Pinterest answered.
        new Row("400 invalid parameter", Api(HttpStatusCode.BadRequest, 1), new(FailureKind.Refused, false, false, Surface, false, Rejected, "pinterest.api.1", "rejected")),
        new Row("401 without reauthorization", Api(HttpStatusCode.Unauthorized, 2), new(FailureKind.Refused, false, false, Surface, false, Rejected, "pinterest.api.2", "rejected")),
        new Row("403", Api(HttpStatusCode.Forbidden), new(FailureKind.Refused, false, false, Surface, false, Rejected, "http.403", "rejected")),
        new Row("404 board not found", Api(HttpStatusCode.NotFound, 40), new(FailureKind.Refused, false, false, Surface, false, Rejected, "pinterest.api.40", "rejected")),
        new Row("403 code 29 trial access", new PinterestTrialAccessException("trial", "rid"), new(FailureKind.Refused, false, false, Surface, false, Rejected, "pinterest.api.29", "rejected")),
        new Row("403 code 29 not permitted", Api(HttpStatusCode.Forbidden, 29), new(FailureKind.Refused, false, false, Surface, false, Rejected, "pinterest.api.29", "rejected")),

        // A missing scope: never refreshed, retried nor reconciled (a 401 is surely not processed); final, and not Reauthorize.
        new Row("401 code 3 missing scope", new PinterestInsufficientScopeException("scope", ["pins:write"], "rid"), new(FailureKind.MissingScope, false, false, Surface, false, MissingScope, null, "missing_scope")),
        new Row("401 code 3 as a plain API exception", Api(HttpStatusCode.Unauthorized, 3), new(FailureKind.MissingScope, false, false, Surface, false, MissingScope, null, "missing_scope")),
        new Row("401 code 3, whatever the send state", new PinterestInsufficientScopeException("scope", ["pins:write"], "rid"), new(FailureKind.MissingScope, false, false, Surface, false, MissingScope, null, "missing_scope"), Sent.No),
        new Row("408", Api(HttpStatusCode.RequestTimeout), new(FailureKind.Transient, true, true, Reconcile, true, RetryAt, "http.408", "retry")),
        new Row("500", Api(HttpStatusCode.InternalServerError), new(FailureKind.Transient, true, true, Reconcile, true, RetryAt, "http.500", "retry")),
        new Row("503 with Retry-After", Api(HttpStatusCode.ServiceUnavailable, retryAfter: TimeSpan.FromSeconds(5)), new(FailureKind.Transient, true, true, Reconcile, true, RetryAt, "http.503", "retry")),
        // Rate limits never use up the scheduler's attempts (a Trial app's daily limit lifts the next day): no code.
        new Row("429 as a plain API exception", Api(HttpStatusCode.TooManyRequests), new(FailureKind.RateLimited, true, true, Retry, true, RetryAt, null, "retry")),
        new Row("429 with Retry-After", RateLimit(spam: false, TimeSpan.FromSeconds(2)), new(FailureKind.RateLimited, true, true, Retry, true, RetryAt, null, "retry")),

        // Without Retry-After the idempotent retry waits Retry:RateLimitDelay (1 minute, within Retry:MaxRetryAfter).
        new Row("429 without Retry-After", RateLimit(spam: false, null), new(FailureKind.RateLimited, true, true, Retry, true, RetryAt, null, "retry")),

        // The create loop decides to retry; its wait past MaxRetryAfter then surfaces it.
        new Row("429 with Retry-After past the cap", RateLimit(spam: false, TimeSpan.FromDays(1)), new(FailureKind.RateLimited, true, false, Retry, true, RetryAt, null, "retry")),
        // A spam block spends an attempt of the Pin that met it (a Pin Pinterest keeps flagging ends Rejected), but not
        // of the Pins that only failed fast on its account's cool-down; both are retried, so tagged "retry".
        new Row("429 spam block", RateLimit(spam: true, null), new(FailureKind.SpamBlocked, false, false, Surface, false, RetryAt, "spam_block", "retry")),
        new Row("429 spam block with Retry-After", RateLimit(spam: true, TimeSpan.FromHours(6)), new(FailureKind.SpamBlocked, false, false, Surface, false, RetryAt, "spam_block", "retry")),
        new Row("spam-block cool-down, failed fast without sending", SpamCooldown(), new(FailureKind.SpamBlocked, false, false, Surface, false, RetryAt, null, "retry")),
        new Row("rate-limit cool-down, failed fast without sending", RateLimitCooldown(), new(FailureKind.RateLimited, true, true, Retry, true, RetryAt, null, "retry")),
        new Row("201 with an unreadable body", Api(HttpStatusCode.Created), new(FailureKind.UnusableAnswer, false, false, Reconcile, false, Rejected, "http.201", "rejected")),
        new Row("201 whose body never finished", new PinterestAnswerTimeoutException("slow", HttpStatusCode.Created, "rid", new TimeoutException()), new(FailureKind.Transient, true, true, Reconcile, true, RetryAt, "http.201", "retry")),
        // A refresh that may have spent its refresh token (a 5xx, a timeout or a reset once sent): no layer resends it at
        // once (a spent refresh token would be refused and the account reported for reconnecting); the scheduler retries.
        new Row("token refresh in doubt", InDoubt(), new(FailureKind.TokenRefreshInDoubt, true, false, Surface, false, RetryAt, "http.503", "retry")),
        new Row("token refresh in doubt, before the create was sent", InDoubt(), new(FailureKind.TokenRefreshInDoubt, true, false, Surface, false, RetryAt, "http.503", "retry"), Sent.No),

        // The app's own client id or secret refused at the token endpoint (401 code 2): no account is to blame, the
        // same call fails until the operator fixes the settings, and the scheduler keeps the Pin (never gives up on it).
        new Row("token endpoint 401 code 2: the app's credentials", AppCredentials(), new(FailureKind.AppCredentialsRejected, null, false, Surface, false, AppCredentialsRejected, null, "app_credentials")),
        new Row("token endpoint 401 code 2 before the create was sent", AppCredentials(), new(FailureKind.AppCredentialsRejected, null, false, Surface, false, AppCredentialsRejected, null, "app_credentials"), Sent.No),
        // Any other 400/401 of the token endpoint's refresh (not 283, not 401 code 2): the grant could not be used, the
        // draft is not at fault, so the account is reported for reconnecting instead of the Pin rejected for good.
        new Row("token endpoint 400 code 1 on a refresh", new PinterestReauthorizationRequiredException("refresh refused", "acct", Api(HttpStatusCode.BadRequest, 1)), new(FailureKind.Reauthorize, null, false, Surface, false, Reauthorize, null, "reauthorize"), Sent.No),
        new Row("token endpoint 200 without a token", new PinterestTokenAnswerException("no token", HttpStatusCode.OK), new(FailureKind.Transient, true, true, Reconcile, true, RetryAt, "http.200", "retry")),

        // Status 0: connect failures that outlived the create's retries. The scheduler retries it as network, and
        // telemetry says so too ("retry", where it used to say "rejected").
        new Row("status 0: the create never reached Pinterest", NeverReachedPinterest(), new(FailureKind.NoAnswer, false, false, Reconcile, false, RetryAt, "network", "retry")),

        // Outcomes of the publish path.
        new Row("reauthorization required", new PinterestReauthorizationRequiredException("connect again", "acct"), new(FailureKind.Reauthorize, null, false, Surface, false, Reauthorize, null, "reauthorize")),
        new Row("reauthorization required before sending", new PinterestReauthorizationRequiredException("connect again", "acct"), new(FailureKind.Reauthorize, null, false, Surface, false, Reauthorize, null, "reauthorize"), Sent.No),
        new Row("publish outcome unknown", new PinterestPublishOutcomeUnknownException("unknown", Now), new(FailureKind.OutcomeUnknown, null, false, Reconcile, false, Unknown, null, "unknown")),
        new Row("video processing failed", Processing(PinterestMediaProcessingException.TranscodeFailedCode), new(FailureKind.ProcessingFailed, null, false, Reconcile, false, Rejected, PinterestMediaProcessingException.TranscodeFailedCode, "failed")),
        new Row("video processing timed out", Processing(PinterestMediaProcessingException.TranscodeTimeoutCode), new(FailureKind.ProcessingTimedOut, null, false, Reconcile, false, RetryAt, PinterestMediaProcessingException.TranscodeTimeoutCode, "failed")),
        new Row("video upload without an answer", new PinterestVideoUploadException("timed out", statusCode: null), new(FailureKind.UploadInterrupted, null, false, Reconcile, false, RetryAt, "upload", "failed")),
        new Row("video upload 408", new PinterestVideoUploadException("408", HttpStatusCode.RequestTimeout), new(FailureKind.UploadInterrupted, null, false, Reconcile, false, RetryAt, "upload", "failed")),
        new Row("video upload 429", new PinterestVideoUploadException("429", HttpStatusCode.TooManyRequests), new(FailureKind.UploadInterrupted, null, false, Reconcile, false, RetryAt, "upload", "failed")),
        new Row("video upload 503", new PinterestVideoUploadException("503", HttpStatusCode.ServiceUnavailable), new(FailureKind.UploadInterrupted, null, false, Reconcile, false, RetryAt, "upload", "failed")),
        new Row("video upload 403", new PinterestVideoUploadException("403", HttpStatusCode.Forbidden), new(FailureKind.UploadRefused, null, false, Reconcile, false, Rejected, "upload", "failed")),
        new Row("preflight errors", Preflight("pinterest.title.too_long"), new(FailureKind.DraftInvalid, null, false, Reconcile, false, Rejected, "pinterest.title.too_long", "rejected")),
        new Row("malformed request", new InvalidPublishRequestException("The image URL is null.", "request.Media.Url"), new(FailureKind.InvalidRequest, null, false, Reconcile, false, Rejected, "request.invalid", "failed")),
        new Row("schedule lease expired", new ScheduleLeaseExpiredException(Now, new OperationCanceledException()), new(FailureKind.LeaseExpired, null, false, Reconcile, false, RetryAt, "lease_expired", "failed")),
        new Row("create deadline passed", new PinterestCreateDeadlineExceededException(Now), new(FailureKind.LeaseExpired, null, false, Reconcile, false, RetryAt, "lease_expired", "failed")),

        // The transport.
        new Row("connection refused", Connect(HttpRequestError.ConnectionError, SocketError.ConnectionRefused), new(FailureKind.NotSent, null, true, Retry, true, RetryAt, "network", "failed")),
        new Row("host not found", Connect(HttpRequestError.NameResolutionError, SocketError.HostNotFound), new(FailureKind.NotSent, null, true, Retry, true, RetryAt, "network", "failed")),
        new Row("connection reset once sent", new HttpRequestException(HttpRequestError.ResponseEnded, "reset", new IOException("reset")), new(FailureKind.TransportFailed, null, true, Reconcile, true, RetryAt, "network", "failed")),
        new Row("I/O failure", new IOException("broken pipe"), new(FailureKind.IOFailed, null, false, Reconcile, false, RetryAt, "network", "failed")),
        new Row("timeout outside HTTP", new TimeoutException("slow"), new(FailureKind.IOFailed, null, false, Reconcile, false, RetryAt, "network", "failed")),
        new Row("HTTP timeout, not the caller's", new TaskCanceledException("timeout", new TimeoutException()), new(FailureKind.TimedOut, null, false, Reconcile, true, RetryAt, "network", "cancelled"), Sent.Maybe),
        new Row("caller cancelled once sent", new OperationCanceledException(), new(FailureKind.Cancelled, null, false, ReportUnknown, false, RetryAt, "network", "cancelled"), Sent.Maybe, CallerCancelled: true),
        new Row("caller cancelled, send untracked", new OperationCanceledException(), new(FailureKind.Cancelled, null, false, ReportUnknown, false, RetryAt, "network", "cancelled"), CallerCancelled: true),
        new Row("caller cancelled before sending", new OperationCanceledException(), new(FailureKind.Cancelled, null, false, Surface, false, RetryAt, "network", "cancelled"), Sent.No, CallerCancelled: true),

        // Not sent versus may have been sent: only the create loop knows, and only it acts on it.
        new Row("503 from the token endpoint after a 401", Api(HttpStatusCode.ServiceUnavailable), new(FailureKind.NotSent, true, true, Retry, true, RetryAt, "http.503", "retry"), Sent.No),
        new Row("503 once the create may have been sent", Api(HttpStatusCode.ServiceUnavailable), new(FailureKind.Transient, true, true, Reconcile, true, RetryAt, "http.503", "retry"), Sent.Maybe),
        new Row("token store outage before sending", new InvalidOperationException("token store is down"), new(FailureKind.NotSent, null, false, Retry, false, RetryAt, "unexpected", "failed"), Sent.No),

        // Anything else.
        new Row("unexpected exception", new InvalidOperationException("a bug after sending"), new(FailureKind.Unexpected, null, false, Reconcile, false, RetryAt, "unexpected", "failed"), Sent.Maybe),
        new Row("argument error from a token store", new ArgumentException("refused the account id", "accountId"), new(FailureKind.Unexpected, null, false, Reconcile, false, RetryAt, "unexpected", "failed")),
        new Row("a bare PinterestException", new PinterestException("other"), new(FailureKind.Unexpected, null, false, Reconcile, false, RetryAt, "unexpected", "failed")),
    ];

    public static TheoryData<string> Rows() => new(Table.Select(row => row.Name));

    [Theory]
    [MemberData(nameof(Rows))]
    public void Every_layer_reads_a_failure_the_way_the_classifier_decides(string name)
    {
        var row = Table.Single(r => r.Name == name);
        var sendAttempt = SendAttemptOf(row);
        var exception = row.Exception;
        var callerToken = new CancellationToken(row.CallerCancelled);

        var reading = new Reading(
            FailureClassifier.Classify(exception, row.CallerCancelled, sendAttempt),
            (exception as PinterestApiException)?.IsTransient,
            RetryPolicy.ShouldRetry(exception),
            DuplicateSafePinCreator.DecideAfterFailure(exception, sendAttempt, row.CallerCancelled),
            VideoUploadOperation.IsTransient(exception, callerToken),
            PinPublishOutcomeMapper.FromException(exception, 1, Now, Scheduling).Kind,
            CodeWhenGivingUp(exception),
            PinPublisher.OutcomeTag(exception));

        Assert.Equal(row.Expected, reading);
    }

    [Fact]
    public void A_connect_failure_that_outlived_the_create_retries_is_retried_as_network_and_tagged_retry()
    {
        var exception = NeverReachedPinterest();

        var first = Assert.IsType<PinPublishOutcome.RetryAt>(PinPublishOutcomeMapper.FromException(exception, 1, Now, Scheduling));
        var last = Assert.IsType<PinPublishOutcome.Rejected>(PinPublishOutcomeMapper.FromException(exception, Scheduling.MaxAttempts, Now, Scheduling));

        Assert.True(first.At > Now);
        Assert.Equal(["network"], last.Codes);
        Assert.Equal("retry", PinPublisher.OutcomeTag(exception));
    }

    [Fact]
    public void A_missing_scope_is_a_final_outcome_that_names_the_scopes_even_on_the_last_attempt()
    {
        var exception = new PinterestInsufficientScopeException("Pinterest create Pin failed with HTTP 401: request the scopes.", ["boards:read", "pins:write"], "rid");

        var first = Assert.IsType<PinPublishOutcome.MissingScope>(PinPublishOutcomeMapper.FromException(exception, 1, Now, Scheduling));
        var last = Assert.IsType<PinPublishOutcome.MissingScope>(PinPublishOutcomeMapper.FromException(exception, Scheduling.MaxAttempts, Now, Scheduling));

        Assert.Equal(["boards:read", "pins:write"], first.RequiredScopes);
        Assert.Equal(exception.Message, first.Reason);
        Assert.True(first.IsFinal);
        Assert.Equal(first.RequiredScopes, last.RequiredScopes);
    }

    [Fact]
    public void Refused_app_credentials_are_a_final_outcome_for_the_app_not_a_reauthorization_even_on_the_first_attempt()
    {
        var exception = AppCredentials();

        var first = PinPublishOutcomeMapper.FromException(exception, 1, Now, Scheduling);

        var outcome = Assert.IsType<PinPublishOutcome.AppCredentialsRejected>(first);
        Assert.True(outcome.IsFinal);
        Assert.Equal(exception.Message, outcome.Reason);
        Assert.Contains("Pinterest:ClientSecret", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_kind_has_a_row()
    {
        var covered = Table.Select(row => FailureClassifier.Classify(row.Exception, row.CallerCancelled, SendAttemptOf(row))).ToHashSet();

        Assert.Empty(Enum.GetValues<FailureKind>().Except(covered));
    }

    /// <summary>The code the scheduler records for the failure once it stops retrying, or null when it never gives up on it.</summary>
    private static string? CodeWhenGivingUp(Exception exception) =>
        PinPublishOutcomeMapper.FromException(exception, Scheduling.MaxAttempts, Now, Scheduling) is PinPublishOutcome.Rejected rejected
            ? string.Join(",", rejected.Codes)
            : null;

    private static SendAttempt? SendAttemptOf(Row row)
    {
        if (row.Sent == Sent.Untracked)
        {
            return null;
        }

        var attempt = new SendAttempt();
        if (row.Sent == Sent.Maybe)
        {
            attempt.MarkSending();
        }

        return attempt;
    }

    private static PinterestApiException Api(HttpStatusCode status, int? code = null, TimeSpan? retryAfter = null) =>
        new($"HTTP {(int)status}", status, code, "rid", retryAfter);

    private static TokenRefreshInDoubtException InDoubt() =>
        TokenRefreshInDoubtException.For("acct", Api(HttpStatusCode.ServiceUnavailable));

    private static PinterestAppCredentialsException AppCredentials() =>
        new("Pinterest refused the app's client credentials: check Pinterest:ClientId and Pinterest:ClientSecret.", Api(HttpStatusCode.Unauthorized, 2));

    private static PinterestRateLimitException RateLimit(bool spam, TimeSpan? retryAfter) =>
        new("slow down", 8, "rid", retryAfter, spam);

    // As AccountCooldownStage raises them for the other publishes of a cooling account.
    private static PinterestRateLimitException SpamCooldown() =>
        new("cooling down after a spam block", errorCode: null, requestId: null, TimeSpan.FromHours(5), isSpamBlock: true) { FailedFast = true };

    private static PinterestRateLimitException RateLimitCooldown() =>
        new("cooling down after a rate limit", errorCode: null, requestId: null, TimeSpan.FromSeconds(30), isSpamBlock: false) { FailedFast = true, RateLimitCategory = "org_write" };

    private static PinterestApiException NeverReachedPinterest() =>
        new("Creating the Pin failed before it reached Pinterest: refused", Connect(HttpRequestError.ConnectionError, SocketError.ConnectionRefused));

    private static HttpRequestException Connect(HttpRequestError error, SocketError socketError) =>
        new(error, "connect failed", new SocketException((int)socketError));

    private static PinterestMediaProcessingException Processing(string code) => new("processing", "media-1", code);

    private static PinPreflightException Preflight(string code) =>
        new(new PreflightResult([new PreflightIssue { Code = code, Severity = PreflightSeverity.Error, Message = "too long" }]));
}
