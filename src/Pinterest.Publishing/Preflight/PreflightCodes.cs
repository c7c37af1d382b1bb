
namespace Pinterest.Publishing.Preflight;

/// <summary>The stable codes of preflight issues.</summary>
public static class PreflightCodes
{
    /// <summary>No board id and no default board.</summary>
    public const string BoardRequired = "pinterest.board.required";

    /// <summary>A board or section id is not digits only (a board name was passed).</summary>
    public const string BoardIdFormat = "pinterest.board.id_format";

    /// <summary>A video Pin while the client talks to Pinterest's API sandbox, which cannot create video Pins.</summary>
    public const string VideoSandboxUnsupported = "pinterest.video.sandbox_unsupported";

    /// <summary>Title longer than 100 characters.</summary>
    public const string TitleLengthMax = "pinterest.title.length_max";

    /// <summary>Description longer than 800 characters.</summary>
    public const string DescriptionLengthMax = "pinterest.description.length_max";

    /// <summary>Warning: description longer than 500 characters; Pinterest cuts it in the feed.</summary>
    public const string DescriptionDisplayLength = "pinterest.description.display_length";

    /// <summary>Alt text longer than 500 characters.</summary>
    public const string AltTextLengthMax = "pinterest.alt_text.length_max";

    /// <summary>Link not an absolute http(s) URL, or longer than 2048 characters.</summary>
    public const string LinkFormat = "pinterest.link.format";

    /// <summary>The destination link does not answer 2xx or 3xx to GET.</summary>
    public const string DestinationUrlReachable = "pinterest.destination_url.reachable";

    /// <summary>Dominant colour not <c>#RRGGBB</c>.</summary>
    public const string DominantColorFormat = "pinterest.dominant_color.format";

    /// <summary>No media.</summary>
    public const string MediaRequired = "pinterest.media.required";

    /// <summary>Carousel with fewer than 2 or more than 5 images.</summary>
    public const string CarouselCount = "pinterest.carousel.count";

    /// <summary>Carousel images differ in aspect ratio.</summary>
    public const string CarouselAspectConsistent = "pinterest.carousel.aspect_consistent";

    /// <summary>Carousel's common aspect ratio is neither 1:1 nor 2:3.</summary>
    public const string CarouselAspectAllowed = "pinterest.carousel.aspect_allowed";

    /// <summary>An image URL does not answer 2xx to GET.</summary>
    public const string ImageUrlReachable = "pinterest.image_url.reachable";

    /// <summary>The image's Content-Type is not an allowed image type.</summary>
    public const string ImageMimeAllowed = "pinterest.image.mime_allowed";

    /// <summary>Warning: the Content-Type header and the file's bytes disagree.</summary>
    public const string ImageMimeMismatch = "pinterest.image.mime_mismatch";

    /// <summary>Image larger than the maximum size.</summary>
    public const string ImageSizeMax = "pinterest.image.size_max";

    /// <summary>Warning: image smaller than 600×900 (2:3) or 600×600 (1:1).</summary>
    public const string ImageDimensionsMin = "pinterest.image.dimensions_min";

    /// <summary>The image's dimensions cannot be read from its bytes, or the file is truncated.</summary>
    public const string ImageUnreadable = "pinterest.image.unreadable";

    /// <summary>
    /// The image's header declares more pixels a side or in all than <see cref="PreflightOptions.MaxImageSide"/> or
    /// <see cref="PreflightOptions.MaxImagePixels"/> allow: a corrupt header or a decompression bomb.
    /// </summary>
    public const string ImageDimensionsMax = "pinterest.image.dimensions_max";

    /// <summary>
    /// Warning: the image's dimensions could not be verified (a format preflight does not read, or a header further into
    /// the file than preflight reads); nothing says the file is damaged.
    /// </summary>
    public const string ImageDimensionsUnverified = "pinterest.image.dimensions_unverified";

    /// <summary>A URL resolves to a loopback, private, link-local or metadata address.</summary>
    public const string UrlPrivateNetwork = "pinterest.url.private_network";

    /// <summary>A cover URL was given but cannot be used.</summary>
    public const string VideoCoverRequired = "pinterest.video.cover_required";

    /// <summary>The cover URL does not answer 2xx with an image type.</summary>
    public const string CoverImageUrlReachable = "pinterest.cover_image_url.reachable";

    /// <summary>The video container is not MP4, MOV or M4V.</summary>
    public const string VideoFormatAllowed = "pinterest.video.format_allowed";

    /// <summary>The video is larger than the maximum size.</summary>
    public const string VideoSizeMax = "pinterest.video.size_max";

    /// <summary>The video is shorter than 4 s or longer than 15 min.</summary>
    public const string VideoDurationRange = "pinterest.video.duration_range";

    /// <summary>Warning: the video is wider than 1.91:1 or taller than 1:2.</summary>
    public const string VideoAspectRange = "pinterest.video.aspect_range";

    /// <summary>A video URL does not answer 2xx to GET.</summary>
    public const string VideoUrlReachable = "pinterest.video_url.reachable";

    /// <summary>The video file or stream cannot be read, is cut short (a box runs past its end) or has no <c>moov</c> box.</summary>
    public const string VideoUnreadable = "pinterest.video.unreadable";

    /// <summary>
    /// Warning: the video's duration could not be checked: a fragmented file that states none, or a URL whose
    /// <c>moov</c> lies past the first bytes on a server that ignores <c>Range</c> (checked after download, before upload).
    /// </summary>
    public const string VideoDurationUnknown = "pinterest.video.duration_unknown";

    /// <summary>Warning: the cover key frame lies past the end of the video; Pinterest uses the last frame.</summary>
    public const string VideoCoverKeyFrameAfterEnd = "pinterest.video.cover_key_frame_after_end";
}
