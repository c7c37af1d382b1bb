using System.Text.Json.Serialization;

namespace Pinterest.Publishing.Api.Models;

/// <summary>The <c>media_source</c> of a create-Pin request; the subclass decides <c>source_type</c>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "source_type")]
[JsonDerivedType(typeof(ImageUrlMediaSource), "image_url")]
[JsonDerivedType(typeof(ImageBase64MediaSource), "image_base64")]
[JsonDerivedType(typeof(MultipleImageUrlsMediaSource), "multiple_image_urls")]
[JsonDerivedType(typeof(MultipleImageBase64MediaSource), "multiple_image_base64")]
[JsonDerivedType(typeof(VideoIdMediaSource), "video_id")]
public abstract class PinMediaSource
{
    private protected PinMediaSource()
    {
    }
}

/// <summary><c>source_type: image_url</c>.</summary>
public sealed class ImageUrlMediaSource : PinMediaSource
{
    /// <summary>The image URL.</summary>
    public required string Url { get; set; }
}

/// <summary><c>source_type: image_base64</c>.</summary>
public sealed class ImageBase64MediaSource : PinMediaSource
{
    /// <summary><c>image/jpeg</c> or <c>image/png</c>.</summary>
    public required string ContentType { get; set; }

    /// <summary>Bare base64 (no <c>data:</c> prefix).</summary>
    public required string Data { get; set; }
}

/// <summary><c>source_type: multiple_image_urls</c> (2–5 items).</summary>
public sealed class MultipleImageUrlsMediaSource : PinMediaSource
{
    /// <summary>The images.</summary>
    public required IList<ImageUrlItem> Items { get; init; }

    /// <summary>The index of the image shown first, if not the first.</summary>
    public int? Index { get; set; }
}

/// <summary><c>source_type: multiple_image_base64</c> (2–5 items).</summary>
public sealed class MultipleImageBase64MediaSource : PinMediaSource
{
    /// <summary>The images.</summary>
    public required IList<ImageBase64Item> Items { get; init; }

    /// <summary>The index of the image shown first, if not the first.</summary>
    public int? Index { get; set; }
}

/// <summary>
/// <c>source_type: video_id</c>: an uploaded video and one cover form: <see cref="CoverImageUrl"/>, or
/// <see cref="CoverImageData"/> with <see cref="CoverImageContentType"/>, or <see cref="CoverImageKeyFrameTime"/>.
/// </summary>
public sealed class VideoIdMediaSource : PinMediaSource
{
    /// <summary>The media id of the uploaded video (digits).</summary>
    public required string MediaId { get; set; }

    /// <summary>The cover image URL.</summary>
    public string? CoverImageUrl { get; set; }

    /// <summary>The cover image content type, with <see cref="CoverImageData"/>.</summary>
    public string? CoverImageContentType { get; set; }

    /// <summary>The cover image as base64.</summary>
    public string? CoverImageData { get; set; }

    /// <summary>The key frame used as cover, in whole seconds.</summary>
    public int? CoverImageKeyFrameTime { get; set; }
}
