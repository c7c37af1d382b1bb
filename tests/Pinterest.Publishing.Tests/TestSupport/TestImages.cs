using System.Buffers.Binary;
using System.Text;

namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>
/// Real-world image shapes built byte by byte from the format specifications, on top of the committed fixtures: EXIF
/// orientation as cameras write it (JEIDA/CIPA DC-008 APP1 with a TIFF IFD0), Photoshop's extended XMP (APP1 segments
/// "http://ns.adobe.com/xmp/extension/"), patched frame headers and IHDR, HEIC/AVIF <c>ftyp</c> boxes.
/// </summary>
internal static class TestImages
{
    /// <summary>The fixture JPEG's frame header patched to declare <paramref name="width"/> × <paramref name="height"/>.</summary>
    public static byte[] JpegSized(int width, int height, string fixture = "large-1000x1500.jpg")
    {
        var jpeg = TestMedia.Bytes(fixture);
        var sof = TestMedia.FindMarker(jpeg, 0xC0);
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(sof + 5), (ushort)height);
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(sof + 7), (ushort)width);
        return jpeg;
    }

    /// <summary>
    /// An APP1 EXIF segment inserted right after SOI, as a camera writes it: TIFF header, IFD0 with Make and
    /// Orientation, the Make string after the IFD.
    /// </summary>
    public static byte[] WithExifOrientation(byte[] jpeg, int orientation, bool littleEndian = false)
    {
        var tiff = new byte[8 + 2 + (2 * 12) + 4 + 6];
        void U16(int at, int v)
        {
            if (littleEndian) BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at), (ushort)v);
            else BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(at), (ushort)v);
        }

        void U32(int at, int v)
        {
            if (littleEndian) BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(at), (uint)v);
            else BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(at), (uint)v);
        }

        (littleEndian ? "II"u8 : "MM"u8).CopyTo(tiff);
        U16(2, 42);
        U32(4, 8);
        U16(8, 2);
        var make = 8 + 2 + 24 + 4;
        U16(10, 0x010F); U16(12, 2); U32(14, 6); U32(18, make);                // Make, ASCII, 6 bytes at an offset
        U16(22, 0x0112); U16(24, 3); U32(26, 1); U16(30, orientation);         // Orientation, SHORT, in the entry
        U32(34, 0);                                                            // no IFD1
        "Apple\0"u8.CopyTo(tiff.AsSpan(make));
        return InsertAfterSoi(jpeg, Segment(0xE1, [.. "Exif\0\0"u8, .. tiff]));
    }

    /// <summary>
    /// Photoshop's extended XMP: APP1 segments of at most 65,000 bytes of XMP each, <paramref name="bytes"/> in all,
    /// inserted after the leading APPn segments, so the frame header lies past them.
    /// </summary>
    public static byte[] WithExtendedXmp(byte[] jpeg, int bytes)
    {
        var signature = Encoding.ASCII.GetBytes("http://ns.adobe.com/xmp/extension/\0");
        var guid = Encoding.ASCII.GetBytes("0123456789ABCDEF0123456789ABCDEF");
        using var segments = new MemoryStream();
        for (var offset = 0; offset < bytes; offset += 65000)
        {
            var chunk = Math.Min(65000, bytes - offset);
            var payload = new byte[signature.Length + guid.Length + 8 + chunk];
            signature.CopyTo(payload, 0);
            guid.CopyTo(payload, signature.Length);
            BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(signature.Length + guid.Length), (uint)bytes);
            BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(signature.Length + guid.Length + 4), (uint)offset);
            var xml = Encoding.ASCII.GetBytes("<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF/>");
            for (var i = 0; i < chunk; i++)
            {
                payload[signature.Length + guid.Length + 8 + i] = xml[i % xml.Length];
            }

            segments.Write(Segment(0xE1, payload));
        }

        var at = AfterLeadingAppSegments(jpeg);
        return [.. jpeg.AsSpan(0, at), .. segments.ToArray(), .. jpeg.AsSpan(at)];
    }

    /// <summary>A PNG whose IHDR declares <paramref name="width"/> × <paramref name="height"/> (CRC recomputed).</summary>
    public static byte[] PngSized(int width, int height, string fixture = "square-100.png")
    {
        var png = TestMedia.Bytes(fixture);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), TestMedia.Crc32(png.AsSpan(12, 17)));
        return png;
    }

    /// <summary>
    /// The start of a HEIF-family file: an <c>ftyp</c> box with <paramref name="major"/> and
    /// <paramref name="compatible"/> brands, then a <c>meta</c> box preflight does not parse.
    /// </summary>
    public static byte[] Heif(string major, params string[] compatible)
    {
        var ftyp = new byte[16 + (4 * compatible.Length)];
        BinaryPrimitives.WriteUInt32BigEndian(ftyp, (uint)ftyp.Length);
        "ftyp"u8.CopyTo(ftyp.AsSpan(4));
        Encoding.ASCII.GetBytes(major).CopyTo(ftyp, 8);
        for (var i = 0; i < compatible.Length; i++)
        {
            Encoding.ASCII.GetBytes(compatible[i]).CopyTo(ftyp, 16 + (4 * i));
        }

        var meta = new byte[2000];
        BinaryPrimitives.WriteUInt32BigEndian(meta, (uint)meta.Length);
        "meta"u8.CopyTo(meta.AsSpan(4));
        return [.. ftyp, .. meta];
    }

    private static byte[] Segment(byte marker, byte[] payload)
    {
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = marker;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return segment;
    }

    private static byte[] InsertAfterSoi(byte[] jpeg, byte[] segment) => [.. jpeg.AsSpan(0, 2), .. segment, .. jpeg.AsSpan(2)];

    private static int AfterLeadingAppSegments(byte[] jpeg)
    {
        var p = 2;
        while (jpeg[p] == 0xFF && jpeg[p + 1] is >= 0xE0 and <= 0xEF)
        {
            p += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(p + 2));
        }

        return p;
    }
}
