using System.Buffers.Binary;

namespace Pinterest.Publishing.Preflight.Internal;

/// <summary>
/// A PNG's dimensions. StbImageSharp reads them but, looking for a palette's transparency, walks every chunk up to the
/// first IDAT: a PNG with large metadata chunks (iCCP, eXIf, iTXt) before its image data fails from a prefix. IHDR is
/// always the first chunk, at a fixed offset, so its width and height fields are used when stb gives up.
/// </summary>
internal static class PngHeaderReader
{
    /// <summary>The signature (8), IHDR's length and type (8), width, height and the five one-byte fields (13), its CRC (4).</summary>
    private const int HeaderLength = 33;

    public static MediaHeader Read(ReadOnlySpan<byte> data, bool isComplete)
    {
        var header = StbImageInfoReader.Read(MediaFormat.Png, data, isComplete, minimumLength: HeaderLength);
        if (header.HasDimensions || data.Length < HeaderLength
            || BinaryPrimitives.ReadInt32BigEndian(data.Slice(8, 4)) != 13 || !data.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            return header;
        }

        var width = BinaryPrimitives.ReadInt32BigEndian(data.Slice(16, 4));
        var height = BinaryPrimitives.ReadInt32BigEndian(data.Slice(20, 4));
        return width > 0 && height > 0 ? MediaHeader.Image(MediaFormat.Png, width, height) : header;
    }
}
