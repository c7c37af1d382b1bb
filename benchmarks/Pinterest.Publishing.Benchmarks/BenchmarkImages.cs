using System.Buffers.Binary;

namespace Pinterest.Publishing.Benchmarks;

/// <summary>
/// Valid JPEG and PNG files for the benchmarks: the committed 1000×1500 test fixtures, optionally padded to a large
/// size with data the decoders skip (JPEG COM segments before the scan, a private PNG chunk before IEND), so the
/// dimensions stay at the start of the file as in real photos.
/// </summary>
internal static class BenchmarkImages
{
    public static byte[] Jpeg() => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "large-1000x1500.jpg"));

    public static byte[] Png() => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "large-1000x1500.png"));

    public static byte[] PadJpeg(byte[] jpeg, int totalSize)
    {
        var sos = FindJpegMarker(jpeg, 0xDA);
        var padding = totalSize - jpeg.Length;
        var result = new byte[totalSize];
        jpeg.AsSpan(0, sos).CopyTo(result);
        var p = sos;
        var remaining = padding;
        while (remaining > 0)
        {
            // A segment is FF FE + 2-byte length (which counts itself) + payload; the last one takes what is left.
            var length = Math.Min(65535, remaining - 2);
            if (remaining - (length + 2) is > 0 and < 4)
            {
                length -= 4;
            }

            result[p] = 0xFF;
            result[p + 1] = 0xFE;
            BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(p + 2), (ushort)length);
            result.AsSpan(p + 4, length - 2).Fill((byte)'p');
            p += length + 2;
            remaining -= length + 2;
        }

        jpeg.AsSpan(sos).CopyTo(result.AsSpan(p));
        return result;
    }

    public static byte[] PadPng(byte[] png, int totalSize)
    {
        // IEND is the last 12 bytes of a PNG.
        var head = png.AsSpan(0, png.Length - 12);
        var dataLength = totalSize - png.Length - 12;
        var result = new byte[totalSize];
        head.CopyTo(result);
        var p = head.Length;
        BinaryPrimitives.WriteInt32BigEndian(result.AsSpan(p), dataLength);
        "prVt"u8.CopyTo(result.AsSpan(p + 4));
        for (var i = 0; i < dataLength; i++)
        {
            result[p + 8 + i] = (byte)(i * 31);
        }

        BinaryPrimitives.WriteUInt32BigEndian(result.AsSpan(p + 8 + dataLength), Crc32(result.AsSpan(p + 4, 4 + dataLength)));
        png.AsSpan(png.Length - 12).CopyTo(result.AsSpan(p + 12 + dataLength));
        return result;
    }

    private static int FindJpegMarker(byte[] jpeg, byte marker)
    {
        var p = 2;
        while (p + 4 <= jpeg.Length)
        {
            if (jpeg[p + 1] == marker)
            {
                return p;
            }

            p += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(p + 2));
        }

        throw new InvalidOperationException("The JPEG has no start of scan.");
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        Span<uint> table = stackalloc uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[(int)n] = c;
        }

        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = table[(int)((crc ^ b) & 0xFF)] ^ (crc >> 8);
        }

        return ~crc;
    }
}
