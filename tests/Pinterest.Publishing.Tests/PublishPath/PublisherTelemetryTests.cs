using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Pinterest.Publishing.Diagnostics.Internal;

namespace Pinterest.Publishing.Tests.PublishPath;

public class PublisherTelemetryTests
{
    [Fact]
    public async Task Publishes_preflight_issues_and_upload_bytes_are_measured()
    {
        await using var h = await PublishingHarness.CreateAsync();
        var telemetry = h.Services.GetRequiredService<PinterestTelemetry>();
        using var publishes = new MetricCollector<long>(telemetry.Meter, "pinterest.publish.count");
        using var issues = new MetricCollector<long>(telemetry.Meter, "pinterest.preflight.issues");
        using var uploaded = new MetricCollector<long>(telemetry.Meter, "pinterest.upload.bytes");
        using var polls = new MetricCollector<long>(telemetry.Meter, "pinterest.media.polls");
        var video = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Media", "video-5s.mp4");

        await h.Publisher.PublishAsync(h.ImageRequest());
        await Assert.ThrowsAsync<PinPreflightException>(() => h.Publisher.PublishAsync(h.ImageRequest(boardId: "not-a-number")));
        await h.DriveAsync(h.Publisher.PublishAsync(h.ImageRequest() with { Media = PinMedia.Video(VideoSource.FromFile(video)) }), TimeSpan.FromSeconds(1));

        Assert.Equal(2, publishes.GetMeasurementSnapshot().Count(m => (string?)m.Tags["outcome"] == "published"));
        Assert.Single(publishes.GetMeasurementSnapshot(), m => (string?)m.Tags["outcome"] == "rejected");
        Assert.Contains(issues.GetMeasurementSnapshot(), m => (string?)m.Tags["code"] == "pinterest.board.id_format");
        Assert.Equal(new FileInfo(video).Length, uploaded.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Contains(polls.GetMeasurementSnapshot(), m => (string?)m.Tags["status"] == "succeeded");
    }
}
