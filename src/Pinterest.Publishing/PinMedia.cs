using System.Text;
using Pinterest.Publishing.Diagnostics.Internal;

namespace Pinterest.Publishing;

/// <summary>
/// The media of a Pin: an image by URL, inline image bytes, a carousel of 2–5 images, or a video.
/// Create one with the static factory methods.
/// </summary>
public abstract record PinMedia
{
    private protected PinMedia()
    {
    }

    /// <summary>An image Pin whose image Pinterest downloads from <paramref name="url"/>.</summary>
    /// <param name="url">An absolute http(s) URL of a JPEG or PNG image.</param>
    public static PinMedia Image(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return new ImageUrlPinMedia(url);
    }

    /// <summary>An image Pin whose bytes are sent inline (as <c>image_base64</c>).</summary>
    /// <param name="data">The encoded image.</param>
    /// <param name="contentType"><c>image/jpeg</c> or <c>image/png</c>: the only types Pinterest accepts inline.</param>
    public static PinMedia Image(ReadOnlyMemory<byte> data, string contentType)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        return new InlineImagePinMedia(data, contentType);
    }

    /// <summary>A carousel Pin of 2–5 images, all of the same aspect ratio (1:1 or 2:3).</summary>
    public static PinMedia Carousel(params IEnumerable<CarouselItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = items.ToArray();
        for (var i = 0; i < list.Length; i++)
        {
            if (list[i] is null)
            {
                throw new ArgumentException($"Carousel item {i} is null.", nameof(items));
            }
        }

        return new CarouselPinMedia(list);
    }

    /// <summary>A video Pin.</summary>
    /// <param name="video">The video file, stream or URL.</param>
    /// <param name="cover">The cover image; <see langword="null"/> uses the key frame at 0 s.</param>
    public static PinMedia Video(VideoSource video, VideoCover? cover = null)
    {
        ArgumentNullException.ThrowIfNull(video);
        return new VideoPinMedia(video, cover);
    }
}

/// <summary>An image Pin whose image Pinterest downloads from a URL.</summary>
/// <param name="Url">The image URL.</param>
public sealed record ImageUrlPinMedia(Uri Url) : PinMedia
{
    /// <inheritdoc />
    protected override bool PrintMembers(StringBuilder builder)
    {
        // Without userinfo or query: a password or a signed CDN URL's signature must not reach a log through ToString.
        // The base record has no members to print.
        builder.Append("Url = ").Append(SecretScrubber.RedactUrl(Url));
        return true;
    }
}

/// <summary>An image Pin whose bytes are sent inline as base64.</summary>
/// <param name="Data">The encoded image.</param>
/// <param name="ContentType">The declared content type.</param>
public sealed record InlineImagePinMedia(ReadOnlyMemory<byte> Data, string ContentType) : PinMedia;

/// <summary>A carousel Pin of several images.</summary>
/// <param name="Items">The images, in order.</param>
public sealed record CarouselPinMedia(IReadOnlyList<CarouselItem> Items) : PinMedia
{
    /// <inheritdoc />
    protected override bool PrintMembers(StringBuilder builder)
    {
        // Each item prints (with its URLs redacted), not the list's type name. The base record has no members to print.
        builder.Append("Items = [ ").AppendJoin(", ", Items).Append(" ]");
        return true;
    }
}

/// <summary>A video Pin.</summary>
/// <param name="Source">The video.</param>
/// <param name="Cover">The cover, or <see langword="null"/> for the key frame at 0 s.</param>
public sealed record VideoPinMedia(VideoSource Source, VideoCover? Cover) : PinMedia;
