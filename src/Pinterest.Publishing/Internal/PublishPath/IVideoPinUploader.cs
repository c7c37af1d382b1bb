using Pinterest.Publishing.Api;

namespace Pinterest.Publishing.Internal.PublishPath;

/// <summary>Uploads a video and waits until Pinterest has processed it; the facade's view of the media pipeline.</summary>
internal interface IVideoPinUploader
{
    /// <summary>Registers, uploads and awaits processing; returns the media id of a <c>succeeded</c> upload.</summary>
    Task<string> UploadAndWaitAsync(PinterestClient client, VideoSource source, CancellationToken cancellationToken);
}
