
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

    /// <summary>
    /// A JPEG's EXIF orientation (1–8; 0 or 1 upright). 5–8 turn the picture a quarter turn: browsers show it with
    /// width and height swapped (<see cref="DisplayWidth"/>, <see cref="DisplayHeight"/>).
    /// </summary>
    public int Orientation { get; init; }

    /// <summary>Whether the picture is shown turned a quarter turn (EXIF orientation 5–8).</summary>
    public bool IsTurned => ExifOrientation.SwapsSides(Orientation);

    /// <summary>The width users see: <see cref="Width"/>, or <see cref="Height"/> when the picture is turned.</summary>
    public int? DisplayWidth => IsTurned ? Height : Width;

    /// <summary>The height users see: <see cref="Height"/>, or <see cref="Width"/> when the picture is turned.</summary>
    public int? DisplayHeight => IsTurned ? Width : Height;

    /// <summary>
    /// The size for messages: "W×H", and when the picture is turned, which size was judged
    /// ("1000×1500 as displayed (stored 1500×1000, EXIF orientation 6)").
    /// </summary>
    public string DescribeSize() => IsTurned
        ? $"{DisplayWidth}×{DisplayHeight} as displayed (stored {Width}×{Height}, EXIF orientation {Orientation})"
        : $"{Width}×{Height}";

    /// <summary>
    /// Whether the header lies further into the file than preflight reads (<see cref="MediaHeaderReader.MaxHeaderLength"/>):
    /// the dimensions could not be verified, which says nothing against the file.
    /// </summary>
    public bool HeaderPastReadLimit { get; init; }

    /// <summary>What the file's last bytes say about its end (JPEG and PNG), when they were read.</summary>
    public ImageEnding Ending { get; init; }

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
