using Pinterest.Publishing.Diagnostics.Internal;
using Pinterest.Publishing.Scheduling.Internal;

namespace Pinterest.Publishing.Scheduling;

/// <summary>
/// What happened to a scheduled Pin: one of the sealed records <see cref="Published"/>, <see cref="Rejected"/>,
/// <see cref="RetryAt"/>, <see cref="Unknown"/>, <see cref="Reauthorize"/>, <see cref="MissingScope"/> and
/// <see cref="AppCredentialsRejected"/>. Match on the type to read its data, or
/// store <see cref="Kind"/> in a column.
/// </summary>
/// <example>
/// <code>
/// var message = outcome switch
/// {
///     PinPublishOutcome.Published p => $"published as {p.PinId}",
///     PinPublishOutcome.Rejected r => $"fix the draft: {string.Join(", ", r.Codes)}",
///     PinPublishOutcome.RetryAt t => $"retrying at {t.At}",
///     PinPublishOutcome.Unknown u => $"check the board for a Pin created after {u.AttemptStartedAt}",
///     PinPublishOutcome.Reauthorize => "reconnect the account",
///     PinPublishOutcome.MissingScope m => $"ask for {string.Join(",", m.RequiredScopes)} at connect time, then reconnect",
///     PinPublishOutcome.AppCredentialsRejected => "fix Pinterest:ClientId and Pinterest:ClientSecret, then publish again",
///     _ => outcome.Reason,
/// };
/// </code>
/// </example>
public abstract record PinPublishOutcome
{
    private readonly string _reason;

    // Only the nested kinds are meant to derive: the outcome set is closed.
    private protected PinPublishOutcome(string reason)
    {
        _reason = SecretScrubber.Scrub(reason);
    }

    /// <summary>The kind of outcome.</summary>
    public abstract PinPublishOutcomeKind Kind { get; }

    /// <summary>Why, in words for a person (never a token or a signed URL).</summary>
    /// <remarks>
    /// Scrubbed when set: a reason is persisted by the schedule store and shown to people, so credential-shaped values
    /// and the userinfo and query of URLs are removed whatever exception message it came from.
    /// </remarks>
    public string Reason
    {
        get => _reason;
        init => _reason = SecretScrubber.Scrub(value);
    }


    /// <summary><see langword="true"/> for every kind except <see cref="RetryAt"/>: the Pin will not be tried again.</summary>
    public bool IsFinal => Kind != PinPublishOutcomeKind.RetryAt;

    /// <summary>The outcome of a publish that returned <paramref name="result"/>: <see cref="Published"/>.</summary>
    /// <param name="result">What <see cref="IPinPublisher.PublishAsync"/> returned.</param>
    public static PinPublishOutcome FromResult(PublishPinResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return PinPublishOutcomeMapper.FromResult(result);
    }

    /// <summary>
    /// The outcome of a publish that threw <paramref name="exception"/>, exactly as the built-in dispatcher decides it:
    /// for a job system (Hangfire, Quartz.NET) that runs <see cref="IPinPublisher.PublishAsync"/> itself. A
    /// <see cref="RetryAt"/> says when to run the job again (a rate limit's or spam block's wait, or an exponential
    /// backoff; not counted as an attempt when it only waited for a rate limit); after <paramref name="options"/>'
    /// <see cref="PinSchedulingOptions.MaxAttempts"/> a transient failure becomes <see cref="Rejected"/>. Pass the same
    /// <see cref="PublishPinRequest.OperationId"/> on every attempt of one Pin, so that a retry resumes a video upload an
    /// earlier attempt left processing and never creates the Pin twice.
    /// </summary>
    /// <param name="exception">What <see cref="IPinPublisher.PublishAsync"/> threw.</param>
    /// <param name="attempt">The attempt that failed, from 1, not counting attempts whose outcome was a <see cref="RetryAt"/> with <see cref="RetryAt.CountsAsAttempt"/> <see langword="false"/>.</param>
    /// <param name="now">The current time (from the host's <see cref="TimeProvider"/>).</param>
    /// <param name="options">Backoff and attempt settings; the defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="attempt"/> is less than 1.</exception>
    public static PinPublishOutcome FromException(Exception exception, int attempt, DateTimeOffset now, PinSchedulingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        return PinPublishOutcomeMapper.FromException(exception, attempt, now, options ?? DefaultOptions);
    }

    private static readonly PinSchedulingOptions DefaultOptions = new();

    /// <summary>The Pin was created on Pinterest.</summary>
    public sealed record Published : PinPublishOutcome
    {
        /// <summary>Creates the outcome.</summary>
        /// <param name="pinId">The id of the Pin on Pinterest.</param>
        public Published(string pinId)
            : base("Published.")
        {
            ArgumentException.ThrowIfNullOrEmpty(pinId);
            PinId = pinId;
        }

        /// <summary>The id of the Pin on Pinterest.</summary>
        public string PinId { get; init; }

        /// <inheritdoc />
        public override PinPublishOutcomeKind Kind => PinPublishOutcomeKind.Published;
    }

    /// <summary>The draft was rejected by preflight or by a permanent API error; retrying will not help, fixing it will.</summary>
    public sealed record Rejected : PinPublishOutcome
    {
        /// <summary>Creates the outcome.</summary>
        /// <param name="reason">What is wrong.</param>
        /// <param name="codes">Preflight codes (<see cref="Preflight.PreflightCodes"/>) or the Pinterest error code, as text.</param>
        public Rejected(string reason, IReadOnlyList<string> codes)
            : base(reason)
        {
            ArgumentNullException.ThrowIfNull(codes);
            Codes = codes;
        }

        /// <summary>Preflight codes (<see cref="Preflight.PreflightCodes"/>) or the Pinterest error code, as text.</summary>
        public IReadOnlyList<string> Codes { get; init; }

        /// <inheritdoc />
        public override PinPublishOutcomeKind Kind => PinPublishOutcomeKind.Rejected;
    }

    /// <summary>Publishing failed in a way that is worth trying again at <see cref="At"/> (rate limit, outage, media still processing).</summary>
    public sealed record RetryAt : PinPublishOutcome
    {
        /// <summary>Creates the outcome.</summary>
        /// <param name="at">When to try again.</param>
        /// <param name="reason">Why it failed this time.</param>
        public RetryAt(DateTimeOffset at, string reason)
            : base(reason)
        {
            At = at;
        }

        /// <summary>When to try again.</summary>
        public DateTimeOffset At { get; init; }

        /// <summary>
        /// Whether this attempt counts toward <see cref="PinSchedulingOptions.MaxAttempts"/>. <see langword="false"/> when
        /// the publish only waited for Pinterest's rate limit, or for a spam-block cool-down another publish of its
        /// account started: such waits can last until the next day for a Trial app and must not use up the Pin's
        /// attempts (the publish that met the spam block itself counts). A store then gives the
        /// claim back: it completes the Pin with <see cref="ScheduledPin.Attempt"/> one lower (see
        /// <see cref="IPinScheduleStore.CompleteAsync"/>). Default <see langword="true"/>.
        /// </summary>
        public bool CountsAsAttempt { get; init; } = true;

        /// <inheritdoc />
        public override PinPublishOutcomeKind Kind => PinPublishOutcomeKind.RetryAt;
    }

    /// <summary>
    /// The create request may have been processed and reconciliation found no Pin: the Pin may or may not exist. It is
    /// not retried automatically, since that could post it twice; a person or a later check decides.
    /// </summary>
    public sealed record Unknown : PinPublishOutcome
    {
        /// <summary>Creates the outcome.</summary>
        /// <param name="reason">What failed ambiguously.</param>
        /// <param name="attemptStartedAt">When the attempt started: a Pin created after it may be this one.</param>
        public Unknown(string reason, DateTimeOffset attemptStartedAt)
            : base(reason)
        {
            AttemptStartedAt = attemptStartedAt;
        }

        /// <summary>When the attempt started: a Pin created after it may be this one.</summary>
        public DateTimeOffset AttemptStartedAt { get; init; }

        /// <inheritdoc />
        public override PinPublishOutcomeKind Kind => PinPublishOutcomeKind.Unknown;
    }

    /// <summary>The account's tokens are missing or rejected: the user must connect the account again.</summary>
    public sealed record Reauthorize : PinPublishOutcome
    {
        /// <summary>Creates the outcome.</summary>
        /// <param name="reason">Why the account needs connecting again.</param>
        public Reauthorize(string reason)
            : base(reason)
        {
        }

        /// <inheritdoc />
        public override PinPublishOutcomeKind Kind => PinPublishOutcomeKind.Reauthorize;
    }

    /// <summary>
    /// The account's access token lacks a scope the publish needs (Pinterest answered 401 code 3). Neither a retry nor a
    /// token refresh helps, and reconnecting with the same scopes does not either: add <see cref="RequiredScopes"/> to
    /// the scopes the app requests when a user connects an account, then have the user connect this account again.
    /// </summary>
    public sealed record MissingScope : PinPublishOutcome
    {
        /// <summary>Creates the outcome.</summary>
        /// <param name="reason">Which call lacked which scopes.</param>
        /// <param name="requiredScopes">Every scope the refused call needs.</param>
        public MissingScope(string reason, IReadOnlyList<string> requiredScopes)
            : base(reason)
        {
            ArgumentNullException.ThrowIfNull(requiredScopes);
            RequiredScopes = requiredScopes;
        }

        /// <summary>Every scope the refused call needs: request all of them when the user connects the account.</summary>
        public IReadOnlyList<string> RequiredScopes { get; init; }

        /// <inheritdoc />
        public override PinPublishOutcomeKind Kind => PinPublishOutcomeKind.MissingScope;
    }

    /// <summary>
    /// Pinterest's token endpoint refused the app's own client id or secret (401 code 2) while renewing the account's
    /// token: the app's configuration is wrong (the secret was rotated in the developer portal, say), not the account's
    /// and not the draft's. The account needs no reconnecting; fix <c>Pinterest:ClientId</c> and
    /// <c>Pinterest:ClientSecret</c>, then schedule the Pin again.
    /// </summary>
    public sealed record AppCredentialsRejected : PinPublishOutcome
    {
        /// <summary>Creates the outcome.</summary>
        /// <param name="reason">What was refused (never the credentials themselves).</param>
        public AppCredentialsRejected(string reason)
            : base(reason)
        {
        }

        /// <inheritdoc />
        public override PinPublishOutcomeKind Kind => PinPublishOutcomeKind.AppCredentialsRejected;
    }
}
