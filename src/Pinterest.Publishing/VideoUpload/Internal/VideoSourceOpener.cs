using System.Buffers;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Internal.SafeHttp;

namespace Pinterest.Publishing.VideoUpload.Internal;

/// <summary>
/// Turns a <see cref="VideoSource"/> into an <see cref="OpenedVideo"/> of known length: files are opened, seekable
/// streams used in place, and non-seekable streams and URLs spooled to a temporary file that is deleted on success,
/// failure and cancellation alike.
/// </summary>
internal sealed class VideoSourceOpener
{
    private const int CopyBufferSize = 1024 * 1024;

    private readonly HttpClient _downloadClient;
    private readonly VideoUploadOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <param name="downloadClient">The SSRF-safe probe client for URL sources.</param>
    /// <param name="options">The size cap, download bounds and temporary directory.</param>
    /// <param name="timeProvider">The clock of the download bounds.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="temporaryDirectory">
    /// Where spooled videos go; <see cref="VideoUploadOptions.TemporaryDirectory"/>, else
    /// <see cref="TemporaryFiles.DefaultDirectory"/>, when <see langword="null"/>.
    /// </param>
    public VideoSourceOpener(HttpClient downloadClient, VideoUploadOptions options, TimeProvider timeProvider, ILogger logger, string? temporaryDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(downloadClient);
        _downloadClient = downloadClient;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        TemporaryDirectory = temporaryDirectory ?? options.TemporaryDirectory ?? TemporaryFiles.DefaultDirectory;
    }

    public string TemporaryDirectory { get; }

    public Task<OpenedVideo> OpenAsync(VideoSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source switch
        {
            FileVideoSource file => Task.FromResult(OpenFile(file)),
            StreamVideoSource { Stream.CanSeek: true } stream => Task.FromResult(OpenSeekable(stream)),
            StreamVideoSource stream => SpoolAsync(stream, cancellationToken),
            UrlVideoSource url => DownloadAsync(url, cancellationToken),
            _ => throw new NotSupportedException($"Unknown video source {source.GetType().Name}."),
        };
    }

    private static OpenedVideo OpenFile(FileVideoSource source)
    {
        // No FileStream buffer: reads are already 1 MiB chunks.
        var stream = new FileStream(
            source.Path,
            FileMode.Open,
            FileAccess.Read,
            FileShare.Read,
            bufferSize: 0,
            FileOptions.Asynchronous | FileOptions.SequentialScan);
        try
        {
            var contentType = VideoContentTypes.FromPath(source.Path) ?? VideoContentTypes.OctetStream;
            return new OpenedVideo(stream, stream.Length, contentType, ownsStream: true);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static OpenedVideo OpenSeekable(StreamVideoSource source)
    {
        var length = source.Stream.Length - source.Stream.Position;
        if (length < 0)
        {
            throw new ArgumentException("The video stream is positioned past its end.");
        }

        return new OpenedVideo(source.Stream, length, source.ContentType, ownsStream: false);
    }

    private async Task<OpenedVideo> SpoolAsync(StreamVideoSource source, CancellationToken cancellationToken)
    {
        var file = TemporaryFiles.Create(TemporaryDirectory, _timeProvider, _logger, out var path);
        try
        {
            var started = _timeProvider.GetTimestamp();
            var length = await CopyCappedAsync(source.Stream, file, "The video stream", deadline: null, cancellationToken).ConfigureAwait(false);
            file.Position = 0;
            VideoUploadLog.Spooled(_logger, length, (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds);
            return new OpenedVideo(file, length, source.ContentType, ownsStream: true, path);
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            TemporaryFiles.TryDelete(path);
            throw;
        }
    }

    private async Task<OpenedVideo> DownloadAsync(UrlVideoSource source, CancellationToken cancellationToken)
    {
        var host = source.Url.IdnHost;
        // The probe client has no overall timeout (a 2 GB video may take long) and a publish may run for as long as its
        // lease, so bound both the host's silence and its average rate instead.
        using var deadline = new DownloadDeadline(_options, _timeProvider, cancellationToken);
        VideoUploadLog.DownloadStarted(_logger, host);
        var file = TemporaryFiles.Create(TemporaryDirectory, _timeProvider, _logger, out var path);
        try
        {
            var started = _timeProvider.GetTimestamp();
            // Redirects are followed by hand so that every hop passes the probe client's address check.
            using var response = await ProbeHttp.SendWithRedirectsAsync(
                _downloadClient,
                source.Url,
                static uri => new HttpRequestMessage(HttpMethod.Get, uri),
                cancellationToken: deadline.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new PinterestVideoUploadException(
                    $"Downloading the video from {host} failed: HTTP {(int)response.StatusCode}.",
                    response.StatusCode);
            }

            if (response.Content.Headers.ContentLength is long declared && declared > _options.MaxDownloadBytes)
            {
                throw TooLarge($"The video at {host}");
            }

            deadline.Restart(received: 0);
            var body = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
            long length;
            await using (body.ConfigureAwait(false))
            {
                length = await CopyCappedAsync(body, file, $"The video at {host}", deadline, cancellationToken).ConfigureAwait(false);
            }

            file.Position = 0;
            VideoUploadLog.Spooled(_logger, length, (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds);
            var contentType = ContentTypeOf(response.Content.Headers.ContentType)
                ?? VideoContentTypes.FromPath(source.Url.AbsolutePath)
                ?? VideoContentTypes.OctetStream;
            return new OpenedVideo(file, length, contentType, ownsStream: true, path);
        }
        catch (Exception ex)
        {
            await file.DisposeAsync().ConfigureAwait(false);
            TemporaryFiles.TryDelete(path);
            var failure = DownloadFailure(ex, source.Url, deadline, cancellationToken);
            if (ReferenceEquals(failure, ex))
            {
                throw;
            }

            throw failure;
        }
    }

    /// <summary>
    /// What a failed download throws: the caller's cancellation stays a cancellation; everything else is a
    /// <see cref="PinterestVideoUploadException"/> (transient for the scheduler) that names the host, never the query or
    /// user info, and keeps the cause as its inner exception.
    /// </summary>
    private Exception DownloadFailure(Exception ex, Uri url, DownloadDeadline deadline, CancellationToken cancellationToken)
    {
        var host = url.IdnHost;
        if (cancellationToken.IsCancellationRequested)
        {
            // Reported against the caller's own token rather than the internal linked one.
            return ex is OperationCanceledException canceled && canceled.CancellationToken != cancellationToken
                ? new OperationCanceledException(canceled.Message, canceled, cancellationToken)
                : ex;
        }

        if (ex is PinterestVideoUploadException)
        {
            return ex;
        }

        if (deadline.HasElapsed && deadline.WasTooSlow)
        {
            var seconds = deadline.HostTime.TotalSeconds;
            VideoUploadLog.DownloadTooSlow(_logger, host, deadline.Received, seconds, _options.MinDownloadBytesPerSecond, _options.MinDownloadTimeout.TotalSeconds);
            return new PinterestVideoUploadException(
                $"The video host {host} sent only {deadline.Received} bytes in {seconds:0.#} s, slower than the minimum average rate of "
                + $"{_options.MinDownloadBytesPerSecond} bytes/s allowed after the first {_options.MinDownloadTimeout.TotalSeconds:0.###} s "
                + "(VideoUpload:MinDownloadBytesPerSecond, VideoUpload:MinDownloadTimeout); the download was stopped.",
                statusCode: null,
                innerException: ex);
        }

        if (deadline.HasElapsed)
        {
            VideoUploadLog.DownloadStalled(_logger, host, deadline.IdleTimeout.TotalSeconds);
            // Host and path only: the query string of a media URL is often a signature.
            return new PinterestVideoUploadException(
                $"The video host {host} stopped sending {url.AbsolutePath}: nothing received for {deadline.IdleTimeout.TotalSeconds:0.###} s "
                + "(VideoUploadOptions.DownloadIdleTimeout).",
                statusCode: null,
                innerException: ex);
        }

        var reason = Describe(ex);
        VideoUploadLog.DownloadFailed(_logger, host, reason);
        return new PinterestVideoUploadException($"Downloading the video from {host} failed: {reason}.", statusCode: null, innerException: ex);
    }

    /// <summary>The failure in words of our own: a transport message can carry more of the URL than the host.</summary>
    private static string Describe(Exception ex)
    {
        if (ProbeHttp.IsPrivateNetworkRefusal(ex))
        {
            return "the host resolves to a private, loopback or link-local address, which is refused";
        }

        var error = ex switch
        {
            HttpRequestException http => http.HttpRequestError,
            HttpIOException io => io.HttpRequestError,
            _ => (HttpRequestError?)null,
        };
        return error switch
        {
            HttpRequestError.ResponseEnded => "the connection closed before the whole video arrived",
            HttpRequestError.NameResolutionError => "the host name could not be resolved",
            HttpRequestError.SecureConnectionError => "the TLS connection could not be established",
            HttpRequestError.ConnectionError => "the connection could not be made",
            { } other => $"HTTP transport error ({other})",
            null when ex is IOException => $"the connection failed while the video was read ({ex.GetType().Name})",
            null when ex is OperationCanceledException => "the request timed out",
            null => ex.GetType().Name,
        };
    }

    private static string? ContentTypeOf(MediaTypeHeaderValue? header)
    {
        var mediaType = header?.MediaType;
        return mediaType is not null && mediaType.StartsWith("video/", StringComparison.OrdinalIgnoreCase)
            ? mediaType.ToLowerInvariant()
            : null;
    }

    private async Task<long> CopyCappedAsync(Stream source, Stream destination, string what, DownloadDeadline? deadline, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            long total = 0;
            int read;
            while (true)
            {
                deadline?.Restart(total);
                read = await source.ReadAsync(buffer.AsMemory(0, CopyBufferSize), deadline?.Token ?? cancellationToken).ConfigureAwait(false);
                deadline?.Pause();
                if (read == 0)
                {
                    break;
                }

                total += read;
                if (total > _options.MaxDownloadBytes)
                {
                    throw TooLarge(what);
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }

            await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private PinterestVideoUploadException TooLarge(string what) =>
        new($"{what} is larger than the {_options.MaxDownloadBytes}-byte limit (VideoUploadOptions.MaxDownloadBytes).", statusCode: null);
}
