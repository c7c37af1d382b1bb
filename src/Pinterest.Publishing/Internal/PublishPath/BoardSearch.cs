using System.Globalization;
using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Api.Models;
using Pinterest.Publishing.Internal.Failures;

namespace Pinterest.Publishing.Internal.PublishPath;

/// <summary>
/// Searches a board for the Pin an ambiguous create may have made. Pinterest documents no order for a board's Pins
/// (mostly newest first, not strictly) and lists a new Pin only some time after creating it, so one search reads past
/// Pins older than the attempt until several in a row are older, and the board is searched again after a backoff
/// before the outcome is called unknown. A matching Pin is claimed only when no other create (of any instance sharing
/// the ledger) could have made it (<see cref="AttributedPinRegistry"/>).
/// </summary>
internal sealed class BoardSearch(TimeProvider timeProvider, AttributedPinRegistry attributed, ILogger logger)
{
    // Pinterest's clock and ours differ; a Pin stamped slightly before our attempt started may still be ours.
    internal static readonly TimeSpan ClockSkewTolerance = TimeSpan.FromMinutes(2);

    // One search reads at most this many of the board's newest Pins,
    internal const int MaxPinsScanned = 100;

    // in pages of this size,
    internal const int ScanPageSize = 25;

    // from at most this many pages (empty or short pages included: a listing that never ends must not hold the publish),
    internal const int MaxPagesScanned = 2 * MaxPinsScanned / ScanPageSize;

    // and stops after this many Pins in a row older than the attempt: one older Pin may only be listed out of order.
    internal const int ConsecutiveOlderPinsToStop = 10;

    // Not found (or the listing failed transiently): the board is searched again after each of these waits, since
    // Pinterest lists new Pins late. Pinterest documents no lag; its own end-to-end script waits seconds.
    internal static readonly TimeSpan[] SearchAgainAfter = [TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)];

    // Every search and wait together end within this time on the TimeProvider's clock. Past it the outcome is unknown.
    internal static readonly TimeSpan ReconcileTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Whether <paramref name="pin"/> has the board, text, link and media kind of <paramref name="body"/>.</summary>
    internal static bool Matches(Pin pin, CreatePinRequest body) =>
        string.Equals(pin.BoardId ?? body.BoardId, body.BoardId, StringComparison.Ordinal) &&
        TextEquals(pin.Title, body.Title) &&
        TextEquals(pin.Description, body.Description) &&
        LinkEquals(pin.Link, body.Link) &&
        MediaTypeMatches(pin.Media?.MediaType, body.MediaSource);

    /// <summary>Searches the board, again after each backoff, for a Pin <paramref name="create"/> may have made.</summary>
    /// <returns>The Pin, now claimed for this publish.</returns>
    /// <exception cref="PinterestPublishOutcomeUnknownException">No Pin could be claimed, or the board could not be searched.</exception>
    public async Task<Pin> FindAsync(PinterestClient client, CreatePinRequest body, AttributedPinRegistry.CreateScope create, DateTimeOffset attemptStartedAt, Exception failure, CancellationToken cancellationToken)
    {
        var search = new Search(body, create, attemptStartedAt - ClockSkewTolerance);
        var firstSearchAt = timeProvider.GetUtcNow();
        using var timeout = new CancellationTokenSource(ReconcileTimeout, timeProvider);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        for (var round = 0; ; round++)
        {
            Exception? listingFailure = null;
            try
            {
                if (await SearchOnceAsync(client, search, deadline.Token).ConfigureAwait(false) is { } pin)
                {
                    return pin;
                }
            }
            catch (Exception ex) when (!deadline.IsCancellationRequested && IsWorthSearchingAgain(ex))
            {
                listingFailure = ex;
            }
            catch (Exception ex)
            {
                throw CouldNotSearch(body, attemptStartedAt, failure, ex, cancellationToken.IsCancellationRequested, timeout.IsCancellationRequested);
            }

            if (round == SearchAgainAfter.Length)
            {
                if (listingFailure is not null)
                {
                    throw CouldNotSearch(body, attemptStartedAt, failure, listingFailure, cancellationToken.IsCancellationRequested, timeout.IsCancellationRequested);
                }

                var searched = string.Create(CultureInfo.InvariantCulture, $"searched {round + 1} times over {(timeProvider.GetUtcNow() - firstSearchAt).TotalSeconds:0} s");
                throw new PinterestPublishOutcomeUnknownException(
                    search.TwinUnresolved
                        ? $"Creating the Pin on board {body.BoardId} failed ambiguously ({Describe(failure)}); a matching Pin is on the board, but a create of an identical draft (same board, title, description and link) was in flight or failed ambiguously at the same time, so it may be that one ({searched}). Check the board before publishing again."
                        : $"Creating the Pin on board {body.BoardId} failed ambiguously ({Describe(failure)}) and no matching Pin was found on the board ({searched}). It may still appear: check the board before publishing again.",
                    attemptStartedAt,
                    failure);
            }

            var wait = SearchAgainAfter[round];
            PublishPathLog.SearchingBoardAgain(logger, body.BoardId, round + 2, wait.TotalMilliseconds, listingFailure is null ? "not found" : listingFailure.GetType().Name);
            try
            {
                await Task.Delay(wait, timeProvider, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex)
            {
                throw CouldNotSearch(body, attemptStartedAt, failure, ex, cancellationToken.IsCancellationRequested, timeout.IsCancellationRequested);
            }
        }
    }

    /// <summary>
    /// Before a publish creates its Pin again: searches the board for the Pin an earlier, unresolved attempt of the same
    /// operation may have made (its instance died with the create in flight, or it ended ambiguously). The operation's own
    /// attempts and claims are its own, never twins. Not found is an answer only once a Pin of that attempt would be
    /// listed (its in-flight bound plus the listing lag); until then the board is searched again, after the usual waits
    /// and then every last wait. When <paramref name="deadline"/> comes first, the question stays open for the next try.
    /// </summary>
    /// <returns>The Pin, now claimed for this publish and <paramref name="recovery"/> resolved; <see langword="null"/> when the board has none.</returns>
    /// <exception cref="PinterestPublishOutcomeUnknownException">A matching Pin may be an identical draft's: there is no telling.</exception>
    /// <exception cref="PinterestCreateDeadlineExceededException">The deadline comes before the earlier attempt's Pin would be listed; nothing was created.</exception>
    public async Task<Pin?> FindEarlierAsync(PinterestClient client, CreatePinRequest body, AttributedPinRegistry.CreateScope recovery, DateTimeOffset earlierStartedAt, DateTimeOffset? deadline, CancellationToken cancellationToken)
    {
        var search = new Search(body, recovery, earlierStartedAt - ClockSkewTolerance);

        // The earliest attempt's start bounds the window: the operation's later attempts each came after a search.
        var listedBy = earlierStartedAt + attributed.CreateInFlightLimit + SearchAgainAfter.Aggregate(TimeSpan.Zero, (sum, wait) => sum + wait);
        for (var round = 0; ; round++)
        {
            var pin = await SearchOnceAsync(client, search, cancellationToken).ConfigureAwait(false);
            if (pin is null && search.TwinUnresolved)
            {
                throw new PinterestPublishOutcomeUnknownException(
                    $"An earlier create of this publish on board {body.BoardId} did not end (its instance stopped mid-create, or it failed ambiguously); a matching Pin is on the board, but a create of an identical draft was in flight or failed ambiguously at the same time, so it may be that one. Check the board before publishing again.",
                    earlierStartedAt,
                    innerException: null);
            }

            var now = timeProvider.GetUtcNow();
            if (pin is not null || now >= listedBy)
            {
                PublishPathLog.EarlierAttemptSearched(logger, body.BoardId, pin is not null);
                return pin;
            }

            // The usual waits, then every last one, never past the moment the earlier attempt's Pin would be listed.
            var wait = SearchAgainAfter[Math.Min(round, SearchAgainAfter.Length - 1)];
            wait = wait < listedBy - now ? wait : listedBy - now;

            if (deadline is { } due && now + wait > due)
            {
                // Not found yet, but the earlier create could still make a Pin: creating now could make a second one.
                throw new PinterestCreateDeadlineExceededException(due);
            }

            await Task.Delay(wait, timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One read of the board's newest Pins; the Pin claimed, or <see langword="null"/>.</summary>
    private async Task<Pin?> SearchOnceAsync(PinterestClient client, Search search, CancellationToken cancellationToken)
    {
        var (scanned, olderInARow) = (0, 0);
        await foreach (var pin in client.Boards.GetPinsAsync(search.Body.BoardId, ScanPageSize, MaxPagesScanned, cancellationToken).ConfigureAwait(false))
        {
            // A Pin without a creation time cannot be ruled out; it neither counts as older nor ends the run of older ones.
            olderInARow = pin.CreatedAt is { } createdAt && createdAt < search.Threshold ? olderInARow + 1 : 0;
            if (olderInARow == 0 && Matches(pin, search.Body) && await TryClaimAsync(pin, search, cancellationToken).ConfigureAwait(false))
            {
                return pin;
            }

            if (olderInARow >= ConsecutiveOlderPinsToStop || ++scanned >= MaxPinsScanned)
            {
                break;
            }
        }

        return null;
    }

    private async Task<bool> TryClaimAsync(Pin pin, Search search, CancellationToken cancellationToken)
    {
        var boardId = search.Body.BoardId;

        // A Pin older than our threshold cannot be ours, so an identical draft's create that ended before it cannot have
        // made a Pin we would take for ours either (allowing the clock skew once more for that create's own stamps).
        if (await attributed.HasUnresolvedTwinAsync(search.Create, search.Threshold - ClockSkewTolerance, cancellationToken).ConfigureAwait(false))
        {
            // That create's Pin is not known and there is no telling the two apart: unknown is the honest answer;
            // claiming could report a Pin never made.
            search.TwinUnresolved = true;
            PublishPathLog.MatchWhileTwinUnresolved(logger, boardId, pin.Id);
            return false;
        }

        if (!await attributed.TryClaimAsync(pin.Id, search.Create.OperationId, cancellationToken).ConfigureAwait(false))
        {
            // An identical draft published earlier: that Pin is the other publish's, not this attempt's.
            PublishPathLog.MatchAlreadyAttributed(logger, boardId, pin.Id);
            return false;
        }

        await search.Create.ResolveAsync().ConfigureAwait(false);
        PublishPathLog.Reconciled(logger, boardId, pin.Id);
        return true;
    }

    // A failure that a later listing may not repeat: Pinterest or the network failing for a while, or a rate limit.
    // An unusable answer (a listing that did not end), a refusal or the caller's cancellation ends the search at once.
    private static bool IsWorthSearchingAgain(Exception exception) => FailureClassifier.Classify(exception) is
        FailureKind.Transient or FailureKind.RateLimited or FailureKind.NoAnswer or FailureKind.NotSent or FailureKind.TransportFailed or FailureKind.TimedOut;

    private PinterestPublishOutcomeUnknownException CouldNotSearch(CreatePinRequest body, DateTimeOffset attemptStartedAt, Exception failure, Exception searchError, bool callerCancelled, bool timedOut)
    {
        // Whatever ends the search, the create was sent: even the caller's cancellation (a scheduler's lease ending)
        // must surface as an unknown outcome, never as a cancellation that a retry would answer with a second Pin.
        PublishPathLog.ReconcileFailed(logger, body.BoardId, searchError.GetType().Name);
        var why = callerCancelled
            ? "the search was cancelled"
            : timedOut
            ? $"no answer within {ReconcileTimeout.TotalMinutes:0} minutes"
            : FailureClassifier.Classify(searchError) == FailureKind.UnusableAnswer ? "the board's listing was unreadable or did not end" : Describe(searchError);
        return new PinterestPublishOutcomeUnknownException(
            $"Creating the Pin on board {body.BoardId} failed ambiguously ({Describe(failure)}) and the board could not be searched for it ({why}). The Pin may or may not exist: check the board before publishing again.",
            attemptStartedAt,
            failure);
    }

    /// <summary>A failure as a message may show it: a status, a timeout or the exception's type, never its text.</summary>
    internal static string Describe(Exception exception) => exception switch
    {
        PinterestApiException api when api.StatusCode != 0 => $"HTTP {(int)api.StatusCode}",
        OperationCanceledException => "timed out",
        _ => exception.GetType().Name,
    };

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

    /// <summary>What one reconciliation looks for, and whether an unresolved twin kept it from claiming a match.</summary>
    private sealed class Search(CreatePinRequest body, AttributedPinRegistry.CreateScope create, DateTimeOffset threshold)
    {
        public CreatePinRequest Body { get; } = body;

        public AttributedPinRegistry.CreateScope Create { get; } = create;

        /// <summary>Pins created before this cannot be the attempt's.</summary>
        public DateTimeOffset Threshold { get; } = threshold;

        public bool TwinUnresolved { get; set; }
    }
}
