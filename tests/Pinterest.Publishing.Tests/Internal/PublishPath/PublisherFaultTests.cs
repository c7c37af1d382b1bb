using System.Net;
using Pinterest.Publishing.Testing;

namespace Pinterest.Publishing.Tests.Internal.PublishPath;

public class PublisherFaultTests
{
    private const string CreateRoute = "POST /v5/pins";

    [Fact]
    public async Task A_create_that_times_out_after_the_pin_was_stored_is_reconciled_to_that_pin()
    {
        // The board lists the Pin at once: the first search finds it (later searches: ReconciliationSearchTests).
        await using var h = await PublishingHarness.CreateAsync(configureEmulator: PublishingHarness.StrictBoardListing);
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
        // The board lists the Pin at once: the first search finds it (later searches: ReconciliationSearchTests).
        await using var h = await PublishingHarness.CreateAsync(configureEmulator: PublishingHarness.StrictBoardListing);
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
        var startedAt = h.Time.GetUtcNow();

        // Unknown only once the board has been searched again (on the clock) and still holds no such Pin.
        var ex = await Assert.ThrowsAsync<PinterestPublishOutcomeUnknownException>(() => h.DriveAsync(h.Publisher.PublishAsync(h.ImageRequest()), TimeSpan.FromSeconds(1)));

        Assert.Empty(h.Emulator.Pins);
        Assert.Equal(1, h.CreateCalls());
        Assert.Equal(startedAt, ex.AttemptStartedAt);
    }

    [Fact]
    public async Task A_reset_after_send_is_reconciled_and_never_posted_twice()
    {
        // The board lists the Pin at once: the first search finds it (later searches: ReconciliationSearchTests).
        await using var h = await PublishingHarness.CreateAsync(configureEmulator: PublishingHarness.StrictBoardListing);
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
    public async Task A_failed_token_refresh_before_the_create_is_retried_not_reconciled()
    {
        await using var h = await PublishingHarness.CreateAsync();
        h.Emulator.InjectFault("POST /v5/pins", EmulatorFault.Status(HttpStatusCode.Unauthorized, 2, "Authentication failed."));
        // Refused connections: the refresh surely was not processed (a 5xx might have spent the refresh token, and
        // then nothing retries it at once: see TokenLifetimeEndToEndTests).
        h.Emulator.InjectFault("POST /v5/oauth/token", EmulatorFault.ConnectionRefused(), count: 4);

        var result = await h.DriveAsync(h.Publisher.PublishAsync(h.ImageRequest()), TimeSpan.FromSeconds(5));

        // The 401 proves the first create was not processed, so the failed refresh is followed by a second create
        // (with the still-valid token), not by a search of the board.
        Assert.False(result.Reconciled);
        Assert.Equal(2, h.CreateCalls());
        Assert.Equal(result.PinId, Assert.Single(h.Emulator.Pins).Id);
        Assert.DoesNotContain(h.Emulator.Requests, r => r.Path.EndsWith("/pins", StringComparison.Ordinal) && r.Method == "GET");
    }

    [Fact]
    public async Task A_429_with_retry_after_2_is_retried_after_2_seconds_on_the_clock()
    {
        await using var h = await PublishingHarness.CreateAsync();
        h.Emulator.InjectFault(CreateRoute, EmulatorFault.Status(HttpStatusCode.TooManyRequests, 8, "Too many requests.", retryAfter: TimeSpan.FromSeconds(2)));

        var publish = h.Publisher.PublishAsync(h.ImageRequest());
        // Advance only once the 2 s wait has started on the clock: time moved before it would be lost to it.
        await h.Time.WhenTimerStartedAsync(TimeSpan.FromSeconds(2));
        h.Time.Advance(TimeSpan.FromSeconds(1.9));
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

    [Fact]
    public async Task An_identical_draft_whose_create_failed_before_storing_is_not_given_its_twins_pin()
    {
        await using var h = await PublishingHarness.CreateAsync();
        var first = await h.Publisher.PublishAsync(h.ImageRequest("Twin"));
        h.Emulator.InjectFault(CreateRoute, EmulatorFault.Status(HttpStatusCode.ServiceUnavailable));

        // The board holds a Pin matching the second draft exactly, but it is the first publish's: reporting it would
        // tell the caller a Pin exists that was never made.
        await Assert.ThrowsAsync<PinterestPublishOutcomeUnknownException>(() => h.DriveAsync(h.Publisher.PublishAsync(h.ImageRequest("Twin")), TimeSpan.FromSeconds(1)));

        Assert.Equal(first.PinId, Assert.Single(h.Emulator.Pins).Id);
        Assert.Equal(2, h.CreateCalls());
    }

    [Fact]
    public async Task A_reconciliation_skips_a_newer_identical_pin_that_another_publish_made()
    {
        // The board lists the Pin at once: the first search finds it (later searches: ReconciliationSearchTests).
        await using var h = await PublishingHarness.CreateAsync(configureEmulator: PublishingHarness.StrictBoardListing);
        h.Emulator.InjectFault(CreateRoute, EmulatorFault.Timeout(afterProcessing: true));
        h.Emulator.InjectFault("GET /v5/boards/*/pins", EmulatorFault.DelayBy(TimeSpan.FromSeconds(10)));

        // The first publish's create stores its Pin and times out; its board scan is held while an identical draft
        // publishes normally, so the board's newest matching Pin is the twin's, not the first publish's.
        var first = h.Publisher.PublishAsync(h.ImageRequest("Twin"));
        await WaitUntil(() => h.Emulator.Requests.Any(r => r.Method == "GET" && r.Path.EndsWith("/pins", StringComparison.Ordinal)));
        var ownPin = Assert.Single(h.Emulator.Pins).Id;
        var twin = await h.Publisher.PublishAsync(h.ImageRequest("Twin"));
        h.Time.Advance(TimeSpan.FromSeconds(10));
        var result = await first.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(result.Reconciled);
        Assert.Equal(ownPin, result.PinId);
        Assert.NotEqual(twin.PinId, result.PinId);
        Assert.Equal(2, h.Emulator.Pins.Count);
    }

    [Fact]
    public async Task Cancelling_while_the_board_is_searched_after_an_ambiguous_create_is_an_unknown_outcome_not_a_cancellation()
    {
        // A scheduler's lease ending mid-search must not look like "cancelled before sending": a retry would post twice.
        await using var h = await PublishingHarness.CreateAsync();
        h.Emulator.InjectFault(CreateRoute, EmulatorFault.Status(HttpStatusCode.BadGateway, afterProcessing: true));
        h.Emulator.InjectFault("GET /v5/boards/*/pins", EmulatorFault.DelayBy(TimeSpan.FromHours(1)));
        using var cancellation = new CancellationTokenSource();

        var publish = h.Publisher.PublishAsync(h.ImageRequest("Cut short"), cancellation.Token);
        await WaitUntil(() => h.Emulator.Requests.Any(r => r.Method == "GET" && r.Path.EndsWith("/pins", StringComparison.Ordinal)));
        await cancellation.CancelAsync();

        var ex = await Assert.ThrowsAsync<PinterestPublishOutcomeUnknownException>(() => publish.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Single(h.Emulator.Pins);
        Assert.Equal(1, h.CreateCalls());
        Assert.Contains("cancelled", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_with_the_create_in_flight_reports_an_unknown_outcome()
    {
        await using var h = await PublishingHarness.CreateAsync();
        h.Emulator.InjectFault("POST /v5/pins", EmulatorFault.DelayBy(TimeSpan.FromMinutes(1)));
        using var cts = new CancellationTokenSource();

        var publish = h.Publisher.PublishAsync(h.ImageRequest(), cts.Token);
        await WaitUntil(() => h.CreateCalls() == 1);
        await cts.CancelAsync();

        await Assert.ThrowsAsync<PinterestPublishOutcomeUnknownException>(() => publish);
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
