using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Api.Models;
using Pinterest.Publishing.Diagnostics.Internal;
using Pinterest.Publishing.VideoUpload;
using Pinterest.Publishing.VideoUpload.Internal;

namespace Pinterest.Publishing.Tests.Diagnostics.Internal;

/// <summary>
/// The media status comes from the server (<c>GET /v5/media/{id}</c>): used as a metric tag as is, a hostile or
/// misbehaving server could create one time series per poll.
/// </summary>
public sealed class MediaPollStatusTagTests
{
    [Fact]
    public async Task A_status_pinterest_does_not_document_is_tagged_other()
    {
        using var services = new ServiceCollection().AddMetrics().AddSingleton<PinterestTelemetry>().BuildServiceProvider();
        var telemetry = services.GetRequiredService<PinterestTelemetry>();
        using var polls = new MetricCollector<long>(telemetry.Meter, "pinterest.media.polls");
        var api = new ScriptedMediaApi(["processing", "PROCESSING", "x-1f2e3d4c", "x-5b6a7988", new string('z', 10_000), "", "Succeeded", "failed", "registered"]);
        var operation = new VideoUploadOperation(api, "12345", new VideoUploadOptions(), TimeProvider.System, NullLogger.Instance, deadlineStart: null, telemetry);

        for (var i = 0; i < api.Count; i++)
        {
            await operation.UpdateStatusAsync();
        }

        Assert.Equal(
            ["processing", "processing", "other", "other", "other", "other", "succeeded", "failed", "registered"],
            polls.GetMeasurementSnapshot().Select(m => (string)m.Tags["status"]!));
    }

    private sealed class ScriptedMediaApi(string[] statuses) : MediaClient
    {
        private int _next;

        public int Count => statuses.Length;

                public override Task<MediaUploadDetails> GetAsync(string mediaId, CancellationToken cancellationToken = default) =>
            Task.FromResult(new MediaUploadDetails { MediaId = mediaId, Status = new MediaUploadStatus(statuses[_next++]) });
    }
}
