using System.Net;
using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Coordination;

namespace Pinterest.Publishing.Internal.PublishPath;

/// <summary>
/// Uploads a video Pin's video and waits until Pinterest has processed it. When the wait of a request with an
/// <see cref="PublishPinRequest.OperationId"/> times out, the upload still processing is remembered in the
/// <see cref="IPinterestPublishLedger"/>, and the next attempt with that id waits for the same upload
/// (<see cref="ResumeProcessingUploadAsync"/>) instead of uploading again.
/// </summary>
/// <remarks>
/// With the default in-process ledger the memory is this process's (for a day): another process retrying the operation
/// uploads again, a cost but never a duplicate. A ledger shared by several instances lets any of them resume. Requests
/// without an operation id never resume.
/// </remarks>
internal sealed class VideoStage
{
    private readonly IVideoPinUploader _uploader;
    private readonly IPinterestPublishLedger _ledger;
    private readonly ILogger _logger;

    public VideoStage(IVideoPinUploader uploader, IPinterestPublishLedger ledger, ILoggerFactory loggerFactory)
    {
        _uploader = uploader;
        _ledger = ledger;
        _logger = loggerFactory.CreateLogger(PublishPathLog.CategoryName);
    }

    /// <summary>
    /// The request to publish: for a video whose operation left an upload processing, the video becomes that upload,
    /// so neither preflight nor the upload reads the source again. Other requests are returned as they are.
    /// </summary>
    public async ValueTask<PublishPinRequest> ResumeProcessingUploadAsync(PublishPinRequest request, CancellationToken cancellationToken)
    {
        if (request is not { OperationId: { } operationId, Media: VideoPinMedia video }
            || await _ledger.GetProcessingUploadAsync(operationId, cancellationToken).ConfigureAwait(false) is not { } mediaId)
        {
            return request;
        }

        PublishPathLog.ResumingUpload(_logger, operationId, mediaId);
        return request with { Media = video with { Source = VideoSource.FromUploadedMedia(mediaId) } };
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
            // Not the caller's token: the write must land even when the caller gave up, or the next attempt uploads
            // again (or waits for a failed upload).
            if (failure.Code != PinterestMediaProcessingException.TranscodeTimeoutCode)
            {
                // Processing failed: the upload is no use to a retry.
                await _ledger.SetProcessingUploadAsync(operationId, null, CancellationToken.None).ConfigureAwait(false);
            }
            else if (IsMediaId(failure.MediaId))
            {
                await _ledger.SetProcessingUploadAsync(operationId, failure.MediaId, CancellationToken.None).ConfigureAwait(false);
            }

            throw;
        }
        catch (PinterestApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound
            && request.OperationId is not null && video.Source is UploadedVideoSource)
        {
            if (await TryForgetResumedAsync(request.OperationId, (UploadedVideoSource)video.Source).ConfigureAwait(false) is not { } gone)
            {
                throw;
            }

            // The remembered upload is gone from Pinterest (expired, say): that is no fault of the draft, so the
            // publish is retried as a processing timeout, and the next attempt uploads the video again.
            PublishPathLog.ProcessingUploadGone(_logger, request.OperationId, gone);
            throw new PinterestMediaProcessingException(ex.Message, gone, PinterestMediaProcessingException.TranscodeTimeoutCode, ex);
        }
    }

    /// <summary>Forgets the operation's upload: its Pin is published, or the upload is of no use any more.</summary>
    public async ValueTask ForgetAsync(string? operationId)
    {
        if (operationId is not null)
        {
            // Not cancellable: the Pin exists, and a remembered upload would make a later publish with this id wait for it.
            await _ledger.SetProcessingUploadAsync(operationId, null, CancellationToken.None).ConfigureAwait(false);
        }
    }

    // Not a media id Pinterest gave (empty, or not digits): nothing to resume from.
    private static bool IsMediaId(string mediaId) => mediaId.Length != 0 && !mediaId.AsSpan().ContainsAnyExceptInRange('0', '9');

    /// <summary>The media id, when the request waited for its operation's remembered upload (now forgotten); else <see langword="null"/>.</summary>
    private async ValueTask<string?> TryForgetResumedAsync(string operationId, UploadedVideoSource resumed)
    {
        var remembered = await _ledger.GetProcessingUploadAsync(operationId, CancellationToken.None).ConfigureAwait(false);
        if (!string.Equals(remembered, resumed.MediaId, StringComparison.Ordinal))
        {
            return null;
        }

        await _ledger.SetProcessingUploadAsync(operationId, null, CancellationToken.None).ConfigureAwait(false);
        return remembered;
    }
}
