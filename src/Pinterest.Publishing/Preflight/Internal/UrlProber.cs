using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Internal.SafeHttp;

namespace Pinterest.Publishing.Preflight.Internal;

/// <summary>
/// Probes one URL with GET (never HEAD: many CDNs and signed URLs answer HEAD differently or not at all), asking for
/// the first 64 KiB with <c>Range</c> and reading only until the media header is known.
/// </summary>
internal sealed class UrlProber
{
    private const string UserAgent = "Pinterest.Publishing-Preflight/1.0";

    private readonly HttpClient _client;
    private readonly PreflightOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public UrlProber(HttpClient client, PreflightOptions options, TimeProvider timeProvider, ILogger logger)
    {
        _client = client;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Probes <paramref name="uri"/>; never throws for network or content problems.</summary>
    /// <param name="uri">The URL.</param>
    /// <param name="kind">What is needed from it.</param>
    /// <param name="maxBytes">The size limit; without a declared length, the body is counted up to it.</param>
    /// <param name="cancellationToken">Cancels the probe (and the whole validation).</param>
    public async Task<ProbeResult> ProbeAsync(Uri uri, ProbeKind kind, long maxBytes, CancellationToken cancellationToken = default)
    {
        if (!ProbeHttp.IsHttpUrl(uri))
        {
            return new ProbeResult { Outcome = ProbeOutcome.InvalidUrl, Detail = "not an absolute http or https URL" };
        }

        var safeUrl = ProbeHttp.Redact(uri);
        PreflightLog.ProbeStarted(_logger, kind, safeUrl);
        using var timeout = new CancellationTokenSource(_options.ProbeTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var result = kind == ProbeKind.Image
                ? await ProbeImageAsync(uri, maxBytes, cancellationToken, linked.Token).ConfigureAwait(false)
                : await ProbeCoreAsync(uri, kind, maxBytes, cancellationToken, linked.Token).ConfigureAwait(false);
            PreflightLog.ProbeCompleted(_logger, safeUrl, result.StatusCode ?? 0, result.BytesRead);
            return result;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            PreflightLog.ProbeFailed(_logger, safeUrl, ProbeOutcome.Timeout, "timeout");
            return new ProbeResult { Outcome = ProbeOutcome.Timeout, Detail = $"no answer within {_options.ProbeTimeout.TotalSeconds:0.#} s" };
        }
        catch (HttpRequestException ex) when (ProbeHttp.IsPrivateNetworkRefusal(ex))
        {
            PreflightLog.PrivateNetworkRefused(_logger, safeUrl);
            return new ProbeResult { Outcome = ProbeOutcome.PrivateNetwork, Detail = "resolves to a private or reserved address" };
        }
        catch (HttpRequestException ex)
        {
            var reason = DescribeError(ex.HttpRequestError);
            PreflightLog.ProbeFailed(_logger, safeUrl, ProbeOutcome.Failed, reason);
            return new ProbeResult { Outcome = ProbeOutcome.Failed, Detail = reason };
        }
        catch (IOException)
        {
            // The body was cut off (connection reset) after the headers.
            PreflightLog.ProbeFailed(_logger, safeUrl, ProbeOutcome.Failed, "connection reset");
            return new ProbeResult { Outcome = ProbeOutcome.Failed, Detail = "the connection was reset while reading" };
        }
    }

    private static string DescribeError(HttpRequestError error) => error switch
    {
        HttpRequestError.NameResolutionError => "the host name could not be resolved",
        HttpRequestError.ConnectionError => "the connection failed",
        HttpRequestError.SecureConnectionError => "the TLS connection failed",
        HttpRequestError.InvalidResponse => "the server's answer is not valid HTTP",
        HttpRequestError.ResponseEnded => "the server closed the connection early",
        HttpRequestError.ProxyTunnelError => "the connection failed",
        _ => "the request failed",
    };

    private static HttpRequestMessage CreateRequest(Uri uri, long? rangeFrom, long? rangeTo)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        request.Headers.UserAgent.ParseAdd(UserAgent);
        if (rangeFrom is not null)
        {
            request.Headers.Range = new RangeHeaderValue(rangeFrom, rangeTo);
        }

        return request;
    }

    private static long? DeclaredTotalLength(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.PartialContent
            ? response.Content.Headers.ContentRange?.Length
            : response.Content.Headers.ContentLength;

    /// <summary>
    /// An image's probe: the prefix and, with <see cref="PreflightOptions.VerifyImageEndOverHttp"/>, the file's last
    /// bytes (<see cref="ImageTailFetch"/>), asked for at the same time as the prefix (two requests, one round trip),
    /// which tell a truncated JPEG or PNG longer than the prefix (<see cref="ImageTail"/>). Without the option only a
    /// file that arrived whole in the prefix has its end judged: the 20 MB case stays one request of at most 64 KiB.
    /// </summary>
    private async Task<ProbeResult> ProbeImageAsync(Uri uri, long maxBytes, CancellationToken callerToken, CancellationToken cancellationToken)
    {
        if (!_options.VerifyImageEndOverHttp)
        {
            return await ProbeCoreAsync(uri, ProbeKind.Image, maxBytes, callerToken, cancellationToken).ConfigureAwait(false);
        }

        // Sent before the prefix's answer is known, never after it: waiting for the length would add a round trip.
        using var tailStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tail = ImageTailFetch.FetchAsync(_client, uri, u => CreateRequest(u, null, null), tailStop.Token);
        ImageTailFetch.Tail? end = null;
        try
        {
            var result = await ProbeCoreAsync(uri, ProbeKind.Image, maxBytes, callerToken, cancellationToken).ConfigureAwait(false);
            if (result.Header is not { Format: MediaFormat.Jpeg or MediaFormat.Png, HasDimensions: true, Ending: ImageEnding.Unknown } header
                || result.TotalLength is not { } total || result.BytesRead >= total)
            {
                return result;
            }

            end = await tail.ConfigureAwait(false);
            if (end is null || end.Total != total)
            {
                return result;
            }

            var ending = ImageTail.Judge(header.Format, end.Bytes, reachesStart: end.From == 0);
            return result with { Header = header with { Ending = ending }, BytesRead = result.BytesRead + end.Bytes.Length };
        }
        finally
        {
            // The end may not be needed (the prefix held the whole file, or no JPEG/PNG): stop its request, and let no
            // task outlive the probe.
            if (end is null)
            {
                await tailStop.CancelAsync().ConfigureAwait(false);
                await tail.ConfigureAwait(false);
            }
        }
    }

    // callerToken is the caller's own cancellation; cancellationToken adds the probe's timeout to it. A video's optional
    // ranged moov reads end at the timeout with what the prefix said; everything else ends as a timeout.
    private async Task<ProbeResult> ProbeCoreAsync(Uri uri, ProbeKind kind, long maxBytes, CancellationToken callerToken, CancellationToken cancellationToken)
    {
        const int prefix = MediaHeaderReader.DefaultPrefixLength;
        long? rangeFrom = kind == ProbeKind.Link ? null : 0;
        long? rangeTo = kind == ProbeKind.Link ? null : prefix - 1;
        using var response = await ProbeHttp.SendWithRedirectsAsync(
            _client, uri, u => CreateRequest(u, rangeFrom, rangeTo), ProbeHttp.DefaultMaxRedirects, cancellationToken).ConfigureAwait(false);

        var status = (int)response.StatusCode;
        var contentType = response.Content.Headers.ContentType?.MediaType?.ToLowerInvariant();
        if (kind == ProbeKind.Link || status is < 200 or >= 300)
        {
            return new ProbeResult { Outcome = ProbeOutcome.Responded, StatusCode = status, ContentType = contentType };
        }

        var partial = response.StatusCode == HttpStatusCode.PartialContent;
        var total = DeclaredTotalLength(response);
        var finalUri = response.RequestMessage?.RequestUri ?? uri;

        // The prefix buffer is rented: a probe per image would otherwise allocate 64 KiB that lives only until the
        // header is read. Its logical size is `capacity`, not the rented array's length (which may be larger).
        var capacity = (int)Math.Min(prefix, total ?? prefix) + 1;
        var buffer = ArrayPool<byte>.Shared.Rent(capacity);
        try
        {
            var count = 0;
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            MediaHeader header;
            var endOfBody = false;
            var complete = false;
            while (true)
            {
                var want = Math.Min(capacity, prefix);
                if (!endOfBody && count < want)
                {
                    var read = await stream.ReadAsync(buffer.AsMemory(count, want - count), cancellationToken).ConfigureAwait(false);
                    endOfBody = read == 0;
                    count += read;
                }

                complete = endOfBody && (!partial || (total is { } t && count >= t));

                // The buffer is full at the prefix, or past a declared length the body overran: read no further.
                var atLimit = count >= want;

                // Videos are parsed once the whole prefix is in: their duration sits in a moov atom of unknown position.
                if (kind == ProbeKind.Video && !endOfBody && !atLimit)
                {
                    continue;
                }

                header = MediaHeaderReader.Read(buffer.AsSpan(0, count), complete);

                // An image within the prefix is read to its end (the server sends it anyway): its last bytes tell
                // whether it is whole.
                var wholeImageComing = kind == ProbeKind.Image && total <= prefix;
                if ((header.BytesNeeded <= count && !wholeImageComing) || kind == ProbeKind.Video || endOfBody || atLimit)
                {
                    break;
                }
            }

            long deepBytes = 0;
            if (kind == ProbeKind.Image && !complete && header is { Format: MediaFormat.Jpeg, HasDimensions: false, BytesNeeded: > 0 })
            {
                // The frame header lies past the prefix: one more ranged read from where it is, or read on.
                var rest = partial || endOfBody ? null : stream;
                var deep = await JpegFrameHeaderFetch.ReadAsync(
                    _client, finalUri, buffer.AsMemory(0, count), rest, (u, from, to) => CreateRequest(u, from, to), cancellationToken).ConfigureAwait(false);
                header = deep.Header;
                deepBytes = deep.BytesRead;
                endOfBody |= deep.EndOfBody;
            }

            long ranged = 0;
            if (kind == ProbeKind.Video)
            {
                // A moov after the first 64 KiB: read on where it lies (Range), or learn from the length what the prefix says.
                var fileLength = total ?? (endOfBody && !partial ? count : null);
                (header, ranged) = await VideoMoovReader.ReadAsync(
                    _client, finalUri, buffer.AsMemory(0, count), header, fileLength, partial, static (u, from, to) => CreateRequest(u, from, to), callerToken, cancellationToken).ConfigureAwait(false);
            }

            var exceeded = false;
            if (total is null && !partial && !endOfBody && kind == ProbeKind.Image)
            {
                // No declared length: count the rest, discarding it, and stop at the limit. Images only: counting up to
                // a video's 2 GB limit would download it; its size is known when the upload pipeline spools it.
                const int scratchLength = 16 * 1024;
                var scratch = ArrayPool<byte>.Shared.Rent(scratchLength);
                long counted = count + deepBytes;
                try
                {
                    while (counted <= maxBytes)
                    {
                        var read = await stream.ReadAsync(scratch.AsMemory(0, scratchLength), cancellationToken).ConfigureAwait(false);
                        if (read == 0)
                        {
                            endOfBody = true;
                            break;
                        }

                        counted += read;
                    }
                }
                finally
                {
                    // Discarded bytes of a public image: nothing to clear.
                    ArrayPool<byte>.Shared.Return(scratch);
                }

                exceeded = counted > maxBytes;
                return new ProbeResult
                {
                    Outcome = ProbeOutcome.Responded, StatusCode = status, ContentType = contentType, Header = header,
                    TotalLength = endOfBody ? counted : null, ExceededLimitWhileCounting = exceeded, BytesRead = counted,
                };
            }

            if (total is null && !partial && endOfBody)
            {
                total = count + deepBytes;
            }

            return new ProbeResult
            {
                Outcome = ProbeOutcome.Responded, StatusCode = status, ContentType = contentType, Header = header,
                TotalLength = total, BytesRead = count + deepBytes + ranged,
            };
        }
        finally
        {
            // Every exit (result, cancellation, a reset connection) gives the buffer back.
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
