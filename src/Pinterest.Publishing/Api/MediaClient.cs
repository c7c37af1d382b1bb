using Pinterest.Publishing.Api.Internal;
using Pinterest.Publishing.Api.Models;
using Pinterest.Publishing.Authentication.Internal;

namespace Pinterest.Publishing.Api;

/// <summary><c>/v5/media</c>: video upload registration and status.</summary>
public sealed class MediaClient
{
    private readonly PinterestPipeline _pipeline;
    private readonly IPinterestCredential? _credential;

    internal MediaClient(PinterestPipeline pipeline, IPinterestCredential? credential)
    {
        _pipeline = pipeline;
        _credential = credential;
    }

    /// <summary><c>POST /v5/media</c> with <c>media_type: video</c>. Not retried: each call registers a new upload.</summary>
    /// <returns>The media id and where to upload the file. <see cref="MediaUploadRegistration.UploadParameters"/> are signed: never log them.</returns>
    public Task<MediaUploadRegistration> RegisterVideoUploadAsync(CancellationToken cancellationToken = default)
    {
        var request = PinterestApiRequest.Json(
            HttpMethod.Post,
            "media",
            "register video upload",
            new MediaUploadCreateRequest { MediaType = MediaUploadCreateRequest.Video },
            PinterestJsonContext.Default.MediaUploadCreateRequest);
        return _pipeline.SendAsync(request, PinterestJsonContext.Default.MediaUploadRegistration, _credential, cancellationToken);
    }

    /// <summary><c>GET /v5/media/{media_id}</c>: the processing status of an uploaded video.</summary>
    public Task<MediaUploadDetails> GetAsync(string mediaId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mediaId);
        var request = PinterestApiRequest.Create(HttpMethod.Get, "media/" + Uri.EscapeDataString(mediaId), "get media upload status");
        return _pipeline.SendAsync(request, PinterestJsonContext.Default.MediaUploadDetails, _credential, cancellationToken);
    }
}
