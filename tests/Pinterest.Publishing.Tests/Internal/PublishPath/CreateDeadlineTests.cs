using System.Net;
using Pinterest.Publishing.Scheduling;
using Pinterest.Publishing.Scheduling.Internal;
using Pinterest.Publishing.Testing;

namespace Pinterest.Publishing.Tests.Internal.PublishPath;

/// <summary>
/// <see cref="PublishPinRequest.CreateDeadline"/>: no create call is sent at or after it, and the publish fails with a
/// public, retryable exception that says nothing was created.
/// </summary>
public class CreateDeadlineTests
{
    private static readonly PinSchedulingOptions Scheduling = new();

    [Fact]
    public async Task A_create_past_the_create_deadline_is_not_sent_and_is_retried()
    {
        await using var h = await PublishingHarness.CreateAsync();
        var deadline = h.Time.GetUtcNow().AddSeconds(-1);

        var ex = await Assert.ThrowsAsync<PinterestCreateDeadlineExceededException>(() => h.Publisher.PublishAsync(h.ImageRequest() with { CreateDeadline = deadline }));

        Assert.Equal(0, h.CreateCalls());
        Assert.Equal(deadline, ex.Deadline);
        Assert.Contains("CreateDeadline", ex.Message, StringComparison.Ordinal);
        Assert.IsType<PinPublishOutcome.RetryAt>(PinPublishOutcomeMapper.FromException(ex, 1, h.Time.GetUtcNow(), Scheduling));
    }

    [Fact]
    public async Task A_create_before_the_deadline_is_sent()
    {
        await using var h = await PublishingHarness.CreateAsync();

        var result = await h.Publisher.PublishAsync(h.ImageRequest() with { CreateDeadline = h.Time.GetUtcNow().AddMinutes(1) });

        Assert.Equal(result.PinId, Assert.Single(h.Emulator.Pins).Id);
    }

    [Fact]
    public async Task A_create_retry_that_would_be_sent_past_the_deadline_is_not_sent()
    {
        await using var h = await PublishingHarness.CreateAsync();
        h.Emulator.InjectFault("POST /v5/pins", EmulatorFault.Status(HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(30)));
        var request = h.ImageRequest() with { CreateDeadline = h.Time.GetUtcNow().AddSeconds(10) };

        // The 429 proves the first call was not processed; its retry would come 30 s later, past the deadline.
        await Assert.ThrowsAsync<PinterestCreateDeadlineExceededException>(() => h.DriveAsync(h.Publisher.PublishAsync(request), TimeSpan.FromSeconds(1)));

        Assert.Equal(1, h.CreateCalls());
        Assert.Empty(h.Emulator.Pins);
    }
}
