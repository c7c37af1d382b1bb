using System.Buffers.Binary;

namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>The committed media fixtures and in-memory padded variants of them.</summary>
internal static class TestMedia
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Media", name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    /// <summary>A valid PNG of <paramref name="totalSize"/> bytes: a large private ancillary chunk before IEND.</summary>
    public static byte[] PadPng(byte[] png, int totalSize)
    {
        // IEND is the last 12 bytes of a PNG.
        var head = png.AsSpan(0, png.Length - 12);
        var iend = png.AsSpan(png.Length - 12);
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
        iend.CopyTo(result.AsSpan(p + 12 + dataLength));
        return result;
    }

    /// <summary>A valid PNG with a large private chunk right after IHDR, before the image data.</summary>
    public static byte[] PadPngBeforeImageData(byte[] png, int chunkBytes)
    {
        const int afterIhdr = 33;
        var result = new byte[png.Length + chunkBytes + 12];
        png.AsSpan(0, afterIhdr).CopyTo(result);
        BinaryPrimitives.WriteInt32BigEndian(result.AsSpan(afterIhdr), chunkBytes);
        "prVt"u8.CopyTo(result.AsSpan(afterIhdr + 4));
        BinaryPrimitives.WriteUInt32BigEndian(result.AsSpan(afterIhdr + 8 + chunkBytes), Crc32(result.AsSpan(afterIhdr + 4, 4 + chunkBytes)));
        png.AsSpan(afterIhdr).CopyTo(result.AsSpan(afterIhdr + 12 + chunkBytes));
        return result;
    }

    /// <summary>A valid JPEG of about <paramref name="totalSize"/> bytes: COM segments inserted before the scan (after SOF).</summary>
    public static byte[] PadJpegAfterFrameHeader(byte[] jpeg, int totalSize)
    {
        var sos = FindMarker(jpeg, 0xDA);
        return InsertSegments(jpeg, sos, 0xFE, totalSize - jpeg.Length);
    }

    /// <summary>A valid JPEG whose frame header lies past <paramref name="appBytes"/> of APP15 data placed right after SOI.</summary>
    public static byte[] PadJpegBeforeFrameHeader(byte[] jpeg, int appBytes) => InsertSegments(jpeg, 2, 0xEF, appBytes);

    /// <summary>The offset of the first marker <c>FF xx</c> of the given kind, walking segments.</summary>
    public static int FindMarker(byte[] jpeg, byte marker)
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

        throw new InvalidOperationException("marker not found");
    }

    private static byte[] InsertSegments(byte[] jpeg, int at, byte marker, int bytes)
    {
        using var output = new MemoryStream(jpeg.Length + bytes + 1024);
        output.Write(jpeg, 0, at);
        var remaining = bytes;
        var payload = new byte[65533];
        for (var i = 0; i < payload.Length; i++)
        {
            payload[i] = (byte)'p';
        }

        while (remaining > 4)
        {
            var length = Math.Min(remaining - 2, 65535);
            output.WriteByte(0xFF);
            output.WriteByte(marker);
            output.WriteByte((byte)(length >> 8));
            output.WriteByte((byte)length);
            output.Write(payload, 0, length - 2);
            remaining -= length + 2;
        }

        output.Write(jpeg, at, jpeg.Length - at);
        return output.ToArray();
    }

    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }

        return c;
    }).ToArray();

    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }
}
