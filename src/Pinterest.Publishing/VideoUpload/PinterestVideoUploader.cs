using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Diagnostics.Internal;
using Pinterest.Publishing.Internal.SafeHttp;
using Pinterest.Publishing.Preflight;
using Pinterest.Publishing.Preflight.Internal.Rules;
using Pinterest.Publishing.VideoUpload.Internal;

namespace Pinterest.Publishing.VideoUpload;

/// <summary>
/// Uploads videos to Pinterest: registers the upload (<c>POST /v5/media</c>), streams the file to the upload host
/// and returns a <see cref="VideoUploadOperation"/> that waits for processing. Memory use does not grow with the
/// video size.
/// </summary>
public sealed class PinterestVideoUploader
{
    /// <summary>
    /// The name of the upload <see cref="HttpClient"/> in dependency injection: no bearer token, no retry handler,
    /// infinite <see cref="HttpClient.Timeout"/>.
    /// </summary>
    internal const string UploadHttpClientName = "Pinterest.Publishing.Upload";

    private readonly MediaClient _media;
    private readonly VideoUploadOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly MultipartVideoUploader _uploader;
    private readonly VideoSourceOpener _opener;

    /// <summary>Creates an uploader; only <paramref name="client"/> is required.</summary>
    /// <param name="client">The Pinterest API client of the account the video is for (its <see cref="PinterestClient.Media"/> registers and polls).</param>
    /// <param name="uploadClient">
    /// The client for the upload host, or <see langword="null"/> for the library's shared upload client, built like the
    /// one dependency injection registers: https only, connections to public addresses on ports 80 and 443 only, no
    /// proxy and no automatic redirects (the <c>upload_url</c> comes from an API answer; it must not make the video go
    /// to your own network or wherever a redirect points). A client of your own gets none of these guards: it must not
    /// send the Pinterest bearer token, retry requests nor follow redirects, and its <see cref="HttpClient.Timeout"/>
    /// should be <see cref="Timeout.InfiniteTimeSpan"/> (the uploader applies a timeout scaled to the video size).
    /// </param>
    /// <param name="options">Polling and timeout settings; defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock for polling and timeouts; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="logger">The logger, or <see langword="null"/>.</param>
    /// <param name="downloadClient">
    /// The client that downloads <see cref="VideoSource.FromUrl(Uri)"/> videos, or <see langword="null"/> for the
    /// library's shared download client, guarded like the probe client dependency injection registers: public
    /// addresses on ports 80 and 443 only, no proxy, redirects followed by hand with every hop checked. A client of your
    /// own gets none of these guards: the URL is your user's, and it may point inside your network.
    /// </param>
    public PinterestVideoUploader(
        PinterestClient client,
        HttpClient? uploadClient = null,
        VideoUploadOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger? logger = null,
        HttpClient? downloadClient = null)
        : this((client ?? throw new ArgumentNullException(nameof(client))).Media, uploadClient, options, timeProvider, logger, downloadClient)
    {
    }

    internal PinterestVideoUploader(
        MediaClient media,
        HttpClient? uploadClient,
        VideoUploadOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger? logger = null,
        HttpClient? downloadClient = null,
        string? temporaryDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(media);
        uploadClient ??= ProbeHttpHandlerFactory.SharedUploadClient;
        if (uploadClient.DefaultRequestHeaders.Authorization is not null)
        {
            throw new ArgumentException("The upload client must not carry an Authorization header: the upload host is not Pinterest's API.", nameof(uploadClient));
        }

        _media = media;
        _options = options ?? new VideoUploadOptions();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _uploader = new MultipartVideoUploader(uploadClient, _options, _timeProvider, _logger);
        _opener = new VideoSourceOpener(downloadClient ?? ProbeHttpHandlerFactory.SharedProbeClient, _options, _timeProvider, _logger, temporaryDirectory);
    }

    /// <summary>Where upload bytes and polls are counted; dependency injection sets the host's instance.</summary>
    internal PinterestTelemetry Telemetry { get; init; } = PinterestTelemetry.Shared;

    /// <summary>
    /// Whether the spooled copy of a URL or non-seekable stream is checked with preflight's video rules before the
    /// upload is registered (throwing <see cref="PinPreflightException"/>). The publish path sets it: its preflight could
    /// not read those sources whole. A caller of this class alone uploads what it is given, as before.
    /// </summary>
    internal bool CheckSpooledCopy { get; init; }

    /// <summary>
    /// Registers an upload, sends the video to the upload host and returns the operation that waits for Pinterest to
    /// process it. URL sources and non-seekable streams are first spooled to a temporary file, deleted afterwards.
    /// A <see cref="VideoSource.FromUploadedMedia(string)"/> source is not uploaded again: its operation is resumed.
    /// </summary>
    /// <param name="source">The video.</param>
    /// <param name="progress">Receives the number of video bytes sent so far.</param>
    /// <param name="cancellationToken">Stops the download and the upload.</param>
    /// <returns>The operation; call <see cref="VideoUploadOperation.WaitForCompletionAsync(CancellationToken)"/> before creating the Pin.</returns>
    /// <exception cref="PinterestVideoUploadException">The video could not be downloaded or the upload host refused it.</exception>
    /// <exception cref="PinterestApiException">Registering the upload failed.</exception>
    public async Task<VideoUploadOperation> StartUploadAsync(VideoSource source, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source is UploadedVideoSource uploaded)
        {
            // Already on Pinterest: uploading again would only make a second copy to wait for.
            return Resume(uploaded.MediaId);
        }

        // Spool first: a presigned upload must not wait (and perhaps expire) behind a slow download.
        var video = await _opener.OpenAsync(source, cancellationToken).ConfigureAwait(false);
        await using (video.ConfigureAwait(false))
        {
            if (CheckSpooledCopy && video.TemporaryPath is not null)
            {
                // A URL or forward-only stream, which preflight could not read whole: its copy gets the same checks
                // (container, cut-off file, moov, duration) before anything is sent to Pinterest.
                RefuseIfBroken(VideoChecks.CheckSpooled(video.Stream));
            }

            var registration = await _media.RegisterVideoUploadAsync(cancellationToken).ConfigureAwait(false);
            var mediaId = registration.MediaId;
            if (string.IsNullOrEmpty(mediaId) || registration.UploadUrl is not { IsAbsoluteUri: true } uploadUrl
                || (uploadUrl.Scheme != Uri.UriSchemeHttps && uploadUrl.Scheme != Uri.UriSchemeHttp))
            {
                throw new PinterestVideoUploadException(
                    "Pinterest's media registration did not return a media id and an absolute http(s) upload URL.",
                    statusCode: null,
                    string.IsNullOrEmpty(mediaId) ? null : mediaId);
            }

            VideoUploadLog.Registered(_logger, mediaId, uploadUrl.IdnHost);
            var fields = registration.UploadParameters ?? [];
            await _uploader.UploadAsync(mediaId, uploadUrl, fields, video, progress, cancellationToken).ConfigureAwait(false);
            Telemetry.RecordUploadBytes(video.Length);
            return new VideoUploadOperation(_media, mediaId, _options, _timeProvider, _logger, deadlineStart: _timeProvider.GetUtcNow(), Telemetry);
        }
    }

    private void RefuseIfBroken(IReadOnlyList<PreflightIssue> issues)
    {
        if (issues.Any(i => i.Severity == PreflightSeverity.Error))
        {
            var result = new PreflightResult(issues);
            VideoUploadLog.SpooledCopyRefused(_logger, string.Join(",", result.Errors.Select(e => e.Code).Distinct()));
            throw new PinPreflightException(result);
        }
    }

    /// <summary>
    /// The operation of a video uploaded earlier, from its media id: waiting on it polls the processing status and never
    /// uploads again. Its deadline counts from the first wait.
    /// </summary>
    /// <param name="mediaId">The media id kept from <see cref="VideoUploadOperation.MediaId"/>.</param>
    public VideoUploadOperation Resume(string mediaId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mediaId);
        VideoUploadLog.Resumed(_logger, mediaId);
        return new VideoUploadOperation(_media, mediaId, _options, _timeProvider, _logger, deadlineStart: null, Telemetry);
    }
}
