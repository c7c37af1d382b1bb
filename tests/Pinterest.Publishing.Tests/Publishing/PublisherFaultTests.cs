using System.Net;
using Pinterest.Publishing.Testing;

namespace Pinterest.Publishing.Tests.Publishing;

public class PublisherFaultTests
{
    private const string CreateRoute = "POST /v5/pins";

    [Fact]
    public async Task A_create_that_times_out_after_the_pin_was_stored_is_reconciled_to_that_pin()
    {
        await using var h = await PublishingHarness.CreateAsync();
        h.Emulator.InjectFault(CreateRoute, EmulatorFault.Timeout(afterProcessing: true));

        var result = await h.Publisher.PublishAsync(h.ImageRequest("Timed out"));

        var pin = Assert.Single(h.Emulator.Pins);
        Assert.Equal(pin.Id, result.PinId);
        Assert.True(result.Reconciled);
        Assert.Equal(1, h.CreateCalls());
    }

    [Fact]
    public async Task A_503_after_the_pin_was_stored_is_reconciled_without_a_second_create()
    {
        await using var h = await PublishingHarness.CreateAsync();
        h.Emulator.InjectFault(CreateRoute, EmulatorFault.Status(HttpStatusCode.ServiceUnavailable, afterProcessing: true));

        var result = await h.Publisher.PublishAsync(h.ImageRequest());

        Assert.Equal(Assert.Single(h.Emulator.Pins).Id, result.PinId);
        Assert.Equal(1, h.CreateCalls());
    }

    [Fact]
    public async Task A_503_before_storing_gives_no_duplicate_and_an_unknown_outcome()
    {
        await using var h = await PublishingHarness.CreateAsync();
        h.Emulator.InjectFault(CreateRoute, EmulatorFault.Status(HttpStatusCode.ServiceUnavailable));

        var ex = await Assert.ThrowsAsync<PinterestPublishOutcomeUnknownException>(() => h.Publisher.PublishAsync(h.ImageRequest()));

        Assert.Empty(h.Emulator.Pins);
        Assert.Equal(1, h.CreateCalls());
        Assert.Equal(h.Time.GetUtcNow(), ex.AttemptStartedAt);
    }

    [Fact]
    public async Task A_reset_after_send_is_reconciled_and_never_posted_twice()
    {
        await using var h = await PublishingHarness.CreateAsync();
        h.Emulator.InjectFault(CreateRoute, EmulatorFault.ConnectionReset(afterProcessing: true));

        var result = await h.Publisher.PublishAsync(h.ImageRequest());

        Assert.True(result.Reconciled);
        Assert.Single(h.Emulator.Pins);
        Assert.Equal(1, h.CreateCalls());
    }

    [Fact]
    public async Task A_refused_connection_is_retried_and_publishes_once()
    {
        await using var h = await PublishingHarness.CreateAsync();
        h.Emulator.InjectFault(CreateRoute, EmulatorFault.ConnectionRefused());

        var result = await h.DriveAsync(h.Publisher.PublishAsync(h.ImageRequest()), TimeSpan.FromSeconds(1));

        Assert.False(result.Reconciled);
        Assert.Single(h.Emulator.Pins);
    }

    [Fact]
    public async Task A_429_with_retry_after_2_is_retried_after_2_seconds_on_the_clock()
    {
        await using var h = await PublishingHarness.CreateAsync();
        h.Emulator.InjectFault(CreateRoute, EmulatorFault.Status(HttpStatusCode.TooManyRequests, 8, "Too many requests.", retryAfter: TimeSpan.FromSeconds(2)));

        var publish = h.Publisher.PublishAsync(h.ImageRequest());
        await WaitUntil(() => h.CreateCalls() == 1);
        h.Time.Advance(TimeSpan.FromSeconds(1.9));
        await Task.Delay(50);
        Assert.Equal(1, h.CreateCalls());
        Assert.False(publish.IsCompleted);

        h.Time.Advance(TimeSpan.FromSeconds(0.1));
        var result = await publish.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, h.CreateCalls());
        Assert.Equal(Assert.Single(h.Emulator.Pins).Id, result.PinId);
    }

    [Fact]
    public async Task A_spam_429_is_not_retried()
    {
        await using var h = await PublishingHarness.CreateAsync();
        h.Emulator.InjectFault(CreateRoute, EmulatorFault.SpamBlock(TimeSpan.FromSeconds(1)));

        var ex = await Assert.ThrowsAsync<PinterestRateLimitException>(() => h.Publisher.PublishAsync(h.ImageRequest()));

        Assert.True(ex.IsSpamBlock);
        Assert.False(ex.IsTransient);
        Assert.Equal(1, h.CreateCalls());
        Assert.Empty(h.Emulator.Pins);
    }

    [Fact]
    public async Task A_400_from_pinterest_is_surfaced_without_retry()
    {
        await using var h = await PublishingHarness.CreateAsync();
        h.Emulator.InjectFault(CreateRoute, EmulatorFault.Status(HttpStatusCode.BadRequest, 1, "Invalid parameters."));

        var ex = await Assert.ThrowsAsync<PinterestApiException>(() => h.Publisher.PublishAsync(h.ImageRequest()));

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Equal(1, ex.ErrorCode);
        Assert.Equal(1, h.CreateCalls());
    }

    internal static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not become true in time.");
            await Task.Delay(5);
        }
    }
}
