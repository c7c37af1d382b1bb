using System.Buffers;
using System.Net;
using Pinterest.Publishing.Internal.SafeHttp;

namespace Pinterest.Publishing.Preflight.Internal;

/// <summary>
/// Finds a JPEG frame header that lies past the probe's prefix (editors put hundreds of KB of XMP, ICC profiles and
/// thumbnails before it). The walk of the prefix knows where the first segment it has not seen starts: a server that
/// honours <c>Range</c> is asked once more, from there (past the rest of a segment whose payload is not needed); a
/// server that ignored <c>Range</c> is still sending the body, which is read on. Either way the bytes are walked as they
/// arrive and dropped (<see cref="JpegHeaderScanner"/>), and reading stops at the frame header or at
/// <see cref="MediaHeaderReader.MaxHeaderLength"/> into the file: past that the dimensions are "not verified", a
/// warning, never "corrupt".
/// </summary>
internal static class JpegFrameHeaderFetch
{
    private const int ScratchLength = 16 * 1024;

    /// <summary>What the further read found and how many body bytes it read.</summary>
    /// <param name="Header">The header: dimensions, or unreadable, or <see cref="MediaHeader.HeaderPastReadLimit"/>.</param>
    /// <param name="BytesRead">Body bytes read after the prefix.</param>
    /// <param name="EndOfBody">Whether <c>rest</c> was read to its end.</param>
    public readonly record struct Result(MediaHeader Header, long BytesRead, bool EndOfBody);

    /// <param name="client">The probe client.</param>
    /// <param name="uri">The final URL of the prefix request (after redirects).</param>
    /// <param name="prefix">The bytes read so far, from the start of the file.</param>
    /// <param name="rest">The rest of a body that was not ranged (the server ignored <c>Range</c>), or <see langword="null"/> to ask by range.</param>
    /// <param name="createRequest">Builds a GET of the URL for the range from–to.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<Result> ReadAsync(
        HttpClient client,
        Uri uri,
        ReadOnlyMemory<byte> prefix,
        Stream? rest,
        Func<Uri, long, long, HttpRequestMessage> createRequest,
        CancellationToken cancellationToken)
    {
        const long limit = MediaHeaderReader.MaxHeaderLength;
        var scanner = new JpegHeaderScanner();
        scanner.Feed(prefix.Span);
        var pastLimit = MediaHeader.NeedMore(MediaFormat.Jpeg, 0) with { HeaderPastReadLimit = true };
        if (scanner.State != JpegScanState.Walking)
        {
            return new Result(scanner.ToHeader(), 0, false);
        }

        HttpResponseMessage? ranged = null;
        try
        {
            var source = rest;
            if (source is null)
            {
                var from = scanner.ResumeOffset;
                if (from >= limit)
                {
                    return new Result(pastLimit, 0, false);
                }

                ranged = await ProbeHttp.SendWithRedirectsAsync(
                    client, uri, u => createRequest(u, from, limit - 1), ProbeHttp.DefaultMaxRedirects, cancellationToken).ConfigureAwait(false);
                if (ranged.StatusCode != HttpStatusCode.PartialContent || ranged.Content.Headers.ContentRange?.From != from)
                {
                    // The server stopped honouring Range (or moved the file): what lies there is not known.
                    return new Result(pastLimit, 0, false);
                }

                scanner.JumpTo(from);
                source = await ranged.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            }

            var (read, ended) = await WalkAsync(scanner, source, limit, cancellationToken).ConfigureAwait(false);
            var header = scanner.State != JpegScanState.Walking ? scanner.ToHeader()
                : scanner.Offset >= limit ? pastLimit
                : MediaHeader.Unreadable(MediaFormat.Jpeg);
            return new Result(header, read, ended && rest is not null);
        }
        finally
        {
            ranged?.Dispose();
        }
    }

    private static async Task<(long Read, bool Ended)> WalkAsync(JpegHeaderScanner scanner, Stream source, long limit, CancellationToken cancellationToken)
    {
        var scratch = ArrayPool<byte>.Shared.Rent(ScratchLength);
        long read = 0;
        try
        {
            while (scanner.State == JpegScanState.Walking && scanner.Offset < limit)
            {
                var want = (int)Math.Min(ScratchLength, limit - scanner.Offset);
                var n = await source.ReadAsync(scratch.AsMemory(0, want), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    return (read, true);
                }

                read += n;
                scanner.Feed(scratch.AsSpan(0, n));
            }

            return (read, false);
        }
        finally
        {
            // Bytes of a public image: nothing to clear.
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }
}
