using System.Buffers.Binary;

namespace Pinterest.Publishing.Preflight.Internal;

/// <summary>
/// A JPEG's header: walks the segment lengths (no decoding) to learn where the frame header (SOFn) is, so that the
/// caller can fetch exactly enough bytes (up to <see cref="MediaHeaderReader.MaxHeaderLength"/>); the dimensions
/// themselves come from StbImageSharp once the frame header is within the bytes.
/// </summary>
internal static class JpegHeaderReader
{
    public static MediaHeader Read(ReadOnlySpan<byte> data, bool isComplete)
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
                return NeedMore(position + 4, isComplete);
            }

            if (data[position] != 0xFF)
            {
                return MediaHeader.Unreadable(MediaFormat.Jpeg);
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
                return MediaHeader.Unreadable(MediaFormat.Jpeg);
            }

            if (IsFrameHeader(marker))
            {
                // The whole frame header segment: precision, height, width and 3 bytes per component.
                var needed = position + 2 + BinaryPrimitives.ReadUInt16BigEndian(data.Slice(position + 2, 2));
                if (data.Length < needed)
                {
                    return NeedMore(needed, isComplete);
                }

                return StbImageInfoReader.FromInfo(MediaFormat.Jpeg, StbImageInfoReader.TryRead(data));
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(position + 2, 2));
            if (length < 2)
            {
                return MediaHeader.Unreadable(MediaFormat.Jpeg);
            }

            position += 2 + length;
        }
    }

    /// <summary>SOF0–SOF15, less DHT (C4), JPG (C8) and DAC (CC), which share the range.</summary>
    private static bool IsFrameHeader(byte marker) => marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;

    private static MediaHeader NeedMore(int needed, bool isComplete) =>
        MediaHeader.NeedMore(MediaFormat.Jpeg, isComplete || needed > MediaHeaderReader.MaxHeaderLength ? 0 : needed);
}
