using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Pinterest.Publishing.Testing.Internal;

/// <summary>
/// A Pin as the API answers it (the spec's <c>Pin</c> schema): the fields it was created with, its board owner, and a
/// <c>media</c> object by kind (image, carousel, video) with the usual <c>i.pinimg.com</c> image sizes.
/// </summary>
internal static class PinJson
{
    // The spec's ImageSize keys, then "originals": the uploaded image, which real answers carry although the spec does
    // not declare it (pinterest/api-quickstart issue #78, a real POST /v5/pins answer).
    private static readonly string[] ImageSizes = ["150x150", "400x300", "600x", "1200x", "originals"];

    public static void Write(Utf8JsonWriter w, EmulatedPin pin, string ownerUsername)
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
        WriteMedia(w, pin);
        w.WriteEndObject();
    }

    private static void WriteMedia(Utf8JsonWriter w, EmulatedPin pin)
    {
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
                _ => (1200, 1800), // 1200x, and originals: the emulator keeps no image size, so the largest rendition's
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

    // Stable per Pin and image, so a test can compare answers; shaped like Pinterest's CDN paths.
    private static string ImageUrl(string size, string pinId, int index)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(pinId + "/" + index.ToString(CultureInfo.InvariantCulture))))[..32];
        return $"https://i.pinimg.com/{size}/{hash[..2]}/{hash[2..4]}/{hash[4..6]}/{hash}.jpg";
    }
}
