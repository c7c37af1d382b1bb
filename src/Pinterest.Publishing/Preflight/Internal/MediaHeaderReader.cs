using System.Buffers;
using System.Buffers.Binary;
using StbImageSharp;

namespace Pinterest.Publishing.Preflight.Internal;

/// <summary>
/// Reads format, dimensions and duration from the first bytes of an image or video. Image dimensions come from
/// StbImageSharp (<c>ImageInfo</c>: JPEG, PNG, GIF), which works on a prefix. Videos (MP4, MOV, M4V) are walked by
/// <see cref="IsoBmffReader"/>, bounded in depth, allocation and boxes visited: a general metadata library follows
/// every embedded format (a CR3 TIFF, QuickTime keys) and trusts their sizes, which a crafted upload turns into a
/// stack overflow or a 2 GiB allocation. WebP's size is a few fixed bytes of the VP8/VP8L/VP8X chunk, read directly.
/// </summary>
internal static class MediaHeaderReader
{
    /// <summary>The prefix asked for first: enough for every image header but JPEGs with very large APPn data.</summary>
    public const int DefaultPrefixLength = 64 * 1024;

    /// <summary>
    /// How far a JPEG header is followed. EXIF thumbnails, ICC profiles and XMP can push the frame header past
    /// 64 KiB; real files stay well below this, and the cap keeps a hostile file from making preflight download it.
    /// </summary>
    public const int MaxHeaderLength = 512 * 1024;

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
            or MediaFormat.Bmp or MediaFormat.Tiff or MediaFormat.Heif;

    /// <summary>Recognises the format from magic bytes (at most the first 16 bytes are looked at).</summary>
    public static MediaFormat DetectFormat(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        {
            return MediaFormat.Jpeg;
        }

        if (data.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return MediaFormat.Png;
        }

        if (data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8))
        {
            return MediaFormat.Gif;
        }

        if (data.Length >= 12 && data.StartsWith("RIFF"u8))
        {
            var form = data.Slice(8, 4);
            if (form.SequenceEqual("WEBP"u8))
            {
                return MediaFormat.WebP;
            }

            if (form.SequenceEqual("AVI "u8))
            {
                return MediaFormat.Avi;
            }
        }

        if (data.StartsWith("BM"u8) && data.Length >= 14)
        {
            return MediaFormat.Bmp;
        }

        if (data.StartsWith("II*\0"u8) || data.StartsWith("MM\0*"u8))
        {
            return MediaFormat.Tiff;
        }

        if (data.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
        {
            return MediaFormat.Matroska;
        }

        if (data.Length >= 8)
        {
            var atom = data.Slice(4, 4);
            if (atom.SequenceEqual("ftyp"u8))
            {
                return data.Length >= 12 ? FromBrand(data.Slice(8, 4)) : MediaFormat.Mp4;
            }

            // QuickTime files written before ftyp existed start with one of these atoms.
            if (atom.SequenceEqual("moov"u8) || atom.SequenceEqual("mdat"u8) || atom.SequenceEqual("wide"u8)
                || atom.SequenceEqual("free"u8) || atom.SequenceEqual("skip"u8) || atom.SequenceEqual("pnot"u8))
            {
                return MediaFormat.QuickTime;
            }
        }

        return MediaFormat.Unknown;
    }

    /// <summary>
    /// Reads what <paramref name="data"/> (the first bytes of a file, or all of it) says about the media.
    /// </summary>
    /// <param name="data">A prefix of the file.</param>
    /// <param name="isComplete">Whether <paramref name="data"/> is the whole file (no more bytes can come).</param>
    public static MediaHeader Read(ReadOnlySpan<byte> data, bool isComplete)
    {
        var format = DetectFormat(data);
        switch (format)
        {
            case MediaFormat.Jpeg:
                return ReadJpeg(data, isComplete);
            case MediaFormat.Png:
                return ReadPng(data, isComplete);
            case MediaFormat.Gif:
                return ReadWithStb(format, data, isComplete, minimumLength: 10);
            case MediaFormat.WebP:
                return ReadWebP(data, isComplete);
            case MediaFormat.Mp4 or MediaFormat.QuickTime or MediaFormat.M4V or MediaFormat.ThreeGpp:
                return FromLayout(format, IsoBmffReader.Read(data, isComplete));
            case MediaFormat.Unknown:
                // Too few bytes to recognise anything yet.
                return new MediaHeader(format, null, null, null, isComplete || data.Length >= 16 ? 0 : 16);
            default:
                return new MediaHeader(format, null, null, null, 0);
        }
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

        Span<byte> magic = stackalloc byte[16];
        var start = stream.Position;
        var read = stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        var format = DetectFormat(magic[..read]);
        if (format is not (MediaFormat.Mp4 or MediaFormat.QuickTime or MediaFormat.M4V or MediaFormat.ThreeGpp))
        {
            return new MediaHeader(format, null, null, null, 0);
        }

        stream.Position = start;
        return FromLayout(format, IsoBmffReader.Read(stream));
    }

    private static MediaHeader FromLayout(MediaFormat format, IsoBmffLayout layout) =>
        new(format, layout.Width, layout.Height, layout.Duration, 0) { Layout = layout };

    private static MediaFormat FromBrand(ReadOnlySpan<byte> brand)
    {
        if (brand.SequenceEqual("qt  "u8))
        {
            return MediaFormat.QuickTime;
        }

        if (brand.StartsWith("M4V"u8))
        {
            return MediaFormat.M4V;
        }

        if (brand.StartsWith("3g"u8))
        {
            return MediaFormat.ThreeGpp;
        }

        if (brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("mif1"u8)
            || brand.SequenceEqual("msf1"u8) || brand.SequenceEqual("avif"u8) || brand.SequenceEqual("avis"u8)
            || brand.SequenceEqual("heim"u8) || brand.SequenceEqual("heis"u8))
        {
            return MediaFormat.Heif;
        }

        return MediaFormat.Mp4;
    }

    private static MediaHeader ReadWithStb(MediaFormat format, ReadOnlySpan<byte> data, bool isComplete, int minimumLength)
    {
        if (data.Length < minimumLength)
        {
            return new MediaHeader(format, null, null, null, isComplete ? 0 : minimumLength);
        }

        var info = StbInfo(data);
        return new MediaHeader(format, info?.Width, info?.Height, null, 0);
    }

    /// <summary>
    /// StbImageSharp reads PNG dimensions but, looking for a palette's transparency, walks every chunk up to the first
    /// IDAT: a PNG with large metadata chunks (iCCP, eXIf, iTXt) before its image data fails from a prefix. IHDR is
    /// always the first chunk, at a fixed offset, so its width and height fields are used when stb gives up.
    /// </summary>
    private static MediaHeader ReadPng(ReadOnlySpan<byte> data, bool isComplete)
    {
        var header = ReadWithStb(MediaFormat.Png, data, isComplete, minimumLength: 33);
        if (header.HasDimensions || data.Length < 33
            || BinaryPrimitives.ReadInt32BigEndian(data.Slice(8, 4)) != 13 || !data.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            return header;
        }

        var width = BinaryPrimitives.ReadInt32BigEndian(data.Slice(16, 4));
        var height = BinaryPrimitives.ReadInt32BigEndian(data.Slice(20, 4));
        return width > 0 && height > 0 ? new MediaHeader(MediaFormat.Png, width, height, null, 0) : header;
    }

    private static ImageInfo? StbInfo(ReadOnlySpan<byte> data)
    {
        // StbImageSharp reads from a stream: a rented copy instead of ToArray spares a prefix-sized array per image.
        // Headers lie within MaxHeaderLength (a JPEG's further away is not followed; a PNG's IHDR is read directly
        // when stb gives up): a large inline image is not copied whole.
        data = data[..Math.Min(data.Length, MaxHeaderLength)];
        var copy = ArrayPool<byte>.Shared.Rent(data.Length);
        try
        {
            data.CopyTo(copy);
            using var stream = new MemoryStream(copy, 0, data.Length, writable: false);
            var info = ImageInfo.FromStream(stream);
            return info is { Width: > 0, Height: > 0 } ? info : null;
        }
#pragma warning disable CA1031 // A malformed header from an untrusted URL must become "unreadable", whatever the decoder throws.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    /// <summary>
    /// Walks the JPEG segment lengths (no decoding) to learn where the frame header (SOFn) is, so that the caller can
    /// fetch exactly enough bytes; the dimensions themselves come from StbImageSharp.
    /// </summary>
    private static MediaHeader ReadJpeg(ReadOnlySpan<byte> data, bool isComplete)
    {
        var position = 2;
        while (true)
        {
            // Markers may be preceded by fill bytes (0xFF).
            while (position < data.Length && data[position] == 0xFF && position + 1 < data.Length && data[position + 1] == 0xFF)
            {
                position++;
            }

            if (position + 4 > data.Length)
            {
                return NeedMore(position + 4);
            }

            if (data[position] != 0xFF)
            {
                return Unreadable();
            }

            var marker = data[position + 1];
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                position += 2;
                continue;
            }

            if (marker is 0xD9 or 0xDA)
            {
                // End of image or start of scan before any frame header.
                return Unreadable();
            }

            var isFrameHeader = marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
            if (isFrameHeader)
            {
                // The whole frame header segment: precision, height, width and 3 bytes per component.
                var needed = position + 2 + BinaryPrimitives.ReadUInt16BigEndian(data.Slice(position + 2, 2));
                if (data.Length < needed)
                {
                    return NeedMore(needed);
                }

                var info = StbInfo(data);
                return new MediaHeader(MediaFormat.Jpeg, info?.Width, info?.Height, null, 0);
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(position + 2, 2));
            if (length < 2)
            {
                return Unreadable();
            }

            position += 2 + length;
        }

        MediaHeader NeedMore(int needed) =>
            new(MediaFormat.Jpeg, null, null, null, isComplete || needed > MaxHeaderLength ? 0 : needed);

        static MediaHeader Unreadable() => new(MediaFormat.Jpeg, null, null, null, 0);
    }

    private static MediaHeader ReadWebP(ReadOnlySpan<byte> data, bool isComplete)
    {
        const int needed = 30;
        if (data.Length < needed)
        {
            return new MediaHeader(MediaFormat.WebP, null, null, null, isComplete ? 0 : needed);
        }

        var chunk = data.Slice(12, 4);
        int width;
        int height;
        if (chunk.SequenceEqual("VP8 "u8))
        {
            // Lossy: 3-byte frame tag, start code 9D 01 2A, then 14-bit width and height (2 scale bits above).
            if (data[23] != 0x9D || data[24] != 0x01 || data[25] != 0x2A)
            {
                return new MediaHeader(MediaFormat.WebP, null, null, null, 0);
            }

            width = BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(26, 2)) & 0x3FFF;
            height = BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(28, 2)) & 0x3FFF;
        }
        else if (chunk.SequenceEqual("VP8L"u8))
        {
            // Lossless: signature 0x2F, then 14 bits width-1 and 14 bits height-1, little-endian bit order.
            if (data[20] != 0x2F)
            {
                return new MediaHeader(MediaFormat.WebP, null, null, null, 0);
            }

            var bits = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(21, 4));
            width = (int)(bits & 0x3FFF) + 1;
            height = (int)((bits >> 14) & 0x3FFF) + 1;
        }
        else if (chunk.SequenceEqual("VP8X"u8))
        {
            // Extended: flags (1) + reserved (3), then 24-bit canvas width-1 and height-1.
            width = (data[24] | (data[25] << 8) | (data[26] << 16)) + 1;
            height = (data[27] | (data[28] << 8) | (data[29] << 16)) + 1;
        }
        else
        {
            return new MediaHeader(MediaFormat.WebP, null, null, null, 0);
        }

        return width > 0 && height > 0
            ? new MediaHeader(MediaFormat.WebP, width, height, null, 0)
            : new MediaHeader(MediaFormat.WebP, null, null, null, 0);
    }
}
