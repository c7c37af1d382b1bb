using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Api;

namespace Pinterest.Publishing.Internal.PublishPath;

/// <summary>
/// Uploads a video Pin's video and waits until Pinterest has processed it. It owns the memory of uploads still
/// processing: when the wait of a request with an <see cref="PublishPinRequest.OperationId"/> times out, the next
/// attempt with that id waits for the same upload (<see cref="ResumeProcessingUpload"/>) instead of uploading again.
/// </summary>
/// <remarks>
/// The memory is process-local and kept for <see cref="ProcessingUploadRetention"/>: another process retrying the
/// operation uploads again, a cost but never a duplicate. Requests without an operation id never resume.
/// </remarks>
internal sealed class VideoStage
{
    /// <summary>How long an upload left processing is remembered: longer than any sensible retry.</summary>
    internal static readonly TimeSpan ProcessingUploadRetention = TimeSpan.FromDays(1);

    // Operation id → the upload still processing when its last attempt gave up, and when that was.
    private readonly ConcurrentDictionary<string, ProcessingUpload> _processingUploads = new(StringComparer.Ordinal);
    private readonly IVideoPinUploader _uploader;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public VideoStage(IVideoPinUploader uploader, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        _uploader = uploader;
        _timeProvider = timeProvider;
        _logger = loggerFactory.CreateLogger(PublishPathLog.CategoryName);
    }

    /// <summary>
    /// The request to publish: for a video whose operation left an upload processing, the video becomes that upload,
    /// so neither preflight nor the upload reads the source again. Other requests are returned as they are.
    /// </summary>
    public PublishPinRequest ResumeProcessingUpload(PublishPinRequest request)
    {
        if (request is not { OperationId: { } operationId, Media: VideoPinMedia video }
            || !_processingUploads.TryGetValue(operationId, out var upload))
        {
            return request;
        }

        PublishPathLog.ResumingUpload(_logger, operationId, upload.MediaId);
        return request with { Media = video with { Source = VideoSource.FromUploadedMedia(upload.MediaId) } };
    }

    /// <summary>Uploads the video of a video Pin and waits until it is processed.</summary>
    /// <returns>The processed video's media id; <see langword="null"/> for other media.</returns>
    /// <exception cref="PinterestMediaProcessingException">
    /// Processing failed or timed out; also when the upload a retry waited for is gone from Pinterest (then the next
    /// attempt uploads again).
    /// </exception>
    public async Task<string?> UploadAndWaitAsync(PinterestClient client, PublishPinRequest request, CancellationToken cancellationToken)
    {
        if (request.Media is not VideoPinMedia video)
        {
            return null;
        }

        try
        {
            return await _uploader.UploadAndWaitAsync(client, video.Source, cancellationToken).ConfigureAwait(false);
        }
        catch (PinterestMediaProcessingException failure) when (request.OperationId is { } operationId)
        {
            if (failure.Code == PinterestMediaProcessingException.TranscodeTimeoutCode)
            {
                Remember(operationId, failure.MediaId);
            }
            else
            {
                // Processing failed: the upload is no use to a retry.
                Forget(operationId);
            }

            throw;
        }
        catch (PinterestApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound && TryForgetResumed(request, video, out var gone))
        {
            // The remembered upload is gone from Pinterest (expired, say): that is no fault of the draft, so the
            // publish is retried as a processing timeout, and the next attempt uploads the video again.
            PublishPathLog.ProcessingUploadGone(_logger, request.OperationId!, gone);
            throw new PinterestMediaProcessingException(ex.Message, gone, PinterestMediaProcessingException.TranscodeTimeoutCode, ex);
        }
    }

    /// <summary>Forgets the operation's upload: its Pin is published, or the upload is of no use any more.</summary>
    public void Forget(string? operationId)
    {
        if (operationId is not null)
        {
            _processingUploads.TryRemove(operationId, out _);
        }
    }

    private void Remember(string operationId, string mediaId)
    {
        if (mediaId.Length == 0 || mediaId.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            // Not a media id Pinterest gave: nothing to resume from.
            return;
        }

        var now = _timeProvider.GetUtcNow();
        _processingUploads[operationId] = new ProcessingUpload(mediaId, now);

        // Operations retried by another process never come back here; forget uploads older than any sensible retry.
        foreach (var (id, upload) in _processingUploads)
        {
            if (now - upload.At > ProcessingUploadRetention)
            {
                _processingUploads.TryRemove(new KeyValuePair<string, ProcessingUpload>(id, upload));
            }
        }
    }

    /// <summary>Whether the request waited for its operation's remembered upload; if so, forgets it.</summary>
    private bool TryForgetResumed(PublishPinRequest request, VideoPinMedia video, out string mediaId)
    {
        mediaId = string.Empty;
        if (request.OperationId is not { } operationId || video.Source is not UploadedVideoSource resumed
            || !_processingUploads.TryGetValue(operationId, out var upload) || upload.MediaId != resumed.MediaId)
        {
            return false;
        }

        mediaId = upload.MediaId;
        return _processingUploads.TryRemove(new KeyValuePair<string, ProcessingUpload>(operationId, upload));
    }

    private readonly record struct ProcessingUpload(string MediaId, DateTimeOffset At);
}
