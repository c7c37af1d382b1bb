using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Pinterest.Publishing.Testing.Internal;

namespace Pinterest.Publishing.Testing;

// Pin creation with every media source type, Pin read and delete.
public sealed partial class PinterestEmulator
{
    private static readonly string[] ImageContentTypes = ["image/jpeg", "image/png"];
    private static readonly string[] ImageSizes = ["150x150", "400x300", "600x", "1200x"];

    private EmulatorHttpResponse HandleCreatePin(string accountId, byte[] body)
    {
        if (TrialAccess)
        {
            throw new PinterestApiError(403, 29, "You are not permitted to access that resource. Apps with Trial access cannot create Pins on production: use the sandbox (https://api-sandbox.pinterest.com/v5) or upgrade to Standard access.");
        }

        using var document = EmulatorJson.ParseObject(body);
        var root = document.RootElement;

        var boardId = EmulatorJson.GetString(root, "board_id");
        if (boardId is null)
        {
            throw PinterestApiError.Invalid("Invalid request body: 'board_id' is required.");
        }

        if (!IsDigits(boardId))
        {
            throw PinterestApiError.Invalid("Invalid request body: 'board_id' must match the pattern ^\\d+$.");
        }

        var sectionId = EmulatorJson.GetString(root, "board_section_id");
        if (sectionId is not null && !IsDigits(sectionId))
        {
            throw PinterestApiError.Invalid("Invalid request body: 'board_section_id' must match the pattern ^\\d+$.");
        }

        var title = CheckLength(EmulatorJson.GetString(root, "title"), "title", 100);
        var description = CheckLength(EmulatorJson.GetString(root, "description"), "description", 800);
        var altText = CheckLength(EmulatorJson.GetString(root, "alt_text"), "alt_text", 500);
        var link = CheckLink(EmulatorJson.GetString(root, "link"), "link");
        var dominantColor = EmulatorJson.GetString(root, "dominant_color");
        if (dominantColor is not null && !HexColor().IsMatch(dominantColor))
        {
            throw PinterestApiError.Invalid("Invalid request body: 'dominant_color' must be a hex colour such as #6E7874.");
        }

        var source = EmulatorJson.GetObject(root, "media_source")
            ?? throw PinterestApiError.Invalid("Invalid request body: 'media_source' is required.");
        var sourceType = EmulatorJson.GetString(source, "source_type", "media_source.source_type")
            ?? throw PinterestApiError.Invalid("Invalid request body: 'media_source.source_type' is required.");

        var pin = new EmulatedPin
        {
            Id = "0",
            AccountId = accountId,
            BoardId = boardId,
            BoardSectionId = sectionId,
            Title = title,
            Description = description,
            Link = link,
            AltText = altText,
            DominantColor = dominantColor,
            MediaSourceType = sourceType,
        };

        string? mediaId = null;
        switch (sourceType)
        {
            case "image_url":
                pin = pin with { Images = [new EmulatedPinImage { Url = RequireImageUrl(source, "media_source.url") }] };
                break;
            case "image_base64":
                var (contentType, data) = RequireBase64Image(source, "content_type", "data", "media_source");
                pin = pin with { Images = [new EmulatedPinImage { ContentType = contentType, Data = data }] };
                break;
            case "multiple_image_urls":
            case "multiple_image_base64":
                pin = pin with { Images = ReadCarouselItems(source, sourceType == "multiple_image_urls") };
                break;
            case "video_id":
                mediaId = EmulatorJson.GetString(source, "media_id", "media_source.media_id");
                if (!IsDigits(mediaId))
                {
                    throw PinterestApiError.Invalid("Invalid request body: 'media_source.media_id' is required and must match the pattern ^\\d+$.");
                }

                pin = ReadVideoCover(source, pin with { MediaId = mediaId });
                break;
            default:
                throw PinterestApiError.Invalid($"Invalid request body: 'media_source.source_type' '{sourceType}' is not supported.");
        }

        EmulatedAccount owner;
        lock (_gate)
        {
            if (!_boards.TryGetValue(boardId, out var board) || board.AccountId != accountId)
            {
                throw new PinterestApiError(404, 40, "Board not found.");
            }

            if (sectionId is not null && (!_sections.TryGetValue(sectionId, out var section) || section.BoardId != boardId))
            {
                throw new PinterestApiError(404, 2031, "Board section not found.");
            }

            if (mediaId is not null)
            {
                if (!_media.TryGetValue(mediaId, out var media) || media.AccountId != accountId)
                {
                    throw PinterestApiError.Invalid($"Invalid request body: media {mediaId} not found.");
                }

                var status = media.StatusAt(_time.GetUtcNow(), _options.VideoProcessingTime);
                if (status != EmulatedMediaStatus.Succeeded)
                {
                    throw PinterestApiError.Invalid($"Invalid request body: media {mediaId} is {StatusName(status)}; only succeeded media can be used in a Pin.");
                }
            }

            pin = pin with { Id = NextId(), CreatedAt = _time.GetUtcNow() };
            _pins[pin.Id] = pin;
            owner = _accounts[accountId];
        }

        return EmulatorHttpResponse.Json(201, EmulatorJson.Write(w => WritePin(w, pin, owner.Username)));
    }

    private EmulatorHttpResponse HandleGetPin(string accountId, string pinId)
    {
        var pin = FindPin(accountId, pinId);
        string username;
        lock (_gate)
        {
            username = _accounts[pin.AccountId].Username;
        }

        return EmulatorHttpResponse.Json(200, EmulatorJson.Write(w => WritePin(w, pin, username)));
    }

    private EmulatorHttpResponse HandleDeletePin(string accountId, string pinId)
    {
        var pin = FindPin(accountId, pinId);
        lock (_gate)
        {
            _pins.Remove(pin.Id);
        }

        return EmulatorHttpResponse.Empty(204);
    }

    private EmulatedPin FindPin(string accountId, string pinId)
    {
        RequireNumericId(pinId, "pin_id");
        lock (_gate)
        {
            if (_pins.TryGetValue(pinId, out var pin) && pin.AccountId == accountId)
            {
                return pin;
            }
        }

        throw new PinterestApiError(404, 50, "Pin not found.");
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
                Title = CheckLength(EmulatorJson.GetString(item, "title", path + ".title"), path + ".title", 100),
                Description = CheckLength(EmulatorJson.GetString(item, "description", path + ".description"), path + ".description", 800),
                Link = CheckLink(EmulatorJson.GetString(item, "link", path + ".link"), path + ".link"),
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
            if (!IsHttpUrl(coverUrl))
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
        if (url is null || !IsHttpUrl(url))
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

    private static string? CheckLength(string? value, string field, int max)
    {
        // Pinterest counts characters, not UTF-16 units: an emoji is one character.
        if (value is not null && value.EnumerateRunes().Count() > max)
        {
            throw PinterestApiError.Invalid($"Invalid request body: '{field}' must be at most {max} characters.");
        }

        return value;
    }

    private static string? CheckLink(string? value, string field)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length > 2048)
        {
            throw PinterestApiError.Invalid($"Invalid request body: '{field}' must be at most 2048 characters.");
        }

        if (!IsHttpUrl(value))
        {
            throw PinterestApiError.Invalid($"Invalid request body: '{field}' must be an absolute http(s) URL.");
        }

        return value;
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0;

    private static string StatusName(EmulatedMediaStatus status) => status.ToString().ToLowerInvariant();

    private static void WritePin(Utf8JsonWriter w, EmulatedPin pin, string ownerUsername)
    {
        w.WriteStartObject();
        w.WriteString("id", pin.Id);
        w.WriteTimestamp("created_at", pin.CreatedAt);
        w.WriteNullableString("link", pin.Link);
        w.WriteNullableString("title", pin.Title);
        w.WriteNullableString("description", pin.Description);
        w.WriteNullableString("dominant_color", pin.DominantColor);
        w.WriteNullableString("alt_text", pin.AltText);
        w.WriteString("creative_type", pin.MediaSourceType switch
        {
            "video_id" => "VIDEO",
            "multiple_image_urls" or "multiple_image_base64" => "CAROUSEL",
            _ => "REGULAR",
        });
        w.WriteString("board_id", pin.BoardId);
        w.WriteNullableString("board_section_id", pin.BoardSectionId);
        w.WritePropertyName("board_owner");
        w.WriteStartObject();
        w.WriteString("username", ownerUsername);
        w.WriteEndObject();
        w.WriteBoolean("is_owner", true);
        w.WriteBoolean("is_standard", true);
        w.WriteBoolean("has_been_promoted", false);
        w.WriteNull("parent_pin_id");
        w.WriteNull("pin_metrics");
        w.WritePropertyName("media");
        w.WriteStartObject();
        switch (pin.MediaSourceType)
        {
            case "video_id":
                w.WriteString("media_type", "video");
                w.WriteString("cover_image_url", pin.CoverImageUrl ?? ImageUrl("1200x", pin.Id, 0));
                w.WriteNull("video_url");
                w.WriteNull("duration");
                w.WriteNull("height");
                w.WriteNull("width");
                WriteImageSizes(w, pin.Id, 0);
                break;
            case "multiple_image_urls" or "multiple_image_base64":
                w.WriteString("media_type", "multiple_images");
                w.WritePropertyName("items");
                w.WriteStartArray();
                for (var i = 0; i < pin.Images.Count; i++)
                {
                    var item = pin.Images[i];
                    w.WriteStartObject();
                    w.WriteString("item_type", "image");
                    w.WriteNullableString("title", item.Title);
                    w.WriteNullableString("description", item.Description);
                    w.WriteNullableString("link", item.Link);
                    WriteImageSizes(w, pin.Id, i);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                break;
            default:
                w.WriteString("media_type", "image");
                WriteImageSizes(w, pin.Id, 0);
                break;
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteImageSizes(Utf8JsonWriter w, string pinId, int index)
    {
        w.WritePropertyName("images");
        w.WriteStartObject();
        foreach (var size in ImageSizes)
        {
            var (width, height) = size switch
            {
                "150x150" => (150, 150),
                "400x300" => (400, 300),
                "600x" => (600, 900),
                _ => (1200, 1800),
            };
            w.WritePropertyName(size);
            w.WriteStartObject();
            w.WriteNumber("width", width);
            w.WriteNumber("height", height);
            w.WriteString("url", ImageUrl(size, pinId, index));
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static string ImageUrl(string size, string pinId, int index)
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(pinId + "/" + index.ToString(CultureInfo.InvariantCulture))))[..32];
        return $"https://i.pinimg.com/{size}/{hash[..2]}/{hash[2..4]}/{hash[4..6]}/{hash}.jpg";
    }

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")]
    private static partial Regex HexColor();

    [GeneratedRegex("^[a-zA-Z0-9+/=]+$")]
    private static partial Regex Base64Pattern();
}
