using System.Text;
using Pinterest.Publishing.Diagnostics.Internal;

namespace Pinterest.Publishing;

/// <summary>The cover image of a video Pin: an image URL or a key frame of the video.</summary>
public abstract record VideoCover
{
    private protected VideoCover()
    {
    }

    /// <summary>A cover image that Pinterest downloads from <paramref name="url"/>.</summary>
    public static VideoCover FromUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return new UrlVideoCover(url);
    }

    /// <summary>The video frame at <paramref name="time"/> (sent as <c>cover_image_key_frame_time</c>).</summary>
    public static VideoCover FromKeyFrame(TimeSpan time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(time, TimeSpan.Zero);
        return new KeyFrameVideoCover(time);
    }
}

/// <summary>A cover image given by URL.</summary>
/// <param name="Url">The cover image URL.</param>
public sealed record UrlVideoCover(Uri Url) : VideoCover
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

/// <summary>A cover taken from the video at a point in time.</summary>
/// <param name="Time">The offset into the video.</param>
public sealed record KeyFrameVideoCover(TimeSpan Time) : VideoCover;
