using System.Buffers;
using System.Net;
using Pinterest.Publishing.Internal.SafeHttp;

namespace Pinterest.Publishing.Preflight.Internal;

/// <summary>
/// Finds a video URL's <c>moov</c> when it is not in the first bytes (a file written without "faststart": ffmpeg's
/// default and most phone recordings put it after the media data). The top-level boxes are walked from the prefix; when
/// the server honours <c>Range</c>, the part of the file where the next box header lies is fetched with one ranged GET
/// of at most <see cref="PartLength"/> bytes, and walked on from there, up to <see cref="MaxRangedReads"/> times. The
/// <c>moov</c> starts with its movie header (duration), then the first track's header (size): a part holds them even
/// when the <c>moov</c> is larger. With the file's length known, a box that runs past it is a cut-off file. The reads
/// are optional: one that fails, answers another part, or stalls until the probe's timeout leaves what the prefix said
/// (the duration unknown, a warning), never an unreachable URL.
/// </summary>
internal static class VideoMoovReader
{
    /// <summary>The most bytes one ranged read asks for.</summary>
    public const int PartLength = 64 * 1024;

    /// <summary>The most ranged reads after the prefix (mdat, then moov; a few more for free or skip boxes between).</summary>
    public const int MaxRangedReads = 3;

    /// <summary>
    /// The header of the video at <paramref name="uri"/> from its prefix and, when needed and possible, ranged reads.
    /// </summary>
    /// <param name="client">The probe client.</param>
    /// <param name="uri">The URL the prefix came from (after redirects).</param>
    /// <param name="prefix">The first bytes of the file.</param>
    /// <param name="header">What the prefix alone said.</param>
    /// <param name="fileLength">The file's length from <c>Content-Range</c> or <c>Content-Length</c>, when declared.</param>
    /// <param name="rangeHonoured">Whether the server answered the prefix's range with 206.</param>
    /// <param name="createRequest">Makes the GET of bytes from..to of a URL.</param>
    /// <param name="callerToken">The caller's own cancellation, which ends the reads with an exception.</param>
    /// <param name="cancellationToken">
    /// Cancels the reads: the caller's token linked with the probe's timeout. A timeout ends them with what was read.
    /// </param>
    /// <returns>The header, and how many body bytes the ranged reads added.</returns>
    public static async Task<(MediaHeader Header, long BytesRead)> ReadAsync(
        HttpClient client,
        Uri uri,
        ReadOnlyMemory<byte> prefix,
        MediaHeader header,
        long? fileLength,
        bool rangeHonoured,
        Func<Uri, long, long, HttpRequestMessage> createRequest,
        CancellationToken callerToken,
        CancellationToken cancellationToken)
    {
        if (!header.IsAllowedVideo || fileLength is not { } length)
        {
            // Without the file's length a box's end proves nothing about truncation, and what lies after is unknown.
            return (header, 0);
        }

        var format = header.Format;
        header = MediaHeaderReader.ReadVideoPart(format, prefix.Span, 0, length);
        long added = 0;
        for (var i = 0; i < MaxRangedReads && rangeHonoured && header.Layout is { NextBoxOffset: { } next } && next < length; i++)
        {
            // A declared length near long.MaxValue must not overflow the range's end.
            var to = next >= length - PartLength ? length - 1 : next + PartLength - 1;
            HttpResponseMessage response;
            try
            {
                response = await ProbeHttp.SendWithRedirectsAsync(
                    client, uri, u => createRequest(u, next, to), ProbeHttp.DefaultMaxRedirects, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException && !ProbeHttp.IsPrivateNetworkRefusal(ex))
            {
                // The server answered the prefix: a failed extra read leaves the duration unknown (a warning, and the
                // publish path checks the downloaded copy), it does not make the URL unreachable.
                break;
            }
            catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
            {
                // No answer before the probe's timeout: the same as a failed read.
                break;
            }

            using var answer = response;
            var range = response.Content.Headers.ContentRange;
            if (response.StatusCode != HttpStatusCode.PartialContent
                || range is null
                || !string.Equals(range.Unit, "bytes", StringComparison.OrdinalIgnoreCase)
                || range.From != next
                || (range.Length is { } declared && declared != length))
            {
                // Another part or another version of the file (its length changed between reads): walking it against
                // the first answer's length could call a whole file cut short.
                break;
            }

            var count = (int)(to - next + 1);
            var part = ArrayPool<byte>.Shared.Rent(count);
            try
            {
                int read;
                try
                {
                    var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                    read = await body.ReadAtLeastAsync(part.AsMemory(0, count), count, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException)
                {
                    // Cut off mid-part: what the prefix said stands.
                    break;
                }
                catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
                {
                    // Stalled mid-part until the probe's timeout: what the prefix (and earlier parts) said stands.
                    break;
                }

                added += read;
                header = MediaHeaderReader.ReadVideoPart(format, part.AsSpan(0, read), next, length);
            }
            finally
            {
                // Bytes of a public video: nothing to clear.
                ArrayPool<byte>.Shared.Return(part);
            }
        }

        return (header, added);
    }
}
