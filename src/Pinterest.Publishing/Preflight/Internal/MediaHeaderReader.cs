
namespace Pinterest.Publishing.Preflight.Internal;

/// <summary>
/// Reads format, dimensions and duration from the first bytes of an image or video: recognises the format by its magic
/// bytes (<see cref="MediaFormatDetector"/>) and hands the bytes to that format's reader. Images: <see cref="JpegHeaderReader"/>
/// (a walk of the segment lengths, with the EXIF orientation), <see cref="PngHeaderReader"/> and <see cref="GifHeaderReader"/>
/// (dimensions by StbImageSharp's <c>ImageInfo</c>, which works on a prefix) and <see cref="WebPHeaderReader"/> (a few
/// fixed bytes, read directly); a whole JPEG or PNG is also judged whole or truncated (<see cref="ImageTail"/>). Videos (MP4, MOV, M4V) are
/// walked by <see cref="IsoBmffReader"/>, bounded in depth, allocation and boxes visited: a general metadata library
/// follows every embedded format (a CR3 TIFF, QuickTime keys) and trusts their sizes, which a crafted upload turns into
/// a stack overflow or a 2 GiB allocation. A new format is a reader of its own and a case in <see cref="Read"/>.
/// </summary>
internal static class MediaHeaderReader
{
    /// <summary>The prefix asked for first: enough for every image header but JPEGs with very large APPn data.</summary>
    public const int DefaultPrefixLength = 64 * 1024;

    /// <summary>
    /// How far into a file a JPEG frame header is followed (1 MiB). EXIF thumbnails, ICC profiles and XMP (Photoshop's
    /// extended XMP runs to hundreds of KB) push it past the 64 KiB prefix; past this cap preflight reports the
    /// dimensions as not verified (a warning) rather than download more: the cap keeps a file of nothing but metadata
    /// segments from making preflight download it.
    /// </summary>
    public const int MaxHeaderLength = 1024 * 1024;

    /// <summary>The content type of a format, or <see langword="null"/> when unknown.</summary>
    public static string? GetContentType(MediaFormat format) => format switch
    {
        MediaFormat.Jpeg => "image/jpeg",
        MediaFormat.Png => "image/png",
        MediaFormat.Gif => "image/gif",
        MediaFormat.WebP => "image/webp",
        MediaFormat.Bmp => "image/bmp",
        MediaFormat.Tiff => "image/tiff",
        MediaFormat.Heif => "image/heif",
        MediaFormat.Heic => "image/heic",
        MediaFormat.Avif => "image/avif",
        MediaFormat.Mp4 => "video/mp4",
        MediaFormat.QuickTime => "video/quicktime",
        MediaFormat.M4V => "video/x-m4v",
        MediaFormat.ThreeGpp => "video/3gpp",
        MediaFormat.Matroska => "video/webm",
        MediaFormat.Avi => "video/x-msvideo",
        _ => null,
    };

    /// <summary>Whether the format is a still image.</summary>
    public static bool IsImageFormat(MediaFormat format) =>
        format is MediaFormat.Jpeg or MediaFormat.Png or MediaFormat.Gif or MediaFormat.WebP
            or MediaFormat.Bmp or MediaFormat.Tiff or MediaFormat.Heif or MediaFormat.Heic or MediaFormat.Avif;

    /// <summary>
    /// Whether preflight reads the dimensions of an image format. Of the others (BMP, TIFF, HEIF, HEIC, AVIF) only the
    /// format is known: no dimensions is no sign of damage.
    /// </summary>
    public static bool ReadsDimensions(MediaFormat format) =>
        format is MediaFormat.Jpeg or MediaFormat.Png or MediaFormat.Gif or MediaFormat.WebP;

    /// <summary>
    /// Whether a declared content type names the format of the bytes. The HEIF family is one container: <c>image/heif</c>
    /// is right for HEIC and AVIF files too, and <c>image/heic</c> and <c>image/avif</c> are the registered types of
    /// those brands (a codec-neutral <c>mif1</c> file may be any of the three).
    /// </summary>
    public static bool IsDeclaredTypeOf(string declaredType, MediaFormat format) =>
        string.Equals(declaredType, GetContentType(format), StringComparison.OrdinalIgnoreCase)
        || declaredType.ToLowerInvariant() switch
        {
            "image/heif" or "image/heif-sequence" => format is MediaFormat.Heic or MediaFormat.Avif or MediaFormat.Heif,
            "image/heic" or "image/heic-sequence" => format is MediaFormat.Heic or MediaFormat.Heif,
            "image/avif" => format is MediaFormat.Avif or MediaFormat.Heif,
            _ => false,
        };

    /// <summary>Recognises the format from magic bytes (at most the first 16 bytes are looked at), as <see cref="Read"/> does.</summary>
    public static MediaFormat DetectFormat(ReadOnlySpan<byte> data) => MediaFormatDetector.Detect(data);

    /// <summary>
    /// Reads what <paramref name="data"/> (the first bytes of a file, or all of it) says about the media.
    /// </summary>
    /// <param name="data">A prefix of the file.</param>
    /// <param name="isComplete">Whether <paramref name="data"/> is the whole file (no more bytes can come).</param>
    public static MediaHeader Read(ReadOnlySpan<byte> data, bool isComplete)
    {
        var format = MediaFormatDetector.Detect(data);
        return format switch
        {
            MediaFormat.Jpeg or MediaFormat.Png when isComplete => ReadImage(format, data, isComplete) with { Ending = ImageTail.Judge(format, data, reachesStart: true) },
            MediaFormat.Jpeg or MediaFormat.Png => ReadImage(format, data, isComplete),
            MediaFormat.Gif => GifHeaderReader.Read(data, isComplete),
            MediaFormat.WebP => WebPHeaderReader.Read(data, isComplete),
            MediaFormat.Mp4 or MediaFormat.QuickTime or MediaFormat.M4V or MediaFormat.ThreeGpp => FromLayout(format, IsoBmffReader.Read(data, isComplete)),

            // Too few bytes to recognise anything yet.
            MediaFormat.Unknown => MediaHeader.NeedMore(format, isComplete || data.Length >= MediaFormatDetector.MagicLength ? 0 : MediaFormatDetector.MagicLength),
            _ => MediaHeader.Unreadable(format),
        };
    }

    /// <summary>
    /// Reads a video's header from a seekable stream positioned at the start of the file; seeking skips <c>mdat</c>
    /// and finds a <c>moov</c> box at the end without reading the media data. The caller restores the position.
    /// </summary>
    public static MediaHeader ReadVideo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            throw new ArgumentException("The stream must be seekable.", nameof(stream));
        }

        Span<byte> magic = stackalloc byte[MediaFormatDetector.MagicLength];
        var start = stream.Position;
        var read = stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        var format = MediaFormatDetector.Detect(magic[..read]);
        if (!IsIsoBmffVideo(format))
        {
            return MediaHeader.Unreadable(format);
        }

        stream.Position = start;
        return FromLayout(format, IsoBmffReader.Read(stream));
    }

    /// <summary>
    /// Reads a video's header from a part of the file held in memory from <paramref name="start"/> (its first bytes, or
    /// a part fetched further on with a ranged request), knowing the file's length when <paramref name="fileLength"/> is
    /// given. <paramref name="format"/> is what the first bytes were recognised as.
    /// </summary>
    public static MediaHeader ReadVideoPart(MediaFormat format, ReadOnlySpan<byte> data, long start, long? fileLength) =>
        IsIsoBmffVideo(format) ? FromLayout(format, IsoBmffReader.Read(data, start, fileLength)) : MediaHeader.Unreadable(format);

    private static MediaHeader ReadImage(MediaFormat format, ReadOnlySpan<byte> data, bool isComplete) =>
        format == MediaFormat.Jpeg ? JpegHeaderReader.Read(data, isComplete) : PngHeaderReader.Read(data, isComplete);

    private static bool IsIsoBmffVideo(MediaFormat format) =>
        format is MediaFormat.Mp4 or MediaFormat.QuickTime or MediaFormat.M4V or MediaFormat.ThreeGpp;

    private static MediaHeader FromLayout(MediaFormat format, IsoBmffLayout layout) =>
        new(format, layout.Width, layout.Height, layout.Duration, 0) { Layout = layout };
}
