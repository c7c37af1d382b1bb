using System.Globalization;

namespace Pinterest.Publishing.Scheduling.Internal;

/// <summary>
/// Turns a <see cref="PublishPinRequest"/> into its stored shape, refusing what a store cannot keep: the refusal comes
/// when the Pin is scheduled, where the caller can still fix it, not hours later when it is published.
/// </summary>
internal static class PublishPinRequestWriter
{
    // The refusals name the argument of PublishPinRequestJson.Serialize (or IPinScheduler.ScheduleAsync), not a helper's.
    private static readonly string RequestParameter = "request";

    public static PublishPinRequestDocument Write(PublishPinRequest request) => new()
    {
        V = PublishPinRequestJson.CurrentVersion,
        AccountId = request.AccountId ?? throw Refused("AccountId is null; set the connected account's id."),
        BoardId = request.BoardId,
        BoardSectionId = request.BoardSectionId,
        Title = request.Title,
        Description = request.Description,
        Link = Url(request.Link, "Link"),
        AltText = request.AltText,
        DominantColor = request.DominantColor,
        Media = Media(request.Media),
        CreateDeadline = request.CreateDeadline,
        OperationId = request.OperationId,
    };

    private static MediaDocument Media(PinMedia? media) => media switch
    {
        ImageUrlPinMedia image => new() { Type = PublishPinRequestKinds.ImageUrlMedia, Url = RequiredUrl(image.Url, "Media.Url") },
        InlineImagePinMedia inline => InlineImage(inline),
        CarouselPinMedia carousel => new() { Type = PublishPinRequestKinds.CarouselMedia, Items = CarouselItems(carousel) },
        VideoPinMedia video => new()
        {
            Type = PublishPinRequestKinds.VideoMedia,
            Source = VideoSource(video.Source),
            Cover = VideoCover(video.Cover),
        },
        null => throw Refused("Media is null; set it with PinMedia.Image, PinMedia.Carousel or PinMedia.Video."),

        // PinMedia's constructor is private protected: only the types above exist. A new one must be added here.
        _ => throw Refused($"Media: {media.GetType().Name} has no durable form yet."),
    };

    private static MediaDocument InlineImage(InlineImagePinMedia inline)
    {
        if (inline.Data.Length > PublishPinRequestJson.MaxInlineImageBytes)
        {
            throw Refused(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Media.Data: the inline image is {inline.Data.Length} bytes, over the {PublishPinRequestJson.MaxInlineImageBytes} bytes a scheduled Pin keeps inline; host the image and use PinMedia.Image(Uri) with its URL."));
        }

        return new()
        {
            Type = PublishPinRequestKinds.ImageInlineMedia,
            Data = inline.Data.ToArray(),
            ContentType = inline.ContentType ?? throw Refused("Media.ContentType is null; give image/jpeg or image/png."),
        };
    }

    private static List<CarouselItemDocument?> CarouselItems(CarouselPinMedia carousel)
    {
        var items = carousel.Items ?? throw Refused("Media.Items is null; make the carousel with PinMedia.Carousel.");
        var documents = new List<CarouselItemDocument?>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i] ?? throw Refused(
                string.Create(CultureInfo.InvariantCulture, $"Media.Items[{i}] is null; remove it or give the image."));
            documents.Add(new CarouselItemDocument
            {
                Url = RequiredUrl(item.Url, string.Create(CultureInfo.InvariantCulture, $"Media.Items[{i}].Url")),
                Title = item.Title,
                Description = item.Description,
                Link = Url(item.Link, string.Create(CultureInfo.InvariantCulture, $"Media.Items[{i}].Link")),
            });
        }

        return documents;
    }

    private static VideoSourceDocument VideoSource(VideoSource? source) => source switch
    {
        FileVideoSource file => new() { Type = PublishPinRequestKinds.FileSource, Path = file.Path },
        UrlVideoSource url => new() { Type = PublishPinRequestKinds.UrlSource, Url = RequiredUrl(url.Url, "Media.Source.Url") },
        UploadedVideoSource uploaded => new() { Type = PublishPinRequestKinds.UploadedMediaSource, MediaId = uploaded.MediaId },

        // A stream belongs to this process and is gone (or moved on) by the time the Pin is due.
        StreamVideoSource => throw Refused(
            "Media.Source: a stream cannot be kept for a scheduled Pin; save it to a file and use VideoSource.FromFile, or upload it first and use VideoSource.FromUploadedMedia."),
        null => throw Refused("Media.Source is null; give a VideoSource."),
        _ => throw Refused($"Media.Source: {source.GetType().Name} has no durable form yet."),
    };

    private static VideoCoverDocument? VideoCover(VideoCover? cover) => cover switch
    {
        null => null,
        UrlVideoCover url => new() { Type = PublishPinRequestKinds.UrlCover, Url = RequiredUrl(url.Url, "Media.Cover.Url") },
        KeyFrameVideoCover keyFrame => new() { Type = PublishPinRequestKinds.KeyFrameCover, Time = keyFrame.Time },
        _ => throw Refused($"Media.Cover: {cover.GetType().Name} has no durable form yet."),
    };

    private static string RequiredUrl(Uri? url, string member) =>
        Url(url, member) ?? throw Refused($"{member} is null; give the absolute http(s) URL.");

    // The original text, not a normalized form, so a signed URL's query reads back exactly. A relative URL has no stable
    // meaning once stored (and cannot be published), so it is refused here. The URL itself is never put in the message.
    private static string? Url(Uri? url, string member)
    {
        if (url is null)
        {
            return null;
        }

        if (!url.IsAbsoluteUri)
        {
            throw Refused($"{member} is a relative URL; give an absolute http(s) URL.");
        }

        return url.OriginalString;
    }

    private static ArgumentException Refused(string message) => new(message, RequestParameter);
}
