using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Pinterest.Publishing.Diagnostics.Internal;
using Pinterest.Publishing.Scheduling;
using Pinterest.Publishing.Scheduling.Internal;
using Pinterest.Publishing.Testing;

namespace Pinterest.Publishing.Tests.Internal.PublishPath;

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

    [Fact]
    public async Task A_create_that_never_reached_Pinterest_is_tagged_retry_as_the_scheduler_retries_it()
    {
        await using var h = await PublishingHarness.CreateAsync();
        var telemetry = h.Services.GetRequiredService<PinterestTelemetry>();
        using var publishes = new MetricCollector<long>(telemetry.Meter, "pinterest.publish.count");
        h.Emulator.InjectFault("POST /v5/pins", EmulatorFault.ConnectionRefused(), count: 100);

        var ex = await Assert.ThrowsAsync<PinterestApiException>(() => h.DriveAsync(h.Publisher.PublishAsync(h.ImageRequest()), TimeSpan.FromSeconds(1)));

        Assert.Equal(0, (int)ex.StatusCode);
        Assert.Empty(h.Emulator.Pins);
        Assert.IsType<PinPublishOutcome.RetryAt>(PinPublishOutcomeMapper.FromException(ex, 1, h.Time.GetUtcNow(), new PinSchedulingOptions()));
        Assert.Equal("retry", Assert.Single(publishes.GetMeasurementSnapshot()).Tags["outcome"]);
    }
}
