
namespace Pinterest.Publishing.Preflight.Internal;

/// <summary>A GIF's dimensions, from its logical screen descriptor by StbImageSharp.</summary>
internal static class GifHeaderReader
{
    /// <summary>The signature (6) and the logical screen's width and height (2 + 2).</summary>
    private const int HeaderLength = 10;

    public static MediaHeader Read(ReadOnlySpan<byte> data, bool isComplete) =>
        StbImageInfoReader.Read(MediaFormat.Gif, data, isComplete, minimumLength: HeaderLength);
}
