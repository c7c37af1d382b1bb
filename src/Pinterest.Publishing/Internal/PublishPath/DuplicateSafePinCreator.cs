using System.Net;
using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Api.Models;
using Pinterest.Publishing.Internal.Failures;

namespace Pinterest.Publishing.Internal.PublishPath;

/// <summary>
/// Calls <c>POST /v5/pins</c> so that a Pin is never created twice. A failure that proves the request was not
/// processed (connect failure, a 429 that is not a spam block) is retried; Pinterest's refusal (a 4xx) surfaces; any
/// other failure once the request may have been sent (timeout, 5xx, a reset, an exception of any type) is ambiguous and
/// never retried: the board's newest Pins are searched for the one the attempt may have made. The failure classifier
/// decides which is which (<see cref="DecideAfterFailure"/>), told by a <see cref="SendAttempt"/> whether the request
/// may have reached Pinterest. A Pin already handed to another publish of this process is never the answer of a reconciliation.
/// </summary>
internal sealed partial class DuplicateSafePinCreator(TimeProvider timeProvider, PinterestRetryOptions retry, ILogger logger)
{
    private readonly AttributedPinRegistry _attributed = new(timeProvider);

    // Pinterest's clock and ours differ; a Pin stamped slightly before our attempt started may still be ours.
    internal static readonly TimeSpan ClockSkewTolerance = TimeSpan.FromMinutes(2);

    // Reconciliation reads at most this many of the board's newest Pins,
    internal const int MaxPinsScanned = 100;

    // in pages of this size,
    internal const int ScanPageSize = 25;

    // from at most this many pages (empty or short pages included: a listing that never ends must not hold the publish),
    internal const int MaxPagesScanned = 2 * MaxPinsScanned / ScanPageSize;

    // within this time on the TimeProvider's clock, retries of the listing included. Past it the outcome is unknown.
    internal static readonly TimeSpan ReconcileTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Creates the Pin, retrying only when safe, and reconciling after an ambiguous failure.</summary>
    /// <returns>The Pin, and whether it was found by reconciliation.</returns>
    public Task<(Pin Pin, bool Reconciled)> CreateAsync(PinterestClient client, CreatePinRequest body, CancellationToken cancellationToken) =>
        CreateAsync(client, body, deadline: null, cancellationToken);

    /// <summary>Creates the Pin as <see cref="CreateAsync(PinterestClient, CreatePinRequest, CancellationToken)"/> does.</summary>
    /// <param name="client">The account's client.</param>
    /// <param name="body">The Pin.</param>
    /// <param name="deadline">No create call (a retry included) is sent at or after it.</param>
    /// <param name="cancellationToken">Cancels the create.</param>
    /// <returns>The Pin, and whether it was found by reconciliation.</returns>
    /// <exception cref="PinterestCreateDeadlineExceededException">The deadline passed before a create call; nothing was created.</exception>
    public async Task<(Pin Pin, bool Reconciled)> CreateAsync(PinterestClient client, CreatePinRequest body, DateTimeOffset? deadline, CancellationToken cancellationToken)
    {
        var attemptStartedAt = timeProvider.GetUtcNow();
        var draftKey = AttributedPinRegistry.DraftKey(body.BoardId, body.Title, body.Description, body.Link);
        for (var attempt = 0; ; attempt++)
        {
            // Every earlier attempt surely was not processed (else this is no retry): nothing is created by stopping here.
            if (deadline is { } due && timeProvider.GetUtcNow() >= due)
            {
                throw new PinterestCreateDeadlineExceededException(due);
            }

            Exception failure;
            CreateFailureAction action;
            var inFlight = _attributed.BeginCreate(draftKey);
            var sendAttempt = new SendAttempt();
            Task<Pin> sending;
            try
            {
                // The client checks its arguments before it returns the task: such an error means nothing was sent,
                // and it surfaces as it is. Whether what the task throws may have reached Pinterest, sendAttempt says.
                sending = client.Pins.CreateAsync(body, sendAttempt, cancellationToken);
            }
            catch
            {
                inFlight.Dispose();
                throw;
            }

            try
            {
                // The in-flight mark ends before any catch below runs, so a reconciliation never waits on itself.
                using (inFlight)
                {
                    var pin = await sending.ConfigureAwait(false);
                    _attributed.Record(pin.Id);
                    return (pin, false);
                }
            }
            catch (Exception ex)
            {
                action = DecideAfterFailure(ex, sendAttempt, cancellationToken.IsCancellationRequested);
                if (action == CreateFailureAction.Surface)
                {
                    throw;
                }

                failure = ex;
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
                LogAmbiguousCreate(logger, body.BoardId, failure.GetType().Name);
                return (await ReconcileAsync(client, body, draftKey, attemptStartedAt, failure, cancellationToken).ConfigureAwait(false), true);
            }

            var delay = GetRetryDelay(failure, attempt);
            if (attempt >= retry.MaxRetries || delay is null)
            {
                throw failure is PinterestException ? failure : new PinterestApiException($"Creating the Pin failed before it reached Pinterest: {failure.Message}", failure);
            }

            LogRetryingCreate(logger, body.BoardId, attempt + 1, delay.Value.TotalMilliseconds);
            await Task.Delay(delay.Value, timeProvider, cancellationToken).ConfigureAwait(false);

            // The earlier attempts were never processed, so only Pins from the latest attempt on can be ours.
            attemptStartedAt = timeProvider.GetUtcNow();
        }
    }

    /// <summary>Searches the board's newest Pins for one this attempt may have created.</summary>
    private async Task<Pin> ReconcileAsync(PinterestClient client, CreatePinRequest body, string draftKey, DateTimeOffset attemptStartedAt, Exception failure, CancellationToken cancellationToken)
    {
        var threshold = attemptStartedAt - ClockSkewTolerance;
        var twinInFlight = false;
        using var timeout = new CancellationTokenSource(ReconcileTimeout, timeProvider);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var scanned = 0;
            await foreach (var pin in client.Boards.GetPinsAsync(body.BoardId, ScanPageSize, MaxPagesScanned, deadline.Token).ConfigureAwait(false))
            {
                if (pin.CreatedAt is { } createdAt && createdAt < threshold)
                {
                    break;
                }

                if (Matches(pin, body))
                {
                    if (_attributed.HasCreateInFlight(draftKey))
                    {
                        // An identical draft's create is waiting for its answer: this Pin may be that one, and there
                        // is no telling them apart. Unknown is the honest answer; claiming could report a Pin never made.
                        twinInFlight = true;
                        LogMatchWhileTwinInFlight(logger, body.BoardId, pin.Id);
                        continue;
                    }

                    if (_attributed.TryClaim(pin.Id))
                    {
                        LogReconciled(logger, body.BoardId, pin.Id);
                        return pin;
                    }

                    // An identical draft published earlier: that Pin is the other publish's, not this attempt's.
                    LogMatchAlreadyAttributed(logger, body.BoardId, pin.Id);
                }

                if (++scanned >= MaxPinsScanned)
                {
                    break;
                }
            }
        }
        catch (Exception ex)
        {
            // Whatever ends the search, the create was sent: even the caller's cancellation (a scheduler's lease ending)
            // must surface as an unknown outcome, never as a cancellation that a retry would answer with a second Pin.
            LogReconcileFailed(logger, body.BoardId, ex.GetType().Name);
            var searchFailure = cancellationToken.IsCancellationRequested
                ? "the search was cancelled"
                : timeout.IsCancellationRequested
                ? $"no answer within {ReconcileTimeout.TotalMinutes:0} minutes"
                : ex is PinterestApiException { StatusCode: HttpStatusCode.OK } ? "the board's listing was unreadable or did not end" : Describe(ex);
            throw new PinterestPublishOutcomeUnknownException(
                $"Creating the Pin on board {body.BoardId} failed ambiguously ({Describe(failure)}) and the board could not be searched for it ({searchFailure}). The Pin may or may not exist: check the board before publishing again.",
                attemptStartedAt,
                failure);
        }

        throw new PinterestPublishOutcomeUnknownException(
            twinInFlight
                ? $"Creating the Pin on board {body.BoardId} failed ambiguously ({Describe(failure)}); a matching Pin is on the board, but a create of an identical draft (same board, title, description and link) was in flight, so it may be that one. Check the board before publishing again."
                : $"Creating the Pin on board {body.BoardId} failed ambiguously ({Describe(failure)}) and no matching Pin was found on the board. It may still appear: check the board before publishing again.",
            attemptStartedAt,
            failure);
    }

    internal static bool Matches(Pin pin, CreatePinRequest body) =>
        string.Equals(pin.BoardId ?? body.BoardId, body.BoardId, StringComparison.Ordinal) &&
        TextEquals(pin.Title, body.Title) &&
        TextEquals(pin.Description, body.Description) &&
        LinkEquals(pin.Link, body.Link) &&
        MediaTypeMatches(pin.Media?.MediaType, body.MediaSource);

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
            FailureKind.Refused or FailureKind.SpamBlocked or FailureKind.Reauthorize or FailureKind.MissingScope => CreateFailureAction.Surface,
            FailureKind.Cancelled => sendAttempt is { MayHaveBeenSent: false } ? CreateFailureAction.Surface : CreateFailureAction.ReportUnknown,
            _ => CreateFailureAction.Reconcile,
        };

    /// <summary>The request surely never reached Pinterest or was refused before processing: retrying cannot duplicate.</summary>
    internal static bool IsSurelyNotProcessed(Exception exception) =>
        DecideAfterFailure(exception, sendAttempt: null, callerCancelled: false) == CreateFailureAction.Retry;

    /// <summary>The request may have been processed: a retry could duplicate the Pin, so the board is searched instead.</summary>
    internal static bool IsAmbiguous(Exception exception) =>
        DecideAfterFailure(exception, sendAttempt: null, callerCancelled: false) == CreateFailureAction.Reconcile;

    private TimeSpan? GetRetryDelay(Exception failure, int attempt)
    {
        if (failure is PinterestApiException { RetryAfter: { } retryAfter })
        {
            return retryAfter <= retry.MaxRetryAfter ? retryAfter : null;
        }

        return Backoff.Exponential(retry.BaseDelay, attempt, retry.MaxDelay, Backoff.SharedJitter);
    }

    private static bool TextEquals(string? returned, string? sent) =>
        string.Equals(Normalize(returned), Normalize(sent), StringComparison.Ordinal);

    private static string Normalize(string? text) => (text ?? string.Empty).Trim();

    private static bool LinkEquals(string? returned, string? sent)
    {
        if (string.IsNullOrEmpty(returned) || string.IsNullOrEmpty(sent))
        {
            return string.IsNullOrEmpty(returned) == string.IsNullOrEmpty(sent);
        }

        return Uri.TryCreate(returned, UriKind.Absolute, out var a) && Uri.TryCreate(sent, UriKind.Absolute, out var b)
            ? Uri.Compare(a, b, UriComponents.HttpRequestUrl, UriFormat.Unescaped, StringComparison.Ordinal) == 0
            : string.Equals(returned, sent, StringComparison.Ordinal);
    }

    private static bool MediaTypeMatches(string? returnedMediaType, PinMediaSource sent)
    {
        if (string.IsNullOrEmpty(returnedMediaType))
        {
            return true;
        }

        var expected = sent switch
        {
            VideoIdMediaSource => "video",
            MultipleImageUrlsMediaSource or MultipleImageBase64MediaSource => "multiple_images",
            _ => "image",
        };
        return string.Equals(returnedMediaType, expected, StringComparison.OrdinalIgnoreCase);
    }

    private static string Describe(Exception exception) => exception switch
    {
        PinterestApiException api when api.StatusCode != 0 => $"HTTP {(int)api.StatusCode}",
        OperationCanceledException => "timed out",
        _ => exception.GetType().Name,
    };

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Creating a Pin on board {BoardId} failed ambiguously ({Failure}); searching the board instead of retrying.")]
    private static partial void LogAmbiguousCreate(ILogger logger, string boardId, string failure);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Retrying the create of a Pin on board {BoardId} (retry {Retry}) in {DelayMs} ms; the earlier attempt was not processed.")]
    private static partial void LogRetryingCreate(ILogger logger, string boardId, int retry, double delayMs);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Reconciled the ambiguous create on board {BoardId} to Pin {PinId}.")]
    private static partial void LogReconciled(ILogger logger, string boardId, string pinId);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Searching board {BoardId} after an ambiguous create failed ({Failure}); the outcome is unknown.")]
    private static partial void LogReconcileFailed(ILogger logger, string boardId, string failure);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "Pin {PinId} on board {BoardId} matches the ambiguous create, but a create of an identical draft is in flight; not claiming it.")]
    private static partial void LogMatchWhileTwinInFlight(ILogger logger, string boardId, string pinId);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Debug, Message = "Pin {PinId} on board {BoardId} matches the ambiguous create but already belongs to another publish; searching on.")]
    private static partial void LogMatchAlreadyAttributed(ILogger logger, string boardId, string pinId);
}
