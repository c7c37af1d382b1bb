using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Api.Models;
using Pinterest.Publishing.Coordination;
using Pinterest.Publishing.Coordination.Internal;
using Pinterest.Publishing.Internal.Failures;

namespace Pinterest.Publishing.Internal.PublishPath;

/// <summary>
/// Calls <c>POST /v5/pins</c> so that a Pin is never created twice. A failure that proves the request was not
/// processed (connect failure, a 429 that is not a spam block) is retried; Pinterest's refusal (a 4xx) surfaces; any
/// other failure once the request may have been sent (timeout, 5xx, a reset, an exception of any type) is ambiguous and
/// never retried: the board is searched for the Pin the attempt may have made (<see cref="BoardSearch"/>). The failure
/// classifier decides which is which (<see cref="DecideAfterFailure"/>), told by a <see cref="SendAttempt"/> whether the
/// request may have reached Pinterest. A Pin already handed to another publish (of any instance sharing the
/// <see cref="IPinterestPublishLedger"/>) is never the answer of a reconciliation.
/// </summary>
internal sealed class DuplicateSafePinCreator
{
    private readonly TimeProvider _timeProvider;
    private readonly PinterestRetryOptions _retry;
    private readonly ILogger _logger;
    private readonly AttributedPinRegistry _attributed;
    private readonly BoardSearch _search;

    /// <summary>A creator with a ledger of its own, in memory, and the default request timeout: for a creator used alone (tests).</summary>
    public DuplicateSafePinCreator(TimeProvider timeProvider, PinterestRetryOptions retry, ILogger logger)
        : this(timeProvider, retry, new InProcessPublishLedger(timeProvider), logger)
    {
    }

    /// <summary>A creator over <paramref name="ledger"/>, with the default request timeout.</summary>
    public DuplicateSafePinCreator(TimeProvider timeProvider, PinterestRetryOptions retry, IPinterestPublishLedger ledger, ILogger logger)
        : this(timeProvider, retry, ledger, new PinterestPublishingOptions().RequestTimeout, logger)
    {
    }

    /// <summary>A creator over <paramref name="ledger"/>, whose API calls each end within <paramref name="requestTimeout"/>.</summary>
    public DuplicateSafePinCreator(TimeProvider timeProvider, PinterestRetryOptions retry, IPinterestPublishLedger ledger, TimeSpan requestTimeout, ILogger logger)
    {
        _timeProvider = timeProvider;
        _retry = retry;
        _logger = logger;
        _attributed = new AttributedPinRegistry(timeProvider, ledger, AttributedPinRegistry.InFlightLimit(requestTimeout));
        _search = new BoardSearch(timeProvider, _attributed, logger);
    }

    /// <summary>Creates the Pin, retrying only when safe, and reconciling after an ambiguous failure.</summary>
    /// <returns>The Pin, and whether it was found by reconciliation.</returns>
    public Task<(Pin Pin, bool Reconciled)> CreateAsync(PinterestClient client, CreatePinRequest body, CancellationToken cancellationToken) =>
        CreateAsync(client, body, operationId: null, deadline: null, rateLimits: null, cancellationToken);

    /// <summary>Creates the Pin as <see cref="CreateAsync(PinterestClient, CreatePinRequest, CancellationToken)"/> does.</summary>
    /// <param name="client">The account's client.</param>
    /// <param name="body">The Pin.</param>
    /// <param name="operationId">
    /// The publish's <see cref="PublishPinRequest.OperationId"/>: when an earlier attempt of it is unresolved (its instance
    /// died mid-create, or it ended ambiguously), the board is searched for that attempt's Pin before creating again.
    /// <see langword="null"/>: this call is an operation of its own.
    /// </param>
    /// <param name="deadline">No create call (a retry included) is sent at or after it.</param>
    /// <param name="rateLimits">The account's cool-downs, read before each create call and started by a 429 or spam block.</param>
    /// <param name="cancellationToken">Cancels the create.</param>
    /// <returns>The Pin, and whether it was found by reconciliation.</returns>
    /// <exception cref="PinterestCreateDeadlineExceededException">The deadline passed before a create call; nothing was created.</exception>
    /// <exception cref="PinterestRateLimitException">The account is cooling down, or met a rate limit it does not wait for here.</exception>
    public async Task<(Pin Pin, bool Reconciled)> CreateAsync(PinterestClient client, CreatePinRequest body, string? operationId, DateTimeOffset? deadline, AccountRateLimits? rateLimits, CancellationToken cancellationToken)
    {
        // Without an operation id no other call can be this publish's earlier attempt: an id of its own.
        var operation = operationId ?? Guid.NewGuid().ToString("N");
        var draftKey = AttributedPinRegistry.DraftKey(body.BoardId, body.Title, body.Description, body.Link);

        if (operationId is not null
            && await _attributed.GetUnresolvedAttemptStartAsync(operation, cancellationToken).ConfigureAwait(false) is { } earlierStartedAt)
        {
            var recovery = await _attributed.BeginCreateAsync(operation, draftKey, cancellationToken).ConfigureAwait(false);
            Pin? earlier;
            try
            {
                earlier = await _search.FindEarlierAsync(client, body, recovery, earlierStartedAt, deadline, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                // Not searched to the end: the earlier attempts stay unresolved for the next try, and this one ends now
                // rather than at its in-flight bound, so identical drafts are not held off meanwhile.
                await EndBestEffortAsync(recovery, resolved: false, body.BoardId).ConfigureAwait(false);
                throw;
            }

            if (earlier is not null)
            {
                return (earlier, true);
            }

            // Not on the board: the earlier attempts made no Pin, and resolving this one resolves them.
            await EndBestEffortAsync(recovery, resolved: true, body.BoardId).ConfigureAwait(false);
        }

        var attemptStartedAt = _timeProvider.GetUtcNow();
        for (var attempt = 0; ; attempt++)
        {
            // Every earlier attempt surely was not processed (else this is no retry): nothing is created by stopping here.
            if (deadline is { } due && _timeProvider.GetUtcNow() >= due)
            {
                throw new PinterestCreateDeadlineExceededException(due);
            }

            if (rateLimits is not null)
            {
                await rateLimits.ThrowIfCoolingDownAsync(cancellationToken).ConfigureAwait(false);
            }

            var create = await _attributed.BeginCreateAsync(operation, draftKey, cancellationToken).ConfigureAwait(false);
            var sendAttempt = new SendAttempt();

            // Only the send is caught: what the ledger throws below is the ledger's failure, never taken for the create's.
            var (pin, failure) = await SendAsync(client, body, sendAttempt, create, cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                var action = DecideAfterFailure(failure, sendAttempt, cancellationToken.IsCancellationRequested);

                // Not processed (or refused): this attempt made no Pin. Otherwise it may have, and it stays ambiguous, so
                // an identical draft's reconciliation never claims the Pin it may have made; ended before any search
                // below, so a reconciliation never waits on itself.
                await EndBestEffortAsync(create, resolved: action is CreateFailureAction.Retry or CreateFailureAction.Surface, body.BoardId).ConfigureAwait(false);
                if (action == CreateFailureAction.Surface && (rateLimits is null || !AccountCooldownStage.IsCooledBy(failure)))
                {
                    ExceptionDispatchInfo.Throw(failure);
                }

                if (action == CreateFailureAction.ReportUnknown)
                {
                    // Cancelled with the create in flight: it may have reached Pinterest, and a caller who simply retries
                    // could duplicate the Pin.
                    throw new PinterestPublishOutcomeUnknownException(
                        $"Publishing was cancelled while the create call on board {body.BoardId} was in flight; the Pin may or may not exist. Check the board before publishing again.",
                        attemptStartedAt,
                        failure);
                }

                if (action == CreateFailureAction.Reconcile)
                {
                    PublishPathLog.AmbiguousCreate(_logger, body.BoardId, failure.GetType().Name);
                    return (await _search.FindAsync(client, body, create, attemptStartedAt, failure, cancellationToken).ConfigureAwait(false), true);
                }

                // A rate limit cools the whole account down before this loop waits, so no other publish of it sends meanwhile.
                var delay = rateLimits is not null && AccountCooldownStage.IsCooledBy(failure)
                    ? await rateLimits.CoolDownBeforeRetryAsync(failure, action == CreateFailureAction.Retry && attempt < _retry.MaxRetries, _retry, cancellationToken).ConfigureAwait(false)
                    : Backoff.Retry(failure, attempt, _retry, _timeProvider.GetUtcNow());

                if (attempt >= _retry.MaxRetries || delay is null)
                {
                    throw failure is PinterestException ? failure : new PinterestApiException($"Creating the Pin failed before it reached Pinterest: {failure.Message}", failure);
                }

                PublishPathLog.RetryingCreate(_logger, body.BoardId, attempt + 1, delay.Value.TotalMilliseconds);
                await Task.Delay(delay.Value, _timeProvider, cancellationToken).ConfigureAwait(false);

                // The earlier attempts were never processed, so only Pins from the latest attempt on can be ours.
                attemptStartedAt = _timeProvider.GetUtcNow();
                continue;
            }

            // The Pin exists and is this publish's: a ledger failure now must not fail the publish (a retry could
            // duplicate it). Left unclaimed, an identical draft's reconciliation could take it; left in flight, the
            // attempt ends by its bound and a retry of this operation finds this Pin on the board.
            try
            {
                await _attributed.RecordAsync(pin!.Id, operation, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                PublishPathLog.LedgerWriteFailed(_logger, body.BoardId, "claim the created Pin", ex);
            }

            await EndBestEffortAsync(create, resolved: true, body.BoardId).ConfigureAwait(false);
            return (pin!, false);
        }
    }

    /// <summary>The create call alone: its Pin, or what it threw.</summary>
    private async Task<(Pin? Pin, Exception? Failure)> SendAsync(PinterestClient client, CreatePinRequest body, SendAttempt sendAttempt, AttributedPinRegistry.CreateScope create, CancellationToken cancellationToken)
    {
        Task<Pin> sending;
        try
        {
            // The client checks its arguments before it returns the task: such an error means nothing was sent,
            // and it surfaces as it is. Whether what the task throws may have reached Pinterest, sendAttempt says.
            sending = client.Pins.CreateAsync(body, sendAttempt, cancellationToken);
        }
        catch
        {
            await EndBestEffortAsync(create, resolved: true, body.BoardId).ConfigureAwait(false);
            throw;
        }

        try
        {
            return (await sending.ConfigureAwait(false), null);
        }
        catch (Exception ex)
        {
            return (null, ex);
        }
    }

    /// <summary>
    /// Ends an attempt in the ledger, best-effort: a failed write is logged and leaves the attempt in flight until its
    /// bound, after which it counts as ambiguous, never as resolved.
    /// </summary>
    private async Task EndBestEffortAsync(AttributedPinRegistry.CreateScope create, bool resolved, string boardId)
    {
        try
        {
            if (resolved)
            {
                await create.ResolveAsync().ConfigureAwait(false);
            }
            else
            {
                await create.DisposeAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            PublishPathLog.LedgerWriteFailed(_logger, boardId, resolved ? "resolve the create attempt" : "end the create attempt", ex);
        }
    }

    /// <summary>
    /// What the create loop does after a failed create, by the failure's kind: retry what surely was not processed
    /// (not sent, a 429 that is not a spam block); surface Pinterest's refusal (a 4xx other than 408 and 429, a spam
    /// block, an account to connect again) and a cancellation before sending; report an unknown outcome for a
    /// cancellation once it may have been sent; reconcile everything else. Ambiguous by default: any failure of a sent
    /// request that neither proves it was not processed nor is Pinterest's refusal (a timeout, a 5xx, a reset, a 2xx
    /// whose body could not be read, and any exception type nobody foresaw, a bug in a handler or a parser included).
    /// </summary>
    /// <param name="exception">What the create threw.</param>
    /// <param name="sendAttempt">The create's send state; <see langword="null"/> when unknown (then it may have been sent).</param>
    /// <param name="callerCancelled">Whether the caller's token was cancelled.</param>
    internal static CreateFailureAction DecideAfterFailure(Exception exception, SendAttempt? sendAttempt, bool callerCancelled) =>
        FailureClassifier.Classify(exception, callerCancelled, sendAttempt) switch
        {
            FailureKind.NotSent or FailureKind.RateLimited => CreateFailureAction.Retry,
            FailureKind.Refused or FailureKind.SpamBlocked or FailureKind.Reauthorize or FailureKind.MissingScope or FailureKind.AppCredentialsRejected or FailureKind.TokenRefreshInDoubt => CreateFailureAction.Surface,
            FailureKind.Cancelled => sendAttempt is { MayHaveBeenSent: false } ? CreateFailureAction.Surface : CreateFailureAction.ReportUnknown,
            _ => CreateFailureAction.Reconcile,
        };

    /// <summary>The request surely never reached Pinterest or was refused before processing: retrying cannot duplicate.</summary>
    internal static bool IsSurelyNotProcessed(Exception exception) =>
        DecideAfterFailure(exception, sendAttempt: null, callerCancelled: false) == CreateFailureAction.Retry;

    /// <summary>The request may have been processed: a retry could duplicate the Pin, so the board is searched instead.</summary>
    internal static bool IsAmbiguous(Exception exception) =>
        DecideAfterFailure(exception, sendAttempt: null, callerCancelled: false) == CreateFailureAction.Reconcile;
}

