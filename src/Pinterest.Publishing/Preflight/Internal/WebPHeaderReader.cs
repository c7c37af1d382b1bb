using System.Buffers.Binary;

namespace Pinterest.Publishing.Preflight.Internal;

/// <summary>
/// A WebP's dimensions: a few fixed bytes of its first chunk, read directly, whichever it is: VP8 (lossy), VP8L
/// (lossless) or VP8X (extended, the canvas size).
/// </summary>
internal static class WebPHeaderReader
{
    /// <summary>The RIFF header (12), the chunk header (8), and the longest size fields, VP8's (10).</summary>
    private const int HeaderLength = 30;

    public static MediaHeader Read(ReadOnlySpan<byte> data, bool isComplete)
    {
        if (data.Length < HeaderLength)
        {
            return MediaHeader.NeedMore(MediaFormat.WebP, isComplete ? 0 : HeaderLength);
        }

        var chunk = data.Slice(12, 4);
        int width;
        int height;
        if (chunk.SequenceEqual("VP8 "u8))
        {
            // Lossy: 3-byte frame tag, start code 9D 01 2A, then 14-bit width and height (2 scale bits above).
            if (data[23] != 0x9D || data[24] != 0x01 || data[25] != 0x2A)
            {
                return MediaHeader.Unreadable(MediaFormat.WebP);
            }

            width = BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(26, 2)) & 0x3FFF;
            height = BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(28, 2)) & 0x3FFF;
        }
        else if (chunk.SequenceEqual("VP8L"u8))
        {
            // Lossless: signature 0x2F, then 14 bits width-1 and 14 bits height-1, little-endian bit order.
            if (data[20] != 0x2F)
            {
                return MediaHeader.Unreadable(MediaFormat.WebP);
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
            return MediaHeader.Unreadable(MediaFormat.WebP);
        }

        return width > 0 && height > 0
            ? MediaHeader.Image(MediaFormat.WebP, width, height)
            : MediaHeader.Unreadable(MediaFormat.WebP);
    }
}
