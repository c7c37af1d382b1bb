using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Coordination;
using Pinterest.Publishing.Diagnostics.Internal;
using Pinterest.Publishing.Internal.Failures;
using Pinterest.Publishing.Preflight;

namespace Pinterest.Publishing.Internal.PublishPath;

/// <summary>
/// The facade: runs the publish path's stages in a straight line — resolve the board, preflight, take one of the
/// account's slots, fail fast while the account cools down after a rate limit, upload the video and wait for it, create
/// the Pin without ever duplicating it — and measures the publish. Each stage is its own class, registered in dependency injection.
/// </summary>
internal sealed class PinPublisher : IPinPublisher
{
    private readonly BoardResolutionStage _board;
    private readonly PreflightStage _preflight;
    private readonly AccountSlotStage _accountSlot;
    private readonly AccountCooldownStage _cooldowns;
    private readonly VideoStage _video;
    private readonly CreateStage _create;
    private readonly TimeProvider _timeProvider;
    private readonly PinterestTelemetry _telemetry;
    private readonly IPinterestPublishLedger _ledger;
    private readonly ILogger _logger;

    public PinPublisher(
        BoardResolutionStage board,
        PreflightStage preflight,
        AccountSlotStage accountSlot,
        AccountCooldownStage cooldowns,
        VideoStage video,
        CreateStage create,
        TimeProvider timeProvider,
        PinterestTelemetry telemetry,
        IPinterestPublishLedger ledger,
        ILoggerFactory loggerFactory)
    {
        _ledger = ledger;
        _board = board;
        _preflight = preflight;
        _accountSlot = accountSlot;
        _cooldowns = cooldowns;
        _video = video;
        _create = create;
        _timeProvider = timeProvider;
        _telemetry = telemetry;
        _logger = loggerFactory.CreateLogger(PublishPathLog.CategoryName);
    }

    public async Task<PreflightResult> ValidateAsync(PublishPinRequest request, CancellationToken cancellationToken = default)
    {
        ValidateArguments(request);
        var resolved = await _board.ResolveAsync(request, cancellationToken).ConfigureAwait(false);
        return await _preflight.ValidateAsync(resolved, cancellationToken).ConfigureAwait(false);
    }

    public async Task<PublishPinResult> PublishAsync(PublishPinRequest request, CancellationToken cancellationToken = default)
    {
        ValidateArguments(request);
        var started = _timeProvider.GetTimestamp();
        using var activity = PinterestTelemetry.StartActivity(PinterestTelemetry.PublishActivityName);
        activity?.SetTag(PinterestTelemetry.AccountIdTag, request.AccountId);
        try
        {
            var result = await PublishCoreAsync(request, started, cancellationToken).ConfigureAwait(false);
            activity?.SetTag(PinterestTelemetry.PinIdTag, result.PinId);
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

    private async Task<PublishPinResult> PublishCoreAsync(PublishPinRequest request, long started, CancellationToken cancellationToken)
    {
        // Its instance died after the Pin was created (or found), before the outcome was recorded: that Pin is the
        // answer, and nothing is asked of Pinterest (the account may even have been disconnected since).
        if (request.OperationId is { } operationId && await _ledger.GetClaimedPinAsync(operationId, cancellationToken).ConfigureAwait(false) is { } claimedPinId)
        {
            PublishPathLog.EarlierPinFound(_logger, operationId, claimedPinId);
            return new PublishPinResult { PinId = claimedPinId, Reconciled = true };
        }

        try
        {
            return await PublishWithAccountAsync(request, started, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (request.OperationId is not null && FailureClassifier.Classify(ex) is FailureKind.Reauthorize or FailureKind.MissingScope or FailureKind.AppCredentialsRejected)
        {
            // An earlier create of this publish may have made the Pin (its instance died mid-create, or it ended
            // ambiguously), and without a usable token the board cannot be searched: "reconnect" alone would have the
            // host publish it again after reconnecting, maybe a second Pin.
            if (await EarlierUnresolvedCreateAsync(request.OperationId).ConfigureAwait(false) is not { } earlierStartedAt)
            {
                throw;
            }

            throw new PinterestPublishOutcomeUnknownException(
                $"An earlier create of this publish did not end (its instance stopped mid-create, or it failed ambiguously), and the account can no longer be used ({ex.GetType().Name}), so the board could not be searched for that Pin: it may or may not exist. Connect the account again and check the board before publishing again.",
                earlierStartedAt,
                ex);
        }
    }

    // The ledger failing here leaves the account's own failure as the answer.
    private async ValueTask<DateTimeOffset?> EarlierUnresolvedCreateAsync(string operationId)
    {
        try
        {
            return await _ledger.GetUnresolvedCreateAttemptStartAsync(operationId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            PublishPathLog.LedgerReadFailed(_logger, operationId, ex);
            return null;
        }
    }

    private async Task<PublishPinResult> PublishWithAccountAsync(PublishPinRequest request, long started, CancellationToken cancellationToken)
    {
        var resolved = await _board.ResolveAsync(request, cancellationToken).ConfigureAwait(false);
        resolved = await _video.ResumeProcessingUploadAsync(resolved, cancellationToken).ConfigureAwait(false);
        var preflight = await _preflight.RunAsync(resolved, cancellationToken).ConfigureAwait(false);

        var account = await _accountSlot.EnterAsync(resolved.AccountId, cancellationToken).ConfigureAwait(false);
        await using var accountScope = account.ConfigureAwait(false);

        // After the slot: a publish that waited for it sees the cool-down an earlier one of the account just started.
        var rateLimits = _cooldowns.For(resolved.AccountId);
        await rateLimits.ThrowIfCoolingDownAsync(cancellationToken).ConfigureAwait(false);
        var videoMediaId = await rateLimits.GuardAsync(ct => _video.UploadAndWaitAsync(account.Client, resolved, ct), cancellationToken).ConfigureAwait(false);
        var (pin, reconciled) = await _create.CreateAsync(account.Client, resolved, videoMediaId, rateLimits, cancellationToken).ConfigureAwait(false);

        // The Pin exists: from here on nothing may fail the publish, or a scheduler would create the Pin again. Not the
        // caller's token either: its cancellation now must not lose the result, and the writes should still land.
        await AfterCreateAsync("resetting the account's run of rate limits", resolved, pin.Id, () => rateLimits.SucceededAsync(CancellationToken.None)).ConfigureAwait(false);
        await AfterCreateAsync("forgetting the operation's processing upload", resolved, pin.Id, () => _video.ForgetAsync(resolved.OperationId)).ConfigureAwait(false);
        PublishPathLog.Published(_logger, resolved.AccountId, pin.Id, resolved.BoardId!, reconciled, _timeProvider.GetElapsedTime(started).TotalMilliseconds);
        return new PublishPinResult { PinId = pin.Id, Preflight = preflight, Reconciled = reconciled };
    }

    /// <summary>
    /// Bookkeeping once the Pin exists (a coordinator's or ledger's call, a database call with the EF stores): a failure
    /// is logged, never thrown, as the publish has succeeded. The slot's release is best-effort the same way (<see cref="AccountSlot"/>).
    /// </summary>
    private async ValueTask AfterCreateAsync(string step, PublishPinRequest request, string pinId, Func<ValueTask> bookkeeping)
    {
        try
        {
            await bookkeeping().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            PublishPathLog.BookkeepingFailed(_logger, pinId, request.AccountId, step, request.OperationId, ex);
        }
    }

    /// <summary>The publish metric's <c>outcome</c> tag of a failed publish, by the failure's kind.</summary>
    internal static string OutcomeTag(Exception exception) => FailureClassifier.Classify(exception) switch
    {
        FailureKind.DraftInvalid or FailureKind.Refused or FailureKind.UnusableAnswer => "rejected",
        FailureKind.Reauthorize => "reauthorize",
        FailureKind.MissingScope => "missing_scope",
        FailureKind.AppCredentialsRejected => "app_credentials",
        FailureKind.TokenRefreshInDoubt => "retry",
        FailureKind.OutcomeUnknown => "unknown",

        // What a scheduler retries as Pinterest's (or the network's) passing trouble, a create that never got an answer
        // included; a spam block too: the scheduler retries it after SpamBlockDelay (and rejects it only after MaxAttempts).
        FailureKind.Transient or FailureKind.RateLimited or FailureKind.SpamBlocked or FailureKind.NoAnswer => "retry",
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

        if (request.OperationId is { Length: > MaxOperationIdLength } operationId)
        {
            throw new InvalidPublishRequestException($"PublishPinRequest.OperationId has {operationId.Length} characters; at most {MaxOperationIdLength} are kept by the publish ledger: use a shorter id (a GUID, or your database key).", nameof(request));
        }
    }

    // The durable ledgers' column width (Pinterest.Publishing.EntityFrameworkCore: varchar(200)).
    internal const int MaxOperationIdLength = 200;
}
