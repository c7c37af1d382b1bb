using Pinterest.Publishing.Api.Models;

namespace Pinterest.Publishing;

/// <summary>Maps a <see cref="PublishPinRequest"/> to the body of <c>POST /v5/pins</c>.</summary>
internal static class CreatePinRequestFactory
{
    /// <param name="request">The validated request.</param>
    /// <param name="boardId">The board in effect (the request's or the default one).</param>
    /// <param name="videoMediaId">The processed video's media id; required for video Pins.</param>
    public static CreatePinRequest Create(PublishPinRequest request, string boardId, string? videoMediaId = null) => new()
    {
        BoardId = boardId,
        BoardSectionId = request.BoardSectionId,
        Title = request.Title,
        Description = request.Description,
        Link = request.Link?.AbsoluteUri,
        AltText = request.AltText,
        DominantColor = request.DominantColor,
        MediaSource = CreateMediaSource(request.Media, videoMediaId),
    };

    private static PinMediaSource CreateMediaSource(PinMedia media, string? videoMediaId) => media switch
    {
        ImageUrlPinMedia image => new ImageUrlMediaSource { Url = image.Url.AbsoluteUri },
        InlineImagePinMedia inline => new ImageBase64MediaSource
        {
            ContentType = inline.ContentType,
            Data = Convert.ToBase64String(inline.Data.Span),
        },
        CarouselPinMedia carousel => new MultipleImageUrlsMediaSource
        {
            Items = carousel.Items.Select(item => new ImageUrlItem
            {
                Url = item.Url.AbsoluteUri,
                Title = item.Title,
                Description = item.Description,
                Link = item.Link?.AbsoluteUri,
            }).ToList(),
        },
        VideoPinMedia video => CreateVideoSource(video.Cover, videoMediaId ?? throw new InvalidOperationException("A video Pin needs the media id of its uploaded video.")),
        _ => throw new ArgumentException($"Unsupported media type {media.GetType().Name}.", nameof(media)),
    };

    /// <summary>The <c>video_id</c> source; a missing cover becomes the key frame at 0 s, as Pinterest requires a cover.</summary>
    internal static VideoIdMediaSource CreateVideoSource(VideoCover? cover, string mediaId) => cover switch
    {
        UrlVideoCover url => new VideoIdMediaSource { MediaId = mediaId, CoverImageUrl = url.Url.AbsoluteUri },
        KeyFrameVideoCover keyFrame => new VideoIdMediaSource { MediaId = mediaId, CoverImageKeyFrameTime = (int)Math.Floor(keyFrame.Time.TotalSeconds) },
        _ => new VideoIdMediaSource { MediaId = mediaId, CoverImageKeyFrameTime = 0 },
    };
}
