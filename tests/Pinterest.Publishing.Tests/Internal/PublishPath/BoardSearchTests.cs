using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pinterest.Publishing.Api.Models;
using Pinterest.Publishing.Internal.PublishPath;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Pinterest.Publishing.Tests.Internal.PublishPath;

/// <summary>
/// One search of the board after an ambiguous create, on the wire: it reads past Pins older than the attempt (a board's
/// Pins are listed in no strict order) until several in a row are older, and it searches again only when a later
/// listing may answer differently.
/// </summary>
public sealed class BoardSearchTests : IDisposable
{
    private const string Older = "2026-11-22T12:00:00";
    private readonly ApiTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    [Fact]
    public async Task A_search_reads_past_nine_older_pins_to_the_match_listed_after_them()
    {
        GivenCreateFails();
        GivenListing([.. OlderPins(BoardSearch.ConsecutiveOlderPinsToStop - 1), Match("99")]);

        var (pin, reconciled) = await Creator().CreateAsync(_ctx.Client(), Body(), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(reconciled);
        Assert.Equal("99", pin.Id);
        Assert.Single(Listings());
    }

    [Fact]
    public async Task A_search_stops_after_ten_older_pins_in_a_row_and_never_claims_a_pin_listed_after_them()
    {
        GivenCreateFails();
        GivenListing([.. OlderPins(BoardSearch.ConsecutiveOlderPinsToStop), Match("99")], bookmark: "next");
        _ctx.Server.Given(Request.Create().WithPath("/v5/boards/1/pins").WithParam("bookmark", "next").UsingGet())
            .AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"items":[],"bookmark":null}"""));

        var creator = new DuplicateSafePinCreator(_ctx.Time, new PinterestRetryOptions(), _ctx.LoggerFactory.CreateLogger(PublishPathLog.CategoryName));

        var error = await Assert.ThrowsAsync<PinterestPublishOutcomeUnknownException>(
            () => DriveAsync(creator.CreateAsync(_ctx.Client(), Body(), CancellationToken.None)));

        Assert.Contains("no matching Pin was found", error.Message, StringComparison.Ordinal);
        Assert.Contains("searched 4 times over 43 s", error.Message, StringComparison.Ordinal);
        Assert.Equal(BoardSearch.SearchAgainAfter.Length, _ctx.Logs.GetSnapshot().Count(r => r.Id.Name == "PinBoardSearchedAgain"));

        // Each of the four searches read one page and stopped there: the second page was never asked for.
        Assert.Equal(1 + BoardSearch.SearchAgainAfter.Length, Listings().Length);
        Assert.DoesNotContain(Listings(), r => r.RequestMessage.Url.Contains("bookmark=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_pin_without_a_creation_time_neither_ends_the_run_of_older_pins_nor_is_skipped()
    {
        GivenCreateFails();
        GivenListing([.. OlderPins(5), """{"id":"50","board_id":"1","title":"Other"}""", .. OlderPins(5, firstId: 60), Match("99", createdAt: null)]);

        var (pin, _) = await Creator().CreateAsync(_ctx.Client(), Body(), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("99", pin.Id);
    }

    [Fact]
    public async Task A_listing_refused_with_403_ends_the_search_at_once_as_an_unknown_outcome()
    {
        GivenCreateFails();
        _ctx.Server.Given(Request.Create().WithPath("/v5/boards/1/pins").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(403).WithBody("""{"code":29,"message":"You do not have permission to view this board."}"""));

        var error = await Assert.ThrowsAsync<PinterestPublishOutcomeUnknownException>(
            () => Creator().CreateAsync(_ctx.Client(), Body(), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Contains("could not be searched for it (HTTP 403)", error.Message, StringComparison.Ordinal);
        Assert.Single(Listings());
    }

    private static CreatePinRequest Body() => new()
    {
        BoardId = "1",
        Title = "Search",
        MediaSource = new ImageUrlMediaSource { Url = "https://cdn.example.com/a.jpg" },
    };

    private static string Match(string id, string? createdAt = "2026-11-23T12:00:00") =>
        createdAt is null
            ? $$"""{"id":"{{id}}","board_id":"1","title":"Search"}"""
            : $$"""{"id":"{{id}}","board_id":"1","title":"Search","created_at":"{{createdAt}}"}""";

    private static IEnumerable<string> OlderPins(int count, int firstId = 1) =>
        Enumerable.Range(firstId, count).Select(i => string.Create(CultureInfo.InvariantCulture, $$"""{"id":"{{i}}","board_id":"1","title":"Search","created_at":"{{Older}}"}"""));

    private DuplicateSafePinCreator Creator() => new(_ctx.Time, new PinterestRetryOptions(), NullLogger.Instance);

    private void GivenCreateFails() =>
        _ctx.Server.Given(Request.Create().WithPath("/v5/pins").UsingPost()).RespondWith(Response.Create().WithStatusCode(502));

    private void GivenListing(IEnumerable<string> pins, string? bookmark = null) =>
        _ctx.Server.Given(Request.Create().WithPath("/v5/boards/1/pins").UsingGet())
            .AtPriority(10)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(
                "{\"items\":[" + string.Join(',', pins) + "],\"bookmark\":" + (bookmark is null ? "null" : "\"" + bookmark + "\"") + "}"));

    private WireMock.Logging.ILogEntry[] Listings() => _ctx.Requests.Where(r => r.RequestMessage.Method == "GET").ToArray();

    /// <summary>Advances the fake clock by each wait before searching again, once the search waits on it.</summary>
    private async Task<T> DriveAsync<T>(Task<T> task)
    {
        foreach (var wait in BoardSearch.SearchAgainAfter)
        {
            await _ctx.Time.WhenTimerStartedAsync(wait);
            _ctx.Time.Advance(wait);
        }

        return await task.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
