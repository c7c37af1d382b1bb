using System.Text.Json;
using System.Text.RegularExpressions;

namespace Pinterest.Publishing.Testing.Internal;

/// <summary>
/// Reads a Pin draft's <c>media_source</c> by its <c>source_type</c>: an image URL, base64 image data, a carousel of 2
/// to 5 of either, or an uploaded video with exactly one cover (a URL, base64 data, or a key frame time).
/// </summary>
internal static partial class PinMediaSourceReader
{
    private static readonly string[] ImageContentTypes = ["image/jpeg", "image/png"];

    /// <summary><paramref name="pin"/> with its images or video fields, and the video's media id when there is one.</summary>
    public static (EmulatedPin Pin, string? MediaId) Read(JsonElement source, string sourceType, EmulatedPin pin)
    {
        switch (sourceType)
        {
            case "image_url":
                return (pin with { Images = [new EmulatedPinImage { Url = RequireImageUrl(source, "media_source.url") }] }, null);
            case "image_base64":
                var (contentType, data) = RequireBase64Image(source, "content_type", "data", "media_source");
                return (pin with { Images = [new EmulatedPinImage { ContentType = contentType, Data = data }] }, null);
            case "multiple_image_urls":
            case "multiple_image_base64":
                return (pin with { Images = ReadCarouselItems(source, sourceType == "multiple_image_urls") }, null);
            case "video_id":
                var mediaId = EmulatorJson.GetString(source, "media_id", "media_source.media_id");
                if (!NumericId.IsValid(mediaId))
                {
                    throw PinterestApiError.Invalid("Invalid request body: 'media_source.media_id' is required and must match the pattern ^\\d+$.");
                }

                return (ReadVideoCover(source, pin with { MediaId = mediaId }), mediaId);
            default:
                throw PinterestApiError.Invalid($"Invalid request body: 'media_source.source_type' '{sourceType}' is not supported.");
        }
    }

    private static EmulatedPinImage[] ReadCarouselItems(JsonElement source, bool urls)
    {
        if (!source.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            throw PinterestApiError.Invalid("Invalid request body: 'media_source.items' is required.");
        }

        var count = items.GetArrayLength();
        if (count is < 2 or > 5)
        {
            throw PinterestApiError.Invalid($"Invalid request body: 'media_source.items' must have 2 to 5 images, got {count}.");
        }

        var result = new EmulatedPinImage[count];
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            var path = $"media_source.items[{index}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw PinterestApiError.Invalid($"Invalid request body: '{path}' must be an object.");
            }

            var image = new EmulatedPinImage
            {
                Title = PinDraftReader.CheckLength(EmulatorJson.GetString(item, "title", path + ".title"), path + ".title", 100),
                Description = PinDraftReader.CheckLength(EmulatorJson.GetString(item, "description", path + ".description"), path + ".description", 800),
                Link = PinDraftReader.CheckLink(EmulatorJson.GetString(item, "link", path + ".link"), path + ".link"),
            };
            if (urls)
            {
                image = image with { Url = RequireImageUrl(item, path + ".url") };
            }
            else
            {
                var (contentType, data) = RequireBase64Image(item, "content_type", "data", path);
                image = image with { ContentType = contentType, Data = data };
            }

            result[index++] = image;
        }

        return result;
    }

    private static EmulatedPin ReadVideoCover(JsonElement source, EmulatedPin pin)
    {
        var forms = 0;
        var coverUrl = EmulatorJson.GetString(source, "cover_image_url", "media_source.cover_image_url");
        if (coverUrl is not null)
        {
            forms++;
            if (!PinDraftReader.IsHttpUrl(coverUrl))
            {
                throw PinterestApiError.Invalid("Invalid request body: 'media_source.cover_image_url' must be an absolute http(s) URL.");
            }

            pin = pin with { CoverImageUrl = coverUrl };
        }

        if (source.TryGetProperty("cover_image_data", out var data) && data.ValueKind != JsonValueKind.Null)
        {
            forms++;
            var (contentType, bytes) = RequireBase64Image(source, "cover_image_content_type", "cover_image_data", "media_source");
            pin = pin with { CoverImageContentType = contentType, CoverImageData = bytes };
        }
        else if (EmulatorJson.GetString(source, "cover_image_content_type", "media_source.cover_image_content_type") is not null)
        {
            throw PinterestApiError.Invalid("Invalid request body: 'media_source.cover_image_content_type' needs 'media_source.cover_image_data'.");
        }

        if (source.TryGetProperty("cover_image_key_frame_time", out var keyFrame) && keyFrame.ValueKind != JsonValueKind.Null)
        {
            forms++;
            if (keyFrame.ValueKind != JsonValueKind.Number || !keyFrame.TryGetInt32(out var seconds) || seconds < 0)
            {
                throw PinterestApiError.Invalid("Invalid request body: 'media_source.cover_image_key_frame_time' must be a non-negative integer (seconds).");
            }

            pin = pin with { CoverImageKeyFrameTime = seconds };
        }

        return forms switch
        {
            0 => throw PinterestApiError.Invalid("Invalid request body: a video Pin needs a cover: 'cover_image_url', 'cover_image_data' with 'cover_image_content_type', or 'cover_image_key_frame_time'."),
            > 1 => throw PinterestApiError.Invalid("Invalid request body: give only one of 'cover_image_url', 'cover_image_data' or 'cover_image_key_frame_time'."),
            _ => pin,
        };
    }

    private static string RequireImageUrl(JsonElement element, string path)
    {
        var url = EmulatorJson.GetString(element, "url", path);
        if (url is null || !PinDraftReader.IsHttpUrl(url))
        {
            throw PinterestApiError.Invalid($"Invalid request body: '{path}' is required and must be an absolute http(s) URL.");
        }

        return url;
    }

    private static (string ContentType, byte[] Data) RequireBase64Image(JsonElement element, string contentTypeName, string dataName, string path)
    {
        var contentType = EmulatorJson.GetString(element, contentTypeName, $"{path}.{contentTypeName}");
        if (contentType is null || !ImageContentTypes.Contains(contentType, StringComparer.Ordinal))
        {
            throw PinterestApiError.Invalid($"Invalid request body: '{path}.{contentTypeName}' must be image/jpeg or image/png.");
        }

        var data = EmulatorJson.GetString(element, dataName, $"{path}.{dataName}");
        byte[]? bytes = null;
        if (data is { Length: > 0 } && Base64Pattern().IsMatch(data))
        {
            bytes = new byte[data.Length];
            bytes = Convert.TryFromBase64String(data, bytes, out var written) ? bytes[..written] : null;
        }

        if (bytes is null || bytes.Length == 0)
        {
            throw PinterestApiError.Invalid($"Invalid request body: '{path}.{dataName}' must be bare base64 image data (no data: prefix).");
        }

        return (contentType, bytes);
    }

    [GeneratedRegex("^[a-zA-Z0-9+/=]+$")]
    private static partial Regex Base64Pattern();
}
