using System.Buffers;
using StbImageSharp;

namespace Pinterest.Publishing.Preflight.Internal;

/// <summary>
/// Image dimensions from StbImageSharp's <c>ImageInfo</c> (PNG, GIF; a JPEG has its own walk,
/// <see cref="JpegHeaderScanner"/>), which works on a prefix and never decodes pixels. Whatever it throws on a malformed
/// header becomes "no dimensions".
/// </summary>
internal static class StbImageInfoReader
{
    /// <summary>
    /// The header of an image <paramref name="format"/> whose dimensions stb reads: unreadable below
    /// <paramref name="minimumLength"/> bytes (asking for that many unless the data is complete).
    /// </summary>
    public static MediaHeader Read(MediaFormat format, ReadOnlySpan<byte> data, bool isComplete, int minimumLength)
    {
        if (data.Length < minimumLength)
        {
            return MediaHeader.NeedMore(format, isComplete ? 0 : minimumLength);
        }

        return FromInfo(format, TryRead(data));
    }

    /// <summary>A header with the dimensions of <paramref name="info"/>, when it has them.</summary>
    public static MediaHeader FromInfo(MediaFormat format, ImageInfo? info) => new(format, info?.Width, info?.Height, null, 0);

    /// <summary>The image's info when stb finds positive dimensions, else <see langword="null"/>.</summary>
    public static ImageInfo? TryRead(ReadOnlySpan<byte> data)
    {
        // StbImageSharp reads from a stream: a rented copy instead of ToArray spares a prefix-sized array per image.
        // Headers lie within MaxHeaderLength (a PNG's IHDR is read directly when stb gives up): a large inline image is
        // not copied whole.
        data = data[..Math.Min(data.Length, MediaHeaderReader.MaxHeaderLength)];
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
}
