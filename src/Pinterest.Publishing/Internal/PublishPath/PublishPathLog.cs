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

    [LoggerMessage(EventId = 4101, EventName = "PinPublished", Level = LogLevel.Information,
        Message = "Published Pin {PinId} for account {AccountId} on board {BoardId} (reconciled: {Reconciled}) in {ElapsedMs} ms.")]
    public static partial void Published(ILogger logger, string accountId, string pinId, string boardId, bool reconciled, double elapsedMs);

    [LoggerMessage(EventId = 4102, EventName = "PinPreflightRejected", Level = LogLevel.Information,
        Message = "Preflight rejected a Pin for account {AccountId} with {ErrorCount} errors: {Codes}.")]
    public static partial void PreflightRejected(ILogger logger, string accountId, int errorCount, string codes);

    [LoggerMessage(EventId = 4201, EventName = "VideoUploadResumed", Level = LogLevel.Information,
        Message = "Operation {OperationId}: waiting for video upload {MediaId}, still processing after the last attempt, instead of uploading again.")]
    public static partial void ResumingUpload(ILogger logger, string operationId, string mediaId);

    [LoggerMessage(EventId = 4202, EventName = "VideoUploadGone", Level = LogLevel.Warning,
        Message = "Operation {OperationId}: video upload {MediaId} is no longer on Pinterest; the next attempt uploads the video again.")]
    public static partial void ProcessingUploadGone(ILogger logger, string operationId, string mediaId);
}
