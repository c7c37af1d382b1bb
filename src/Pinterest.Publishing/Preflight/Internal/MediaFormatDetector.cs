
namespace Pinterest.Publishing.Preflight.Internal;

/// <summary>
/// Recognises a media format from its magic bytes (at most the first 16 bytes are looked at), and an ISO base media
/// file's kind (MP4, MOV, M4V, 3GPP or a HEIF image) from its <c>ftyp</c> major brand.
/// </summary>
internal static class MediaFormatDetector
{
    /// <summary>How many bytes recognise any format: fewer may leave it <see cref="MediaFormat.Unknown"/> for now.</summary>
    public const int MagicLength = 16;

    public static MediaFormat Detect(ReadOnlySpan<byte> data)
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
                return data.Length >= 12 ? FromBrands(data) : MediaFormat.Mp4;
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
    /// The kind from the major brand; for the codec-neutral HEIF brands (<c>mif1</c>, <c>msf1</c>, the major brand of
    /// some AVIF and HEIC writers) the compatible brands, when the <c>ftyp</c> box is within the bytes, name the codec.
    /// </summary>
    private static MediaFormat FromBrands(ReadOnlySpan<byte> data)
    {
        var major = FromBrand(data.Slice(8, 4));
        if (major != MediaFormat.Heif || data.Length < 16)
        {
            return major;
        }

        var ftypLength = (int)Math.Min(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(data), (uint)data.Length);
        for (var at = 16; at + 4 <= ftypLength; at += 4)
        {
            var codec = FromBrand(data.Slice(at, 4));
            if (codec is MediaFormat.Heic or MediaFormat.Avif)
            {
                return codec;
            }
        }

        return major;
    }

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

        if (brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("heim"u8) || brand.SequenceEqual("heis"u8))
        {
            return MediaFormat.Heic;
        }

        if (brand.SequenceEqual("avif"u8) || brand.SequenceEqual("avis"u8))
        {
            return MediaFormat.Avif;
        }

        if (brand.SequenceEqual("mif1"u8) || brand.SequenceEqual("msf1"u8))
        {
            return MediaFormat.Heif;
        }

        return MediaFormat.Mp4;
    }
}
