using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Diagnostics.Internal;

namespace Pinterest.Publishing.Internal.PublishPath;

/// <summary>
/// Log events of the publish path's orchestrator and stages. Only account, board, Pin, media and operation ids, counts
/// and preflight codes are logged: never a token or a URL.
/// </summary>
internal static partial class PublishPathLog
{
    /// <summary>The logger category of the publish path.</summary>
    public const string CategoryName = PinterestLogCategories.PublishPath;

    [LoggerMessage(EventId = 4001, EventName = "PinCreateAmbiguous", Level = LogLevel.Warning,
        Message = "Creating a Pin on board {BoardId} failed ambiguously ({Failure}); searching the board instead of retrying.")]
    public static partial void AmbiguousCreate(ILogger logger, string boardId, string failure);

    [LoggerMessage(EventId = 4002, EventName = "PinCreateRetrying", Level = LogLevel.Information,
        Message = "Retrying the create of a Pin on board {BoardId} (retry {Retry}) in {DelayMs} ms; the earlier attempt was not processed.")]
    public static partial void RetryingCreate(ILogger logger, string boardId, int retry, double delayMs);

    [LoggerMessage(EventId = 4003, EventName = "PinReconciled", Level = LogLevel.Information,
        Message = "Reconciled the ambiguous create on board {BoardId} to Pin {PinId}.")]
    public static partial void Reconciled(ILogger logger, string boardId, string pinId);

    [LoggerMessage(EventId = 4004, EventName = "PinReconcileFailed", Level = LogLevel.Warning,
        Message = "Searching board {BoardId} after an ambiguous create failed ({Failure}); the outcome is unknown.")]
    public static partial void ReconcileFailed(ILogger logger, string boardId, string failure);

    [LoggerMessage(EventId = 4005, EventName = "PinMatchAlreadyAttributed", Level = LogLevel.Debug,
        Message = "Pin {PinId} on board {BoardId} matches the ambiguous create but already belongs to another publish; searching on.")]
    public static partial void MatchAlreadyAttributed(ILogger logger, string boardId, string pinId);

    [LoggerMessage(EventId = 4006, EventName = "PinMatchWhileTwinUnresolved", Level = LogLevel.Information,
        Message = "Pin {PinId} on board {BoardId} matches the ambiguous create, but a create of an identical draft is in flight or failed ambiguously; not claiming it.")]
    public static partial void MatchWhileTwinUnresolved(ILogger logger, string boardId, string pinId);

    [LoggerMessage(EventId = 4007, EventName = "PinBoardSearchedAgain", Level = LogLevel.Information,
        Message = "No Pin of the ambiguous create on board {BoardId} yet ({Reason}); search {Search} in {DelayMs} ms, as the board lists new Pins late.")]
    public static partial void SearchingBoardAgain(ILogger logger, string boardId, int search, double delayMs, string reason);

    [LoggerMessage(EventId = 4008, EventName = "PinCreateLedgerWriteFailed", Level = LogLevel.Warning,
        Message = "Could not {Write} in the publish ledger for the create on board {BoardId}; the publish goes on, and the attempt ends by its in-flight bound.")]
    public static partial void LedgerWriteFailed(ILogger logger, string boardId, string write, Exception exception);

    [LoggerMessage(EventId = 4009, EventName = "PinEarlierAttemptSearched", Level = LogLevel.Information,
        Message = "An earlier create of this publish on board {BoardId} is unresolved (its instance stopped mid-create, or it failed ambiguously); searched the board for its Pin: {Found}.")]
    public static partial void EarlierAttemptSearched(ILogger logger, string boardId, bool found);

    [LoggerMessage(EventId = 4010, EventName = "PinOfEarlierAttemptAlreadyClaimed", Level = LogLevel.Information,
        Message = "Operation {OperationId} already has Pin {PinId} (its instance stopped before recording the outcome); it is the answer, nothing is asked of Pinterest.")]
    public static partial void EarlierPinFound(ILogger logger, string operationId, string pinId);

    [LoggerMessage(EventId = 4011, EventName = "PinLedgerReadFailed", Level = LogLevel.Warning,
        Message = "Could not read the publish ledger for the earlier creates of operation {OperationId}; the publish's own failure is reported.")]
    public static partial void LedgerReadFailed(ILogger logger, string operationId, Exception exception);

    [LoggerMessage(EventId = 4101, EventName = "PinPublished", Level = LogLevel.Information,
        Message = "Published Pin {PinId} for account {AccountId} on board {BoardId} (reconciled: {Reconciled}) in {ElapsedMs} ms.")]
    public static partial void Published(ILogger logger, string accountId, string pinId, string boardId, bool reconciled, double elapsedMs);

    [LoggerMessage(EventId = 4102, EventName = "PinPreflightRejected", Level = LogLevel.Information,
        Message = "Preflight rejected a Pin for account {AccountId} with {ErrorCount} errors: {Codes}.")]
    public static partial void PreflightRejected(ILogger logger, string accountId, int errorCount, string codes);

    [LoggerMessage(EventId = 4103, EventName = "PublishBookkeepingFailed", Level = LogLevel.Warning,
        Message = "Pin {PinId} of account {AccountId} is published, but {Step} failed afterwards (operation {OperationId}); the publish still succeeded, so it is not retried.")]
    public static partial void BookkeepingFailed(ILogger logger, string pinId, string accountId, string step, string? operationId, Exception exception);

    [LoggerMessage(EventId = 4104, EventName = "AccountSlotReleaseFailed", Level = LogLevel.Warning,
        Message = "Giving back a publish slot of account {AccountId} failed; the publish's own result stands. The coordinator may count the slot as taken until it frees it itself.")]
    public static partial void SlotReleaseFailed(ILogger logger, string accountId, Exception exception);

    [LoggerMessage(EventId = 4201, EventName = "VideoUploadResumed", Level = LogLevel.Information,
        Message = "Operation {OperationId}: waiting for video upload {MediaId}, still processing after the last attempt, instead of uploading again.")]
    public static partial void ResumingUpload(ILogger logger, string operationId, string mediaId);

    [LoggerMessage(EventId = 4202, EventName = "VideoUploadGone", Level = LogLevel.Warning,
        Message = "Operation {OperationId}: video upload {MediaId} is no longer on Pinterest; the next attempt uploads the video again.")]
    public static partial void ProcessingUploadGone(ILogger logger, string operationId, string mediaId);

    [LoggerMessage(EventId = 4301, EventName = "AccountCoolingDown", Level = LogLevel.Warning,
        Message = "Account {AccountId}: Pinterest rate-limited its {Category} requests ({InARow} in a row; spam block: {IsSpamBlock}); every publish of the account waits until {Until}.")]
    public static partial void CoolingDown(ILogger logger, string accountId, string category, DateTimeOffset until, int inARow, bool isSpamBlock);

    [LoggerMessage(EventId = 4302, EventName = "PublishDeferredByCooldown", Level = LogLevel.Debug,
        Message = "Account {AccountId} is cooling down ({Category}) until {Until}: the publish sent nothing.")]
    public static partial void CoolingDownNotSent(ILogger logger, string accountId, string category, DateTimeOffset until);
}
