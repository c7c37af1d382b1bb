using System.Buffers.Binary;

namespace Pinterest.Publishing.Preflight.Internal;

/// <summary>
/// The EXIF Orientation tag (0x0112) of a JPEG's APP1 <c>Exif</c> segment: which way a viewer turns the stored pixels.
/// Phones and cameras store a portrait shot as landscape pixels with orientation 6 or 8 (5 and 7 also mirror); browsers
/// apply it by default (CSS <c>image-orientation: from-image</c>), so what users see, and what the rules judge, is the
/// turned picture. Only IFD0 is read, bounds-checked, and no offset is followed twice.
/// </summary>
internal static class ExifOrientation
{
    /// <summary>The upright orientation, and what is assumed when the tag is absent or unreadable.</summary>
    public const int Upright = 1;

    private const int OrientationTag = 0x0112;
    private const int ShortType = 3;

    /// <summary>Whether an APP1 payload is an EXIF block (<c>Exif\0\0</c> then a TIFF header).</summary>
    public static bool IsExif(ReadOnlySpan<byte> app1Payload) => app1Payload.StartsWith("Exif\0\0"u8);

    /// <summary>Whether the orientation turns the picture a quarter turn, so the displayed width is the stored height.</summary>
    public static bool SwapsSides(int orientation) => orientation is >= 5 and <= 8;

    /// <summary>
    /// The orientation (1–8) an APP1 payload gives, or <see cref="Upright"/> when it has none, or its IFD0 lies beyond
    /// <paramref name="app1Payload"/> (the caller keeps only the start of a large segment).
    /// </summary>
    public static int Read(ReadOnlySpan<byte> app1Payload)
    {
        if (!IsExif(app1Payload))
        {
            return Upright;
        }

        var tiff = app1Payload[6..];
        if (tiff.Length < 8)
        {
            return Upright;
        }

        bool little;
        if (tiff.StartsWith("II"u8))
        {
            little = true;
        }
        else if (tiff.StartsWith("MM"u8))
        {
            little = false;
        }
        else
        {
            return Upright;
        }

        var ifd = ReadUInt32(tiff[4..], little);
        if (ifd < 8 || ifd > (uint)tiff.Length - 2)
        {
            return Upright;
        }

        var entries = ReadUInt16(tiff[(int)ifd..], little);
        for (var i = 0; i < entries; i++)
        {
            var at = (int)ifd + 2 + (i * 12);
            if (at + 12 > tiff.Length)
            {
                return Upright;
            }

            var entry = tiff.Slice(at, 12);
            if (ReadUInt16(entry, little) == OrientationTag && ReadUInt16(entry[2..], little) == ShortType)
            {
                var value = ReadUInt16(entry[8..], little);
                return value is >= 1 and <= 8 ? value : Upright;
            }
        }

        return Upright;
    }

    private static int ReadUInt16(ReadOnlySpan<byte> data, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(data) : BinaryPrimitives.ReadUInt16BigEndian(data);

    private static uint ReadUInt32(ReadOnlySpan<byte> data, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(data) : BinaryPrimitives.ReadUInt32BigEndian(data);
}
