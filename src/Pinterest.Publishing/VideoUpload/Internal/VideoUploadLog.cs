using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Diagnostics.Internal;

namespace Pinterest.Publishing.VideoUpload.Internal;

/// <summary>
/// Log events of the VideoUpload layer (event ids 5000–5999). Hosts only, never URLs with their query strings, and
/// never the signed upload fields.
/// </summary>
internal static partial class VideoUploadLog
{
    /// <summary>The logger category of the layer, on the dependency-injection and the non-DI path alike.</summary>
    public const string CategoryName = PinterestLogCategories.VideoUpload;

    [LoggerMessage(EventId = 5001, EventName = "VideoUploadRegistered", Level = LogLevel.Information, Message = "Registered video upload {MediaId} (upload host {UploadHost})")]
    public static partial void Registered(ILogger logger, string mediaId, string uploadHost);

    [LoggerMessage(EventId = 5002, EventName = "VideoUploadStarted", Level = LogLevel.Information, Message = "Uploading video {MediaId}: {Bytes} bytes ({ContentType}) to {UploadHost}")]
    public static partial void UploadStarted(ILogger logger, string mediaId, long bytes, string contentType, string uploadHost);

    [LoggerMessage(EventId = 5003, EventName = "VideoUploadFinished", Level = LogLevel.Information, Message = "Uploaded video {MediaId}: {Bytes} bytes in {ElapsedMilliseconds} ms, upload host answered {StatusCode}")]
    public static partial void UploadFinished(ILogger logger, string mediaId, long bytes, long elapsedMilliseconds, int statusCode);

    [LoggerMessage(EventId = 5004, EventName = "VideoUploadRejected", Level = LogLevel.Warning, Message = "Upload of video {MediaId} to {UploadHost} failed with HTTP {StatusCode} after {ElapsedMilliseconds} ms")]
    public static partial void UploadRejected(ILogger logger, string mediaId, string uploadHost, int statusCode, long elapsedMilliseconds);

    [LoggerMessage(EventId = 5005, EventName = "VideoProcessingPolled", Level = LogLevel.Debug, Message = "Video {MediaId} status {Status}; next poll in {NextPollMilliseconds} ms")]
    public static partial void PollStatus(ILogger logger, string mediaId, string status, long nextPollMilliseconds);

    [LoggerMessage(EventId = 5006, EventName = "VideoProcessingPollFailed", Level = LogLevel.Warning, Message = "Polling video {MediaId} failed transiently; will poll again")]
    public static partial void PollFailed(ILogger logger, string mediaId, Exception exception);

    [LoggerMessage(EventId = 5007, EventName = "VideoProcessingSucceeded", Level = LogLevel.Information, Message = "Video {MediaId} processed")]
    public static partial void ProcessingSucceeded(ILogger logger, string mediaId);

    [LoggerMessage(EventId = 5008, EventName = "VideoProcessingFailed", Level = LogLevel.Warning, Message = "Video {MediaId} processing failed")]
    public static partial void ProcessingFailed(ILogger logger, string mediaId);

    [LoggerMessage(EventId = 5009, EventName = "VideoProcessingTimedOut", Level = LogLevel.Warning, Message = "Video {MediaId} was not processed within {TimeoutSeconds} s")]
    public static partial void ProcessingTimedOut(ILogger logger, string mediaId, double timeoutSeconds);

    [LoggerMessage(EventId = 5010, EventName = "VideoUploadResumedFromMediaId", Level = LogLevel.Information, Message = "Resuming video {MediaId}: polling its processing, no upload")]
    public static partial void Resumed(ILogger logger, string mediaId);

    [LoggerMessage(EventId = 5011, EventName = "VideoDownloadStarted", Level = LogLevel.Information, Message = "Downloading video from {Host}")]
    public static partial void DownloadStarted(ILogger logger, string host);

    [LoggerMessage(EventId = 5012, EventName = "VideoSpooled", Level = LogLevel.Information, Message = "Spooled video to a temporary file: {Bytes} bytes in {ElapsedMilliseconds} ms")]
    public static partial void Spooled(ILogger logger, long bytes, long elapsedMilliseconds);

    [LoggerMessage(EventId = 5013, EventName = "VideoDownloadStalled", Level = LogLevel.Warning, Message = "Video download from {Host} stalled: nothing received for {IdleTimeoutSeconds} s")]
    public static partial void DownloadStalled(ILogger logger, string host, double idleTimeoutSeconds);

    [LoggerMessage(EventId = 5020, EventName = "VideoDownloadTooSlow", Level = LogLevel.Warning, Message = "Video download from {Host} too slow: {Bytes} bytes in {HostSeconds} s, under {MinBytesPerSecond} bytes/s after the first {GraceSeconds} s")]
    public static partial void DownloadTooSlow(ILogger logger, string host, long bytes, double hostSeconds, long minBytesPerSecond, double graceSeconds);

    // No exception object: a transport message can carry more of the URL than the host.
    [LoggerMessage(EventId = 5021, EventName = "VideoDownloadFailed", Level = LogLevel.Warning, Message = "Video download from {Host} failed: {Reason}")]
    public static partial void DownloadFailed(ILogger logger, string host, string reason);

    [LoggerMessage(EventId = 5022, EventName = "VideoStaleTemporaryFilesRemoved", Level = LogLevel.Information, Message = "Removed {Count} video file(s) older than a day, left in {Directory} by an earlier process")]
    public static partial void StaleTemporaryFilesRemoved(ILogger logger, int count, string directory);

    // The value is never logged: it would sit next to signed fields, and a hostile one could be anything.
    [LoggerMessage(EventId = 5031, EventName = "VideoUploadFieldSkipped", Level = LogLevel.Warning, Message = "Upload of video {MediaId}: skipped the upload parameter named {ParameterName}; the video is the only file part")]
    public static partial void FileFieldSkipped(ILogger logger, string mediaId, string parameterName);

    [LoggerMessage(EventId = 5023, EventName = "VideoSpooledCopyRefused", Level = LogLevel.Warning, Message = "The downloaded or spooled video breaks Pinterest's rules ({Codes}); it was not uploaded")]
    public static partial void SpooledCopyRefused(ILogger logger, string codes);
}
