using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pinterest.Publishing.Scheduling;
using Pinterest.Publishing.Scheduling.Internal;

namespace Pinterest.Publishing.Tests.Scheduling.Internal;

/// <summary>
/// A request the validator finds malformed is rejected at once, whichever field it names: the signal is the exception's
/// type, not a parameter name the scheduler had to match (it used to match only "request", never "request.Media.Url").
/// </summary>
public class MalformedScheduledRequestTests
{
    [Theory]
    [InlineData("request.Media.Url")]
    [InlineData("request.Media.Items[1]")]
    [InlineData("request.Media.Source")]
    public async Task A_scheduled_request_with_malformed_media_is_rejected_at_once_not_retried(string field)
    {
        PinMedia media = field switch
        {
            "request.Media.Url" => new ImageUrlPinMedia(null!),
            "request.Media.Items[1]" => new CarouselPinMedia([new CarouselItem(new Uri("https://example.com/a.jpg")), null!]),
            _ => new VideoPinMedia(null!, null),
        };
        await using var h = await PublishingHarness.CreateAsync();
        var store = new InMemoryPinScheduleStore();
        var scheduled = store.Schedule(h.ImageRequest() with { Media = media }, h.Time.GetUtcNow());
        var dispatcher = new PinScheduleDispatcher(store, h.Publisher, Options.Create(new PinSchedulingOptions()), h.Time, NullLoggerFactory.Instance);

        await dispatcher.RunOnceAsync(CancellationToken.None);

        var rejected = Assert.IsType<PinPublishOutcome.Rejected>(store.GetOutcome(scheduled.Id));
        Assert.Equal(["request.invalid"], rejected.Codes);
        Assert.Contains(field, rejected.Reason, StringComparison.Ordinal);
        Assert.Empty(store.GetPending());
        Assert.Equal(0, h.CreateCalls());
    }

    [Fact]
    public async Task A_malformed_scheduled_request_is_rejected_at_once_not_retried()
    {
        await using var h = await PublishingHarness.CreateAsync();
        var store = new InMemoryPinScheduleStore();
        var scheduled = store.Schedule(h.ImageRequest() with { AccountId = " " }, h.Time.GetUtcNow());
        var dispatcher = new PinScheduleDispatcher(store, h.Publisher, Options.Create(new PinSchedulingOptions()), h.Time, NullLoggerFactory.Instance);

        await dispatcher.RunOnceAsync(CancellationToken.None);

        var rejected = Assert.IsType<PinPublishOutcome.Rejected>(store.GetOutcome(scheduled.Id));
        Assert.Equal(["request.invalid"], rejected.Codes);
        Assert.Contains("AccountId", rejected.Reason, StringComparison.Ordinal);
        Assert.Empty(store.GetPending());
    }
}
