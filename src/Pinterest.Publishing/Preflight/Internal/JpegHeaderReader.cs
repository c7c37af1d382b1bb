namespace Pinterest.Publishing.Preflight.Internal;

/// <summary>
/// A JPEG's header from the bytes at hand: <see cref="JpegHeaderScanner"/> walks the segment lengths (no decoding) to
/// the frame header (SOFn) and reads the EXIF orientation on the way. When the frame header lies past the bytes, the
/// result says up to where the file is needed; a prefix that would need more than
/// <see cref="MediaHeaderReader.MaxHeaderLength"/> is marked <see cref="MediaHeader.HeaderPastReadLimit"/>.
/// </summary>
internal static class JpegHeaderReader
{
    public static MediaHeader Read(ReadOnlySpan<byte> data, bool isComplete)
    {
        var scanner = new JpegHeaderScanner();
        scanner.Feed(data);
        if (scanner.State != JpegScanState.Walking || isComplete)
        {
            return scanner.ToHeader();
        }

        var needed = scanner.NextBoundary;
        return needed > MediaHeaderReader.MaxHeaderLength
            ? MediaHeader.NeedMore(MediaFormat.Jpeg, 0) with { HeaderPastReadLimit = true }
            : MediaHeader.NeedMore(MediaFormat.Jpeg, (int)needed);
    }
}
