using System.Buffers;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Net;

namespace Pinterest.Publishing.Media;

/// <summary>
/// Turns a <see cref="VideoSource"/> into an <see cref="OpenedVideo"/> of known length: files are opened, seekable
/// streams used in place, and non-seekable streams and URLs spooled to a temporary file that is deleted on success,
/// failure and cancellation alike.
/// </summary>
internal sealed class VideoSourceOpener
{
    private const int CopyBufferSize = 1024 * 1024;

    private readonly HttpClient? _downloadClient;
    private readonly VideoUploadOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public VideoSourceOpener(HttpClient? downloadClient, VideoUploadOptions options, TimeProvider timeProvider, ILogger logger, string temporaryDirectory)
    {
        _downloadClient = downloadClient;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        TemporaryDirectory = temporaryDirectory;
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
        var file = TemporaryFiles.Create(TemporaryDirectory, out var path);
        try
        {
            var started = _timeProvider.GetTimestamp();
            var length = await CopyCappedAsync(source.Stream, file, "The video stream", cancellationToken).ConfigureAwait(false);
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
        if (_downloadClient is null)
        {
            throw new InvalidOperationException(
                "VideoSource.FromUrl needs a download client: pass an HttpClient (the SSRF-safe probe client) to PinterestVideoUploader.");
        }

        var host = source.Url.IdnHost;
        // The probe client has no overall timeout (a 2 GB video may take long) and the scheduler publishes without a
        // deadline, so a host that goes silent would otherwise hang the publish: bound the silence instead.
        using var idle = new DownloadIdleTimeout(_options.DownloadIdleTimeout, _timeProvider, cancellationToken);
        VideoUploadLog.DownloadStarted(_logger, host);
        var file = TemporaryFiles.Create(TemporaryDirectory, out var path);
        try
        {
            var started = _timeProvider.GetTimestamp();
            // Redirects are followed by hand so that every hop passes the probe client's address check.
            using var response = await ProbeHttp.SendWithRedirectsAsync(
                _downloadClient,
                source.Url,
                static uri => new HttpRequestMessage(HttpMethod.Get, uri),
                cancellationToken: idle.Token).ConfigureAwait(false);
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

            idle.Restart();
            var body = await response.Content.ReadAsStreamAsync(idle.Token).ConfigureAwait(false);
            long length;
            await using (body.ConfigureAwait(false))
            {
                length = await CopyCappedAsync(body, file, $"The video at {host}", idle, cancellationToken).ConfigureAwait(false);
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
            if (cancellationToken.IsCancellationRequested)
            {
                // The caller's cancellation stays a cancellation, reported against the caller's own token rather
                // than the internal linked one.
                if (ex is OperationCanceledException canceled && canceled.CancellationToken != cancellationToken)
                {
                    throw new OperationCanceledException(canceled.Message, canceled, cancellationToken);
                }
            }
            else if (idle.HasElapsed && ex is OperationCanceledException or IOException or HttpRequestException)
            {
                VideoUploadLog.DownloadStalled(_logger, host, idle.Timeout.TotalSeconds);
                // Host and path only: the query string of a media URL is often a signature.
                throw new PinterestVideoUploadException(
                    $"The video host {host} stopped sending {source.Url.AbsolutePath}: nothing received for {idle.Timeout.TotalSeconds:0.###} s "
                    + "(VideoUploadOptions.DownloadIdleTimeout).",
                    statusCode: null,
                    innerException: ex);
            }

            throw;
        }
    }

    private static string? ContentTypeOf(MediaTypeHeaderValue? header)
    {
        var mediaType = header?.MediaType;
        return mediaType is not null && mediaType.StartsWith("video/", StringComparison.OrdinalIgnoreCase)
            ? mediaType.ToLowerInvariant()
            : null;
    }

    private Task<long> CopyCappedAsync(Stream source, Stream destination, string what, CancellationToken cancellationToken) =>
        CopyCappedAsync(source, destination, what, idle: null, cancellationToken);

    private async Task<long> CopyCappedAsync(Stream source, Stream destination, string what, DownloadIdleTimeout? idle, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            long total = 0;
            int read;
            while (true)
            {
                idle?.Restart();
                read = await source.ReadAsync(buffer.AsMemory(0, CopyBufferSize), idle?.Token ?? cancellationToken).ConfigureAwait(false);
                idle?.Pause();
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
