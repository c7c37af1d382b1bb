
namespace Pinterest.Publishing.Preflight.Internal;

/// <summary>What the first bytes of a media file say about it.</summary>
/// <param name="Format">The format recognised by magic bytes.</param>
/// <param name="Width">The pixel width, when known.</param>
/// <param name="Height">The pixel height, when known.</param>
/// <param name="Duration">A video's duration, when its <c>moov</c> atom was within the bytes read.</param>
/// <param name="BytesNeeded">
/// When greater than the number of bytes given, reading that many bytes from the start may complete the header
/// (a JPEG whose frame header lies behind large APPn segments). Zero when no more bytes would help.
/// </param>
internal readonly record struct MediaHeader(MediaFormat Format, int? Width, int? Height, TimeSpan? Duration, int BytesNeeded)
{
    /// <summary>
    /// For MP4, MOV and M4V: the box layout (where the <c>moov</c> is, fragments, truncation), or <see langword="null"/>.
    /// </summary>
    public IsoBmffLayout? Layout { get; init; }

    /// <summary>Whether width and height are both known.</summary>
    public bool HasDimensions => Width is > 0 && Height is > 0;

    /// <summary>Whether the format is a video container Pinterest accepts (MP4, MOV, M4V).</summary>
    public bool IsAllowedVideo => Format is MediaFormat.Mp4 or MediaFormat.QuickTime or MediaFormat.M4V;

    /// <summary>Whether the format is an image format.</summary>
    public bool IsImage => MediaHeaderReader.IsImageFormat(Format);

    /// <summary>The format's content type, or "an unrecognised format": how messages name what the bytes are.</summary>
    public string FormatName => MediaHeaderReader.GetContentType(Format) ?? "an unrecognised format";

    /// <summary>A picture of <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    public static MediaHeader Image(MediaFormat format, int width, int height) => new(format, width, height, null, 0);

    /// <summary>A header that more bytes would not make readable: its format at most.</summary>
    public static MediaHeader Unreadable(MediaFormat format) => new(format, null, null, null, 0);

    /// <summary>Not readable from these bytes; the first <paramref name="bytesNeeded"/> may be (0: no more bytes would help).</summary>
    public static MediaHeader NeedMore(MediaFormat format, int bytesNeeded) => new(format, null, null, null, bytesNeeded);
}
