using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Api.Models;
using Pinterest.Publishing.Diagnostics.Internal;
using Pinterest.Publishing.Internal.Failures;
using Pinterest.Publishing.VideoUpload.Internal;

namespace Pinterest.Publishing.VideoUpload;

/// <summary>
/// A video uploaded to Pinterest (or being processed): its <see cref="MediaId"/> and the means to wait until
/// Pinterest has processed it. Keep <see cref="MediaId"/>: after a restart,
/// <see cref="PinterestVideoUploader.Resume(string)"/> continues from it without uploading again.
/// </summary>
/// <remarks>One caller at a time: do not wait on the same instance from several threads.</remarks>
public sealed class VideoUploadOperation
{
    private readonly MediaClient _media;
    private readonly VideoUploadOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private DateTimeOffset? _deadlineStart;
    private readonly PinterestTelemetry _telemetry;

    // telemetry: the uploader's, which is the host's instance with dependency injection, else the shared one.
    internal VideoUploadOperation(MediaClient media, string mediaId, VideoUploadOptions options, TimeProvider timeProvider, ILogger logger, DateTimeOffset? deadlineStart, PinterestTelemetry telemetry)
    {
        ArgumentNullException.ThrowIfNull(telemetry);
        _telemetry = telemetry;
        _media = media;
        MediaId = mediaId;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _deadlineStart = deadlineStart;
    }

    /// <summary>The Pinterest media id: what a video Pin is created with, and what an interrupted wait resumes from.</summary>
    public string MediaId { get; }

    /// <summary>The last status seen, or <see langword="null"/> before the first poll.</summary>
    public MediaUploadStatus? Status { get; private set; }

    /// <summary><see langword="true"/> once Pinterest reported the video <c>succeeded</c> or <c>failed</c>.</summary>
    public bool HasCompleted => Status is { } status && (status == MediaUploadStatus.Succeeded || status == MediaUploadStatus.Failed);

    /// <summary>Asks Pinterest once for the processing status (<c>GET /v5/media/{media_id}</c>).</summary>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The media's details; a <c>failed</c> status is returned, not thrown.</returns>
    public async Task<MediaUploadDetails> UpdateStatusAsync(CancellationToken cancellationToken = default)
    {
        var details = await _media.GetAsync(MediaId, cancellationToken).ConfigureAwait(false);
        Status = details.Status;
        _telemetry.RecordMediaPoll(details.Status.Value);
        return details;
    }

    /// <summary>
    /// Polls until Pinterest has processed the video, waiting about 1 s and then longer, up to about 10 s, between
    /// polls (<see cref="VideoUploadOptions"/>). A transient error while polling does not end the wait.
    /// </summary>
    /// <param name="cancellationToken">Stops the wait only; the upload and Pinterest's processing go on, and the wait can be resumed from <see cref="MediaId"/>.</param>
    /// <returns>The details of the processed video.</returns>
    /// <exception cref="PinterestMediaProcessingException">
    /// Pinterest reported <c>failed</c> (<see cref="PinterestMediaProcessingException.TranscodeFailedCode"/>), or processing did not
    /// finish within <see cref="VideoUploadOptions.ProcessingTimeout"/> of the upload's end or of the first wait on a resumed operation
    /// (<see cref="PinterestMediaProcessingException.TranscodeTimeoutCode"/>).
    /// </exception>
    public async Task<MediaUploadDetails> WaitForCompletionAsync(CancellationToken cancellationToken = default)
    {
        _deadlineStart ??= _timeProvider.GetUtcNow();
        var timeout = _options.ProcessingTimeout;
        var deadline = _deadlineStart.Value + timeout;
        var initialInterval = Positive(_options.InitialPollInterval, TimeSpan.FromSeconds(1));
        var maxInterval = Max(Positive(_options.MaxPollInterval, initialInterval), initialInterval);
        Exception? lastError = null;

        for (var poll = 0; ; poll++)
        {
            MediaUploadDetails? details = null;
            try
            {
                details = await UpdateStatusAsync(cancellationToken).ConfigureAwait(false);
                lastError = null;
            }
            catch (Exception ex) when (IsTransient(ex, cancellationToken))
            {
                lastError = ex;
                VideoUploadLog.PollFailed(_logger, MediaId, ex);
            }

            if (details is not null)
            {
                if (details.Status == MediaUploadStatus.Succeeded)
                {
                    VideoUploadLog.ProcessingSucceeded(_logger, MediaId);
                    return details;
                }

                if (details.Status == MediaUploadStatus.Failed)
                {
                    VideoUploadLog.ProcessingFailed(_logger, MediaId);
                    throw new PinterestMediaProcessingException(
                        $"Pinterest could not process video {MediaId}. Check its format (MP4, MOV or M4V, H.264), duration (4 s to 15 min) and size, then upload it again.",
                        MediaId,
                        PinterestMediaProcessingException.TranscodeFailedCode);
                }
            }

            var remaining = deadline - _timeProvider.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                VideoUploadLog.ProcessingTimedOut(_logger, MediaId, timeout.TotalSeconds);
                throw new PinterestMediaProcessingException(
                    $"Pinterest did not finish processing video {MediaId} within {timeout.TotalSeconds:F0} s. It may still finish: resume from the media id later.",
                    MediaId,
                    PinterestMediaProcessingException.TranscodeTimeoutCode,
                    lastError);
            }

            // The interval doubles from poll to poll up to its cap. The last wait is cut to the deadline so the final
            // poll happens at the deadline, not past it.
            var interval = Backoff.Exponential(initialInterval, poll, maxInterval, jitter: null);
            var delay = interval < remaining ? interval : remaining;
            VideoUploadLog.PollStatus(_logger, MediaId, details?.Status.Value ?? "unknown", (long)delay.TotalMilliseconds);
            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Whether a failed poll leaves the wait going: a transient answer or rate limit, any HTTP transport failure, or an
    /// HTTP timeout (not the caller's cancellation).
    /// </summary>
    internal static bool IsTransient(Exception exception, CancellationToken cancellationToken) =>
        FailureClassifier.Classify(exception, cancellationToken.IsCancellationRequested)
            is FailureKind.Transient or FailureKind.RateLimited or FailureKind.NotSent or FailureKind.TransportFailed or FailureKind.TimedOut;

    private static TimeSpan Positive(TimeSpan value, TimeSpan fallback) => value > TimeSpan.Zero ? value : fallback;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
