using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Internal.SafeHttp;

namespace Pinterest.Publishing.VideoUpload.Internal;

/// <summary>
/// Sends an opened video to a registered <c>upload_url</c> as <c>multipart/form-data</c>, on the separate upload
/// <see cref="HttpClient"/> (no bearer token, no retry of a consumed body), under a timeout scaled to the size.
/// </summary>
internal sealed partial class MultipartVideoUploader
{
    private const int MaxErrorBodyBytes = 4096;

    private readonly HttpClient _httpClient;
    private readonly VideoUploadOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public MultipartVideoUploader(HttpClient httpClient, VideoUploadOptions options, TimeProvider timeProvider, ILogger logger)
    {
        _httpClient = httpClient;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>The upload timeout for <paramref name="length"/> bytes: the floor plus the time at the slowest accepted rate.</summary>
    public static TimeSpan ComputeTimeout(long length, VideoUploadOptions options)
    {
        var rate = Math.Max(1, options.MinUploadBytesPerSecond);
        return options.MinUploadTimeout + TimeSpan.FromSeconds((double)length / rate);
    }

    public async Task UploadAsync(
        string mediaId,
        Uri uploadUrl,
        IEnumerable<KeyValuePair<string, string>> fields,
        OpenedVideo video,
        IProgress<long>? progress,
        CancellationToken cancellationToken = default)
    {
        var host = uploadUrl.IdnHost;
        using var content = new MultipartVideoContent(fields, video, progress);
        foreach (var skipped in content.SkippedFieldNames)
        {
            VideoUploadLog.FileFieldSkipped(_logger, mediaId, skipped);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, uploadUrl) { Content = content };

        var timeout = ComputeTimeout(video.Length, _options);
        using var timeoutSource = new CancellationTokenSource(timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);

        VideoUploadLog.UploadStarted(_logger, mediaId, video.Length, video.ContentType, host);
        var started = _timeProvider.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Our size-scaled timeout, or the HttpClient's own Timeout.
            throw new PinterestVideoUploadException(
                $"The video upload to {host} did not finish within {timeout.TotalSeconds:F0} s ({video.Length} bytes).",
                statusCode: null,
                mediaId,
                ex);
        }
        catch (HttpRequestException ex) when (ConnectGuard.FindRefusal(ex) is { } refusal)
        {
            // The guard refused the connection: nothing was sent. Its message names the host and the setting.
            throw new PinterestVideoUploadException(
                $"The video upload to {host} was not sent: {refusal.Message}",
                statusCode: null,
                mediaId,
                ex);
        }
        catch (HttpRequestException ex)
        {
            throw new PinterestVideoUploadException(
                $"The video upload to {host} failed before the host answered: {ex.HttpRequestError}.",
                statusCode: null,
                mediaId,
                ex);
        }

        using (response)
        {
            var elapsed = (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds;
            if (response.IsSuccessStatusCode)
            {
                VideoUploadLog.UploadFinished(_logger, mediaId, video.Length, elapsed, (int)response.StatusCode);
                return;
            }

            VideoUploadLog.UploadRejected(_logger, mediaId, host, (int)response.StatusCode, elapsed);
            var hostCode = await ReadErrorCodeAsync(response, linked.Token).ConfigureAwait(false);
            throw new PinterestVideoUploadException(
                $"The video upload host {host} answered HTTP {(int)response.StatusCode} ({response.ReasonPhrase ?? response.StatusCode.ToString()})"
                + (hostCode is null ? "." : $", error code {hostCode}.")
                + HintFor(response.StatusCode),
                response.StatusCode,
                mediaId);
        }
    }

    private static string HintFor(HttpStatusCode status) => status switch
    {
        // The upload client never follows one: the video goes only to the URL Pinterest registered.
        >= HttpStatusCode.MultipleChoices and < HttpStatusCode.BadRequest =>
            " The upload host answered with a redirect, which is not followed: the video is sent only to the registered upload URL.",
        HttpStatusCode.LengthRequired => " The upload needs a known Content-Length.",
        HttpStatusCode.Forbidden => " The upload fields were rejected or have expired; register the upload again.",
        _ => string.Empty,
    };

    /// <summary>
    /// Reads the S3-style <c>&lt;Code&gt;</c> of an error body, if any. Only that short identifier is kept: the rest of
    /// such a body can echo the signed policy and signature.
    /// </summary>
    private static async Task<string?> ReadErrorCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var buffer = new byte[MaxErrorBodyBytes];
                var total = 0;
                int read;
                while (total < buffer.Length
                    && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    total += read;
                }

                var match = ErrorCodePattern().Match(Encoding.UTF8.GetString(buffer, 0, total));
                return match.Success ? match.Groups[1].Value : null;
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or OperationCanceledException)
        {
            return null;
        }
    }

    [GeneratedRegex("<Code>([A-Za-z]{1,64})</Code>", RegexOptions.CultureInvariant)]
    private static partial Regex ErrorCodePattern();
}
