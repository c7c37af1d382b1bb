using Pinterest.Publishing.Api;
using Pinterest.Publishing.Api.Models;

namespace Pinterest.Publishing.VideoUpload.Internal;

/// <summary>The two media API calls the pipeline needs; a seam so the polling logic is testable on its own.</summary>
internal interface IVideoMediaApi
{
    Task<MediaUploadRegistration> RegisterVideoUploadAsync(CancellationToken cancellationToken);

    Task<MediaUploadDetails> GetAsync(string mediaId, CancellationToken cancellationToken);
}

/// <summary><see cref="IVideoMediaApi"/> over <see cref="PinterestClient.Media"/>.</summary>
internal sealed class PinterestClientVideoMediaApi(PinterestClient client) : IVideoMediaApi
{
    public Task<MediaUploadRegistration> RegisterVideoUploadAsync(CancellationToken cancellationToken) =>
        client.Media.RegisterVideoUploadAsync(cancellationToken);

    public Task<MediaUploadDetails> GetAsync(string mediaId, CancellationToken cancellationToken) =>
        client.Media.GetAsync(mediaId, cancellationToken);
}
