using Pinterest.Publishing.Api.Models;

namespace Pinterest.Publishing.Media;

/// <summary>Builds the <c>POST /v5/pins</c> body of a video Pin from a publish request and an uploaded media id.</summary>
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

    /// <summary>
    /// The create-Pin body for <paramref name="request"/>, whose media must be a video, uploaded as
    /// <paramref name="mediaId"/>, on <paramref name="boardId"/> (the request's board or the account's default).
    /// </summary>
    public static CreatePinRequest BuildCreatePinRequest(PublishPinRequest request, string boardId, string mediaId)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(boardId);
        if (request.Media is not VideoPinMedia video)
        {
            throw new ArgumentException("The request's media is not a video.", nameof(request));
        }

        return new CreatePinRequest
        {
            BoardId = boardId,
            BoardSectionId = request.BoardSectionId,
            Title = request.Title,
            Description = request.Description,
            Link = request.Link?.AbsoluteUri,
            AltText = request.AltText,
            DominantColor = request.DominantColor,
            MediaSource = BuildMediaSource(mediaId, video.Cover),
        };
    }
}
