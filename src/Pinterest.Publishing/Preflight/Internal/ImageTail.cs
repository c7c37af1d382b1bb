namespace Pinterest.Publishing.Preflight.Internal;

/// <summary>
/// Whether a JPEG or PNG is whole, judged from its last bytes without decoding, only where that is reliable.
/// <list type="bullet">
/// <item>PNG: the <c>IEND</c> chunk (always the same 12 bytes) must be the last chunk; without it in the last
/// <see cref="Length"/> bytes the file is truncated. Data a tool appended after <c>IEND</c> beyond that window (not
/// allowed by the PNG specification) would also be reported truncated.</item>
/// <item>JPEG: phones append trailers after the end-of-image marker (<c>FF D9</c>): Samsung's SEFT data, a motion
/// photo's MP4, a second picture (MPF). So an end-of-image marker anywhere in the window means whole; "truncated" is
/// said only when the window is plainly scan data (every <c>FF</c> stuffed with <c>00</c> or a restart marker, at least
/// two of them) with no end-of-image marker: random trailer bytes almost never look like that. Anything else (a
/// trailer longer than the window, a file cut inside a table between progressive scans) is <see cref="ImageEnding.Unknown"/>.</item>
/// </list>
/// Other formats are not judged.
/// </summary>
internal static class ImageTail
{
    /// <summary>How many last bytes are judged (and asked for with a suffix <c>Range</c>).</summary>
    public const int Length = 2048;

    /// <summary>The 12 bytes of a PNG's <c>IEND</c> chunk: length 0, type, CRC.</summary>
    private static ReadOnlySpan<byte> PngEnd => [0, 0, 0, 0, (byte)'I', (byte)'E', (byte)'N', (byte)'D', 0xAE, 0x42, 0x60, 0x82];

    /// <summary>Judges the last bytes of a file.</summary>
    /// <param name="format">The file's format.</param>
    /// <param name="lastBytes">Its last bytes (at most <see cref="Length"/> are looked at), or the whole file.</param>
    /// <param name="reachesStart">Whether <paramref name="lastBytes"/> start at the file's first byte.</param>
    public static ImageEnding Judge(MediaFormat format, ReadOnlySpan<byte> lastBytes, bool reachesStart)
    {
        switch (format)
        {
            case MediaFormat.Png:
                var window = lastBytes[Math.Max(0, lastBytes.Length - Length)..];
                return window.IndexOf(PngEnd) >= 0 ? ImageEnding.Intact : ImageEnding.Truncated;
            case MediaFormat.Jpeg when reachesStart:
                // A whole file holds markers of its own (and maybe an EXIF thumbnail's end): judge what follows the
                // last start of scan.
                var scan = LastStartOfScan(lastBytes);
                return scan < 0 ? ImageEnding.Unknown : JudgeScanData(lastBytes[scan..], requireStuffing: false);
            case MediaFormat.Jpeg:
                return JudgeScanData(lastBytes[Math.Max(0, lastBytes.Length - Length)..], requireStuffing: true);
            default:
                return ImageEnding.Unknown;
        }
    }

    private static int LastStartOfScan(ReadOnlySpan<byte> data)
    {
        var at = data.LastIndexOf((ReadOnlySpan<byte>)[0xFF, 0xDA]);
        return at < 0 ? -1 : at + 2;
    }

    private static ImageEnding JudgeScanData(ReadOnlySpan<byte> window, bool requireStuffing)
    {
        var stuffed = 0;
        for (var i = 0; i + 1 < window.Length; i++)
        {
            if (window[i] != 0xFF)
            {
                continue;
            }

            var next = window[i + 1];
            if (next == 0xD9)
            {
                return ImageEnding.Intact;
            }

            if (next is 0x00 or (>= 0xD0 and <= 0xD7))
            {
                stuffed++;
            }
            else if (next != 0xFF)
            {
                // Another marker: not scan data (a trailer, or a table between scans).
                return ImageEnding.Unknown;
            }
        }

        return !requireStuffing || stuffed >= 2 ? ImageEnding.Truncated : ImageEnding.Unknown;
    }
}
