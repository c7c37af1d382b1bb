using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Publishing.Internal.PublishPath;
using Pinterest.Publishing.Testing;
using static Pinterest.Publishing.Tests.Internal.PublishPath.PublisherFaultTests;

namespace Pinterest.Publishing.Tests.Internal.PublishPath;

/// <summary>
/// After an ambiguous create, the board is searched as Pinterest lists it: in no strict order and some time after the
/// write. The search reads past older Pins and searches again with backoff before calling the outcome unknown, and it
/// never claims a Pin that may be an identical draft's.
/// </summary>
public class ReconciliationSearchTests
{
    private const string CreateRoute = "POST /v5/pins";
    private const string BoardPinsRoute = "GET /v5/boards/*/pins";

    [Fact]
    public async Task A_pin_listed_behind_an_older_pin_is_found_not_reported_unknown()
    {
        // Every neighbouring pair swapped: the new Pin is listed after the board's older Pin.
        await using var h = await PublishingHarness.CreateAsync(configureEmulator: o => (o.BoardPinListingDelay, o.BoardPinListingDisorder) = (TimeSpan.Zero, 1));
        var older = h.Emulator.AddPin(h.Board, new Uri("https://img.example/older.jpg"), "Last week's Pin");
        h.Time.Advance(TimeSpan.FromHours(1));
        h.Emulator.InjectFault(CreateRoute, EmulatorFault.Status(HttpStatusCode.ServiceUnavailable, afterProcessing: true));

        var result = await h.Publisher.PublishAsync(h.ImageRequest("Behind an older Pin")).WaitAsync(TimeSpan.FromSeconds(30));

        var pin = Assert.Single(h.Emulator.Pins, p => p.Id != older.Id);
        Assert.True(result.Reconciled);
        Assert.Equal(pin.Id, result.PinId);
        Assert.Equal(1, h.CreateCalls());
        Assert.Single(h.BoardListings());
    }

    [Fact]
    public async Task A_pin_the_listing_hides_for_8_seconds_is_found_by_searching_the_board_again()
    {
        await using var h = await PublishingHarness.CreateAsync(configureEmulator: o => (o.BoardPinListingDelay, o.BoardPinListingDisorder) = (TimeSpan.FromSeconds(8), 0));
        h.Emulator.InjectFault(CreateRoute, EmulatorFault.Status(HttpStatusCode.ServiceUnavailable, afterProcessing: true));

        var result = await h.DriveAsync(h.Publisher.PublishAsync(h.ImageRequest("Not listed yet")), TimeSpan.FromSeconds(1));

        Assert.True(result.Reconciled);
        Assert.Equal(Assert.Single(h.Emulator.Pins).Id, result.PinId);
        Assert.Equal(1, h.CreateCalls());

        // Searched at once and 3 s later (not listed yet), found 10 s after that.
        var listings = h.BoardListings();
        Assert.Equal(3, listings.Length);
        Assert.True(listings[1].ReceivedAt - listings[0].ReceivedAt >= BoardSearch.SearchAgainAfter[0]);
        Assert.True(listings[2].ReceivedAt - listings[1].ReceivedAt >= BoardSearch.SearchAgainAfter[1]);
    }

    [Fact]
    public async Task A_pin_that_never_appears_is_an_unknown_outcome_after_the_board_was_searched_four_times()
    {
        await using var h = await PublishingHarness.CreateAsync();
        h.Emulator.InjectFault(CreateRoute, EmulatorFault.Status(HttpStatusCode.ServiceUnavailable));
        var startedAt = h.Time.GetUtcNow();

        var ex = await Assert.ThrowsAsync<PinterestPublishOutcomeUnknownException>(
            () => h.DriveAsync(h.Publisher.PublishAsync(h.ImageRequest("Never stored")), TimeSpan.FromSeconds(1)));

        Assert.Empty(h.Emulator.Pins);
        Assert.Equal(1, h.CreateCalls());
        Assert.Equal(startedAt, ex.AttemptStartedAt);
        Assert.Contains("no matching Pin was found", ex.Message, StringComparison.Ordinal);
        Assert.Contains("searched 4 times over ", ex.Message, StringComparison.Ordinal);

        // Once at once, then after 3, 10 and 30 seconds: exactly one listing each (the board holds one page).
        var listings = h.BoardListings();
        Assert.Equal(1 + BoardSearch.SearchAgainAfter.Length, listings.Length);
        for (var i = 1; i < listings.Length; i++)
        {
            Assert.True(listings[i].ReceivedAt - listings[i - 1].ReceivedAt >= BoardSearch.SearchAgainAfter[i - 1], $"Search {i + 1} came too early.");
        }
    }

    [Fact]
    public async Task A_board_listing_that_fails_with_5xx_is_searched_again_and_the_pin_found()
    {
        await using var h = await PublishingHarness.CreateAsync(
            configureOptions: o => o.Retry.MaxRetries = 1,
            configureEmulator: PublishingHarness.StrictBoardListing);
        h.Emulator.InjectFault(CreateRoute, EmulatorFault.Status(HttpStatusCode.InternalServerError, afterProcessing: true));
        var listingFaults = h.Emulator.InjectFault(BoardPinsRoute, EmulatorFault.Status(HttpStatusCode.ServiceUnavailable), count: 2);

        var result = await h.DriveAsync(h.Publisher.PublishAsync(h.ImageRequest("Listing down")), TimeSpan.FromSeconds(1));

        Assert.True(result.Reconciled);
        Assert.Equal(Assert.Single(h.Emulator.Pins).Id, result.PinId);
        Assert.Equal(2, listingFaults.AppliedCount);
        Assert.Equal(3, h.BoardListings().Length);
    }

    [Fact]
    public async Task An_identical_drafts_pin_listed_out_of_order_is_never_claimed_in_any_search()
    {
        await using var h = await PublishingHarness.CreateAsync(configureEmulator: o => (o.BoardPinListingDelay, o.BoardPinListingDisorder) = (TimeSpan.Zero, 1));
        h.Emulator.AddPin(h.Board, new Uri("https://img.example/other.jpg"), "Last week's Pin");
        h.Time.Advance(TimeSpan.FromHours(1));
        var twin = await h.Publisher.PublishAsync(h.ImageRequest("Twin"));
        h.Emulator.InjectFault(CreateRoute, EmulatorFault.Status(HttpStatusCode.ServiceUnavailable));

        // The twin's Pin matches the second draft exactly and is listed behind an older Pin; it is the first publish's.
        await Assert.ThrowsAsync<PinterestPublishOutcomeUnknownException>(
            () => h.DriveAsync(h.Publisher.PublishAsync(h.ImageRequest("Twin")), TimeSpan.FromSeconds(1)));

        Assert.Equal(2, h.Emulator.Pins.Count);
        Assert.Contains(h.Emulator.Pins, p => p.Id == twin.PinId);
        Assert.Equal(4, h.BoardListings().Length);
    }

    [Fact]
    public async Task A_pin_seen_while_an_identical_create_was_in_flight_is_not_claimed_once_that_create_failed_ambiguously()
    {
        var holder = new CreateAnswerHolder();
        await using var h = await PublishingHarness.CreateAsync(
            services => services.AddHttpClient(PinterestHttpClientNames.Api).AddHttpMessageHandler(() => holder),
            configureEmulator: PublishingHarness.StrictBoardListing);
        var requestA = h.ImageRequest("Twin campaign") with { Media = PinMedia.Image(h.Host("large-1000x1500.jpg", "image/jpeg")) };
        var requestB = h.ImageRequest("Twin campaign") with { Media = PinMedia.Image(h.Host("large-1000x1500.png", "image/png")) };

        // A's create is stored by Pinterest; its answer is held.
        var publishA = h.Publisher.PublishAsync(requestA);
        await holder.Held.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var pinOfA = Assert.Single(h.Emulator.Pins).Id;

        // B's create fails before Pinterest stored anything. B's first search sees A's Pin while A is in flight.
        h.Emulator.InjectFault(CreateRoute, EmulatorFault.Status(HttpStatusCode.ServiceUnavailable));
        var publishB = h.Publisher.PublishAsync(requestB);
        await WaitUntil(() => h.BoardListings().Length == 1);

        // A's answer is lost (a reset after sending): A is no longer in flight, but nobody knows its Pin is A's.
        holder.Fail();
        await WaitUntil(() => h.BoardListings().Length == 2);

        var outcomeB = await Outcome(h.DriveAsync(publishB, TimeSpan.FromSeconds(1)));
        var outcomeA = await Outcome(h.DriveAsync(publishA, TimeSpan.FromSeconds(1)));

        // B's image was never posted: its searches again must not take A's Pin for B's.
        Assert.IsType<PinterestPublishOutcomeUnknownException>(outcomeB.Error);
        Assert.True(outcomeA.Result?.PinId == pinOfA || outcomeA.Error is PinterestPublishOutcomeUnknownException, $"A ended as {outcomeA}.");
        Assert.Equal(pinOfA, Assert.Single(h.Emulator.Pins).Id);
    }

    [Fact]
    public async Task A_twins_pin_listed_only_after_its_create_failed_ambiguously_is_never_claimed()
    {
        // Pinterest lists the board's Pins 5 s late (the emulator's default).
        var holder = new CreateAnswerHolder();
        await using var h = await PublishingHarness.CreateAsync(
            services => services.AddHttpClient(PinterestHttpClientNames.Api).AddHttpMessageHandler(() => holder),
            configureEmulator: o => o.BoardPinListingDisorder = 0);
        var requestA = h.ImageRequest("Late twin") with { Media = PinMedia.Image(h.Host("large-1000x1500.jpg", "image/jpeg")) };
        var requestB = h.ImageRequest("Late twin") with { Media = PinMedia.Image(h.Host("large-1000x1500.png", "image/png")) };

        // A's create is stored by Pinterest at 0 s; its answer is held. B's create fails before anything is stored.
        var publishA = h.Publisher.PublishAsync(requestA);
        await holder.Held.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var pinOfA = Assert.Single(h.Emulator.Pins).Id;
        h.Emulator.InjectFault(CreateRoute, EmulatorFault.Status(HttpStatusCode.ServiceUnavailable));
        var publishB = h.Publisher.PublishAsync(requestB);
        await WaitUntil(() => h.BoardListings().Length == 1);

        // At 1 s A's answer is lost: A is no longer in flight. B searches again at 3 s and 13 s, A at 1, 4 and 14 s, so
        // B is the first to see A's Pin (listed from 5 s), when no create is in flight any more.
        h.Time.Advance(TimeSpan.FromSeconds(1));
        holder.Fail();
        await WaitUntil(() => h.BoardListings().Length == 2);
        var outcomeB = await Outcome(h.DriveAsync(publishB, TimeSpan.FromSeconds(1)));
        var outcomeA = await Outcome(h.DriveAsync(publishA, TimeSpan.FromSeconds(1)));

        var unknown = Assert.IsType<PinterestPublishOutcomeUnknownException>(outcomeB.Error);
        Assert.Contains("identical draft", unknown.Message, StringComparison.Ordinal);
        Assert.True(outcomeA.Result?.PinId == pinOfA || outcomeA.Error is PinterestPublishOutcomeUnknownException, $"A ended as {outcomeA}.");
        Assert.Equal(pinOfA, Assert.Single(h.Emulator.Pins).Id);
    }

    [Fact]
    public async Task Cancelling_while_waiting_to_search_again_is_an_unknown_outcome_not_a_cancellation()
    {
        await using var h = await PublishingHarness.CreateAsync(configureEmulator: PublishingHarness.StrictBoardListing);
        h.Emulator.InjectFault(CreateRoute, EmulatorFault.Status(HttpStatusCode.BadGateway));
        using var cancellation = new CancellationTokenSource();

        var publish = h.Publisher.PublishAsync(h.ImageRequest("Lease ends"), cancellation.Token);
        await WaitUntil(() => h.BoardListings().Length == 1);
        await cancellation.CancelAsync();

        var ex = await Assert.ThrowsAsync<PinterestPublishOutcomeUnknownException>(() => publish.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("cancelled", ex.Message, StringComparison.Ordinal);
        Assert.Single(h.BoardListings());
        Assert.Equal(1, h.CreateCalls());
    }

    private static async Task<(PublishPinResult? Result, Exception? Error)> Outcome(Task<PublishPinResult> publish)
    {
        try
        {
            return (await publish, null);
        }
        catch (Exception ex)
        {
            return (null, ex);
        }
    }
}
