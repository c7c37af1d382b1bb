using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Diagnostics.Internal;
using Pinterest.Publishing.VideoUpload;
using Pinterest.Publishing.VideoUpload.Internal;

namespace Pinterest.Publishing.Internal.PublishPath;

/// <summary>The facade's video step over <see cref="PinterestVideoUploader"/> with the factory's upload and probe clients.</summary>
internal sealed class VideoPinUploader(
    IHttpClientFactory httpClientFactory,
    IOptions<PinterestPublishingOptions> options,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory,
    PinterestTelemetry telemetry) : IVideoPinUploader
{
    public async Task<string> UploadAndWaitAsync(PinterestClient client, VideoSource source, CancellationToken cancellationToken)
    {
        var uploader = new PinterestVideoUploader(
            client,
            httpClientFactory.CreateClient(PinterestHttpClientNames.Upload),
            options.Value.VideoUpload,
            timeProvider,
            loggerFactory.CreateLogger(VideoUploadLog.CategoryName),
            downloadClient: httpClientFactory.CreateClient(PinterestHttpClientNames.Probe))
        {
            Telemetry = telemetry,
            CheckSpooledCopy = true,
        };
        var operation = await uploader.StartUploadAsync(source, cancellationToken: cancellationToken).ConfigureAwait(false);
        await operation.WaitForCompletionAsync(cancellationToken).ConfigureAwait(false);
        return operation.MediaId;
    }
}
