using Pinterest.Publishing.Api.Models;
using Pinterest.Publishing.VideoUpload.Internal;

namespace Pinterest.Publishing.Internal.PublishPath;

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
        VideoPinMedia video => VideoPinRequestBuilder.BuildMediaSource(videoMediaId ?? throw new InvalidOperationException("A video Pin needs the media id of its uploaded video."), video.Cover),
        _ => throw new ArgumentException($"Unsupported media type {media.GetType().Name}.", nameof(media)),
    };
}
