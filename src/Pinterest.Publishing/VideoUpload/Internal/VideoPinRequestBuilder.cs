using Pinterest.Publishing.Api.Models;
using Pinterest.Publishing.Internal.PublishPath;

namespace Pinterest.Publishing.VideoUpload.Internal;

/// <summary>Builds the <c>video_id</c> media source of a video Pin; the rest of the create body comes from <see cref="CreatePinRequestFactory"/>.</summary>
internal static class VideoPinRequestBuilder
{
    /// <summary>
    /// The <c>video_id</c> media source with exactly one cover form: the cover URL, or the key frame time in whole
    /// seconds (rounded down), or the key frame at 0 s when there is no cover.
    /// </summary>
    public static VideoIdMediaSource BuildMediaSource(string mediaId, VideoCover? cover)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mediaId);
        return cover switch
        {
            null => new VideoIdMediaSource { MediaId = mediaId, CoverImageKeyFrameTime = 0 },
            KeyFrameVideoCover keyFrame => new VideoIdMediaSource
            {
                MediaId = mediaId,
                CoverImageKeyFrameTime = (int)Math.Min(Math.Floor(keyFrame.Time.TotalSeconds), int.MaxValue),
            },
            UrlVideoCover url => new VideoIdMediaSource { MediaId = mediaId, CoverImageUrl = url.Url.AbsoluteUri },
            _ => throw new NotSupportedException($"Unknown video cover {cover.GetType().Name}."),
        };
    }
}
