using System.Globalization;
using System.Text.Json;

namespace Pinterest.Publishing.Scheduling.Internal;

/// <summary>
/// Turns a stored <see cref="PublishPinRequestDocument"/> back into a <see cref="PublishPinRequest"/>. Anything it
/// does not know (a later version, an unknown discriminator, a missing member) is a <see cref="JsonException"/> that
/// names it: a row must never silently turn into a different Pin.
/// </summary>
internal static class PublishPinRequestReader
{
    public static PublishPinRequest Read(PublishPinRequestDocument? document)
    {
        if (document is null)
        {
            throw new JsonException("The JSON is null, not a scheduled Pin request written by PublishPinRequestJson.Serialize.");
        }

        if (document.V != PublishPinRequestJson.CurrentVersion)
        {
            throw new JsonException(document.V is { } v
                ? string.Create(CultureInfo.InvariantCulture, $"\"v\": {v} is not a version this library reads (it reads {PublishPinRequestJson.CurrentVersion}); the row was written by a later version of Pinterest.Publishing: update the library.")
                : "\"v\" is missing: the JSON was not written by PublishPinRequestJson.Serialize.");
        }

        return new PublishPinRequest
        {
            AccountId = Required(document.AccountId, "account_id"),
            BoardId = document.BoardId,
            BoardSectionId = document.BoardSectionId,
            Title = document.Title,
            Description = document.Description,
            Link = Url(document.Link, "link"),
            AltText = document.AltText,
            DominantColor = document.DominantColor,
            Media = Media(document.Media ?? throw Missing("media")),
            CreateDeadline = document.CreateDeadline,
            OperationId = document.OperationId,
        };
    }

    private static PinMedia Media(MediaDocument media) => media.Type switch
    {
        PublishPinRequestKinds.ImageUrlMedia => PinMedia.Image(RequiredUrl(media.Url, "media.url")),
        PublishPinRequestKinds.ImageInlineMedia => Build(
            () => PinMedia.Image(media.Data ?? throw Missing("media.data"), Required(media.ContentType, "media.content_type")),
            "media"),
        PublishPinRequestKinds.CarouselMedia => new CarouselPinMedia(CarouselItems(media.Items ?? throw Missing("media.items"))),
        PublishPinRequestKinds.VideoMedia => PinMedia.Video(
            VideoSource(media.Source ?? throw Missing("media.source")),
            media.Cover is null ? null : VideoCover(media.Cover)),
        null => throw Missing("media.type"),
        _ => throw Unknown("media.type", media.Type),
    };

    private static CarouselItem[] CarouselItems(List<CarouselItemDocument?> documents)
    {
        var items = new CarouselItem[documents.Count];
        for (var i = 0; i < items.Length; i++)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"media.items[{i}]");
            var item = documents[i] ?? throw Missing(prefix);
            items[i] = new CarouselItem(RequiredUrl(item.Url, prefix + ".url"))
            {
                Title = item.Title,
                Description = item.Description,
                Link = Url(item.Link, prefix + ".link"),
            };
        }

        return items;
    }

    private static VideoSource VideoSource(VideoSourceDocument source) => source.Type switch
    {
        PublishPinRequestKinds.FileSource => Build(() => Publishing.VideoSource.FromFile(Required(source.Path, "media.source.path")), "media.source.path"),
        PublishPinRequestKinds.UrlSource => Build(() => Publishing.VideoSource.FromUrl(RequiredUrl(source.Url, "media.source.url")), "media.source.url"),
        PublishPinRequestKinds.UploadedMediaSource => Build(
            () => Publishing.VideoSource.FromUploadedMedia(Required(source.MediaId, "media.source.media_id")), "media.source.media_id"),
        null => throw Missing("media.source.type"),
        _ => throw Unknown("media.source.type", source.Type),
    };

    private static VideoCover VideoCover(VideoCoverDocument cover) => cover.Type switch
    {
        PublishPinRequestKinds.UrlCover => Publishing.VideoCover.FromUrl(RequiredUrl(cover.Url, "media.cover.url")),
        PublishPinRequestKinds.KeyFrameCover => Build(
            () => Publishing.VideoCover.FromKeyFrame(cover.Time ?? throw Missing("media.cover.time")), "media.cover.time"),
        null => throw Missing("media.cover.type"),
        _ => throw Unknown("media.cover.type", cover.Type),
    };

    // The public factories check their arguments; a stored value they refuse is a broken row, reported as JSON.
    private static T Build<T>(Func<T> factory, string member)
    {
        try
        {
            return factory();
        }
        catch (ArgumentException e)
        {
            throw new JsonException($"{member} holds a value the library refuses: {e.Message}", e);
        }
    }

    private static string Required(string? value, string member) => value ?? throw Missing(member);

    private static Uri RequiredUrl(string? value, string member) => Url(value, member) ?? throw Missing(member);

    private static Uri? Url(string? value, string member)
    {
        if (value is null)
        {
            return null;
        }

        // The value itself stays out of the message: its query may be a signature.
        return Uri.TryCreate(value, UriKind.Absolute, out var url)
            ? url
            : throw new JsonException($"{member} is not an absolute URL.");
    }

    private static JsonException Missing(string member) =>
        new($"\"{member}\" is missing: the JSON was not written by PublishPinRequestJson.Serialize, or was changed since.");

    private static JsonException Unknown(string member, string value) =>
        new($"\"{member}\": \"{value}\" is not a kind this library reads; the row was written by a later version of Pinterest.Publishing: update the library.");
}
