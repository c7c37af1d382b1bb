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
            var result = await ProbeCoreAsync(uri, kind, maxBytes, linked.Token).ConfigureAwait(false);
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

    private async Task<ProbeResult> ProbeCoreAsync(Uri uri, ProbeKind kind, long maxBytes, CancellationToken cancellationToken)
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

        // The prefix buffer is rented: a probe per image would otherwise allocate up to 64 KiB (512 KiB for a deep
        // JPEG header) that lives only until the header is read. Its logical size is `capacity`, not the rented
        // array's length (which may be larger), so that how much is read stays exactly as before.
        var capacity = (int)Math.Min(prefix, total ?? prefix) + 1;
        var buffer = ArrayPool<byte>.Shared.Rent(capacity);
        try
        {
            var count = 0;
            var target = prefix;
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            MediaHeader header;
            var endOfBody = false;
            while (true)
            {
                if (!endOfBody && count < target)
                {
                    if (count == capacity)
                    {
                        capacity = Math.Min(target, capacity * 2);
                        buffer = Grow(buffer, capacity, count);
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(count, Math.Min(capacity, target) - count), cancellationToken).ConfigureAwait(false);
                    endOfBody = read == 0;
                    count += read;
                }

                var complete = endOfBody && (!partial || (total is { } t && count >= t));
                var atLimit = count >= target;

                // Videos are parsed once the whole prefix is in: their duration sits in a moov atom of unknown position.
                if (kind == ProbeKind.Video && !endOfBody && !atLimit)
                {
                    continue;
                }

                header = MediaHeaderReader.Read(buffer.AsSpan(0, count), complete);
                if (header.BytesNeeded <= count || kind == ProbeKind.Video)
                {
                    break;
                }

                // A JPEG's frame header lies further on: read on, in bounded steps, up to the cap.
                target = Math.Min(MediaHeaderReader.MaxHeaderLength, Math.Max(header.BytesNeeded, target));
                if (count >= target)
                {
                    break;
                }

                if (endOfBody && !complete && partial)
                {
                    // The server honoured the 64 KiB range: ask for the next part (rounded up to 64 KiB steps).
                    var to = Math.Min(MediaHeaderReader.MaxHeaderLength, ((header.BytesNeeded / prefix) + 1) * prefix) - 1;
                    using var next = await ProbeHttp.SendWithRedirectsAsync(
                        _client, finalUri, u => CreateRequest(u, count, to), ProbeHttp.DefaultMaxRedirects, cancellationToken).ConfigureAwait(false);
                    if (next.StatusCode != HttpStatusCode.PartialContent || next.Content.Headers.ContentRange?.From != count)
                    {
                        break;
                    }

                    if (capacity < to + 1)
                    {
                        capacity = (int)to + 1;
                        buffer = Grow(buffer, capacity, count);
                    }

                    target = (int)to + 1;
                    var nextStream = await next.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                    var added = await nextStream.ReadAtLeastAsync(buffer.AsMemory(count, target - count), target - count, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                    if (added == 0)
                    {
                        break;
                    }

                    // The whole requested range is in; the next turn parses it and asks again only if still needed.
                    count += added;
                    endOfBody = true;
                }
                else if (endOfBody)
                {
                    break;
                }
            }

            long ranged = 0;
            if (kind == ProbeKind.Video)
            {
                // A moov after the first 64 KiB: read on where it lies (Range), or learn from the length what the prefix says.
                var fileLength = total ?? (endOfBody && !partial ? count : null);
                (header, ranged) = await VideoMoovReader.ReadAsync(
                    _client, finalUri, buffer.AsMemory(0, count), header, fileLength, partial, static (u, from, to) => CreateRequest(u, from, to), cancellationToken).ConfigureAwait(false);
            }

            var exceeded = false;
            if (total is null && !partial && !endOfBody && kind == ProbeKind.Image)
            {
                // No declared length: count the rest, discarding it, and stop at the limit. Images only: counting up to
                // a video's 2 GB limit would download it; its size is known when the upload pipeline spools it.
                const int scratchLength = 16 * 1024;
                var scratch = ArrayPool<byte>.Shared.Rent(scratchLength);
                long counted = count;
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
                total = count;
            }

            return new ProbeResult
            {
                Outcome = ProbeOutcome.Responded, StatusCode = status, ContentType = contentType, Header = header,
                TotalLength = total, BytesRead = count + ranged,
            };
        }
        finally
        {
            // Every exit (result, cancellation, a reset connection) gives the buffer back.
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Moves the first <paramref name="count"/> bytes to a rented buffer of at least <paramref name="capacity"/> and returns the old one.</summary>
    private static byte[] Grow(byte[] buffer, int capacity, int count)
    {
        if (buffer.Length >= capacity)
        {
            return buffer;
        }

        var larger = ArrayPool<byte>.Shared.Rent(capacity);
        buffer.AsSpan(0, count).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }
}
