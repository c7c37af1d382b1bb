using Pinterest.Publishing.Api.Models;

namespace Pinterest.Publishing.Api;

/// <summary><c>/v5/media</c>: video upload registration and status.</summary>
public sealed class MediaClient
{
    internal MediaClient()
    {
    }

    /// <summary><c>POST /v5/media</c> with <c>media_type: video</c>.</summary>
    public Task<MediaUploadRegistration> RegisterVideoUploadAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary><c>GET /v5/media/{media_id}</c>.</summary>
    public Task<MediaUploadDetails> GetAsync(string mediaId, CancellationToken cancellationToken = default) => throw new NotImplementedException();
}
