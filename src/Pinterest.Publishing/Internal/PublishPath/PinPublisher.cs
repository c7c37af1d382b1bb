using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Diagnostics.Internal;
using Pinterest.Publishing.Internal.Failures;
using Pinterest.Publishing.Preflight;
using Pinterest.Publishing.Scheduling;

namespace Pinterest.Publishing.Internal.PublishPath;

/// <summary>
/// The facade: preflight, then (for videos) upload and processing, then a duplicate-safe create, under a per-account
/// concurrency limit.
/// </summary>
internal sealed partial class PinPublisher : IPinPublisher
{
    private readonly IPinPreflightValidator _validator;
    private readonly PinterestClientProvider _clients;
    private readonly IVideoPinUploader _videoUploader;
    private readonly IDefaultBoardProvider? _defaultBoards;
    private readonly AccountConcurrencyLimiter _limiter;
    private readonly DuplicateSafePinCreator _creator;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly PinterestTelemetry _telemetry;

    public PinPublisher(
        IPinPreflightValidator validator,
        PinterestClientProvider clients,
        IVideoPinUploader videoUploader,
        AccountConcurrencyLimiter limiter,
        PinterestRetryOptions retry,
        TimeProvider timeProvider,
        ILogger<PinPublisher> logger,
        PinterestTelemetry telemetry,
        IDefaultBoardProvider? defaultBoards = null)
    {
        _validator = validator;
        _clients = clients;
        _telemetry = telemetry;
        _videoUploader = videoUploader;
        _defaultBoards = defaultBoards;
        _limiter = limiter;
        _timeProvider = timeProvider;
        _logger = logger;
        _creator = new DuplicateSafePinCreator(timeProvider, retry, logger);
    }

    public async Task<PreflightResult> ValidateAsync(PublishPinRequest request, CancellationToken cancellationToken = default)
    {
        ValidateArguments(request);
        var withBoard = await ResolveBoardAsync(request, cancellationToken).ConfigureAwait(false);
        return await _validator.ValidateAsync(withBoard, cancellationToken).ConfigureAwait(false);
    }

    public Task<PublishPinResult> PublishAsync(PublishPinRequest request, CancellationToken cancellationToken = default) =>
        PublishAsync(request, createDeadline: null, cancellationToken);

    /// <param name="request">The Pin.</param>
    /// <param name="createDeadline">
    /// The scheduling dispatcher's lease end (less a margin): past it the create is not sent, because another instance
    /// may already own the Pin.
    /// </param>
    /// <param name="cancellationToken">Cancels the publish.</param>
    internal async Task<PublishPinResult> PublishAsync(PublishPinRequest request, DateTimeOffset? createDeadline, CancellationToken cancellationToken)
    {
        ValidateArguments(request);
        var started = _timeProvider.GetTimestamp();
        using var activity = PinterestTelemetry.StartActivity(PinterestTelemetry.PublishActivityName);
        activity?.SetTag("pinterest.account.id", request.AccountId);
        try
        {
            var result = await PublishCoreAsync(request, started, createDeadline, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("pinterest.pin.id", result.PinId);
            _telemetry.RecordPublish(result.Reconciled ? "reconciled" : "published", _timeProvider.GetElapsedTime(started));
            return result;
        }
        catch (Exception ex)
        {
            var outcome = OutcomeTag(ex);
            activity?.SetStatus(ActivityStatusCode.Error, outcome);
            _telemetry.RecordPublish(outcome, _timeProvider.GetElapsedTime(started));
            throw;
        }
    }

    private async Task<PublishPinResult> PublishCoreAsync(PublishPinRequest request, long started, DateTimeOffset? createDeadline, CancellationToken cancellationToken)
    {

        // The default board is resolved once here and handed to preflight, so the provider is asked once per publish.
        var resolved = await ResolveBoardAsync(request, cancellationToken).ConfigureAwait(false);
        var preflight = await _validator.ValidateAsync(resolved, cancellationToken).ConfigureAwait(false);
        _telemetry.RecordPreflightIssues(preflight);
        if (!preflight.IsValid)
        {
            LogPreflightRejected(_logger, request.AccountId, preflight.Errors.Count, string.Join(",", preflight.Errors.Select(e => e.Code).Distinct()));
            throw new PinPreflightException(preflight);
        }

        using var slot = await _limiter.AcquireAsync(request.AccountId, cancellationToken).ConfigureAwait(false);
        var client = _clients.ForAccount(request.AccountId);
        var boardId = resolved.BoardId!;

        string? mediaId = null;
        if (resolved.Media is VideoPinMedia video)
        {
            mediaId = await _videoUploader.UploadAndWaitAsync(client, video.Source, cancellationToken).ConfigureAwait(false);
        }

        if (createDeadline is { } deadline && _timeProvider.GetUtcNow() >= deadline)
        {
            throw new ScheduleLeaseExpiredException(deadline);
        }

        var body = CreatePinRequestFactory.Create(resolved, boardId, mediaId);
        var (pin, reconciled) = await _creator.CreateAsync(client, body, cancellationToken).ConfigureAwait(false);
        LogPublished(_logger, request.AccountId, pin.Id, boardId, reconciled, _timeProvider.GetElapsedTime(started).TotalMilliseconds);
        return new PublishPinResult { PinId = pin.Id, Preflight = preflight.WarningsOnly(), Reconciled = reconciled };
    }

    private async Task<PublishPinRequest> ResolveBoardAsync(PublishPinRequest request, CancellationToken cancellationToken)
    {
        if (request.BoardId is not null || _defaultBoards is null)
        {
            return request;
        }

        var boardId = await _defaultBoards.GetDefaultBoardIdAsync(request.AccountId, cancellationToken).ConfigureAwait(false);
        return boardId is null ? request : request with { BoardId = boardId };
    }

    /// <summary>The publish metric's <c>outcome</c> tag of a failed publish, by the failure's kind.</summary>
    internal static string OutcomeTag(Exception exception) => FailureClassifier.Classify(exception) switch
    {
        FailureKind.DraftInvalid or FailureKind.Refused or FailureKind.SpamBlocked or FailureKind.UnusableAnswer => "rejected",
        FailureKind.Reauthorize => "reauthorize",
        FailureKind.OutcomeUnknown => "unknown",

        // What a scheduler retries as Pinterest's (or the network's) passing trouble, a create that never got an answer included.
        FailureKind.Transient or FailureKind.RateLimited or FailureKind.NoAnswer => "retry",
        FailureKind.TimedOut or FailureKind.Cancelled => "cancelled",
        _ => "failed",
    };

    private static void ValidateArguments(PublishPinRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.AccountId))
        {
            throw new InvalidPublishRequestException("PublishPinRequest.AccountId is required: it names the connected account whose token is used.", nameof(request));
        }

        if (request.Media is null)
        {
            throw new InvalidPublishRequestException("PublishPinRequest.Media is required: use PinMedia.Image, Carousel or Video.", nameof(request));
        }
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Published Pin {PinId} for account {AccountId} on board {BoardId} (reconciled: {Reconciled}) in {ElapsedMs} ms.")]
    private static partial void LogPublished(ILogger logger, string accountId, string pinId, string boardId, bool reconciled, double elapsedMs);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Preflight rejected a Pin for account {AccountId} with {ErrorCount} errors: {Codes}.")]
    private static partial void LogPreflightRejected(ILogger logger, string accountId, int errorCount, string codes);
}
