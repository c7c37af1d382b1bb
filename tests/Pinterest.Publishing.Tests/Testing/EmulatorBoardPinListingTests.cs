using System.Globalization;
using System.Net;
using System.Text.Json;
using Pinterest.Publishing.Testing;
using static Pinterest.Publishing.Tests.TestSupport.EmulatorHarness;

namespace Pinterest.Publishing.Tests.Testing;

/// <summary>
/// <c>GET /v5/boards/{board_id}/pins</c> behaves as Pinterest's: no strict order (mostly newest first) and a new Pin
/// is listed only some time after it was created, while reading it by id works at once.
/// </summary>
public sealed class EmulatorBoardPinListingTests
{
    [Fact]
    public async Task A_new_pin_is_left_out_of_its_boards_listing_until_the_listing_delay_has_passed_but_is_readable_by_id_at_once()
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Board");
        Assert.Equal(TimeSpan.FromSeconds(5), h.Emulator.Options.BoardPinListingDelay);

        var pinId = await h.CreatePinAsync(board.Id, """{"source_type":"image_url","url":"https://img.example/a.jpg"}""");

        Assert.Equal(HttpStatusCode.OK, (await h.Client.GetAsync($"v5/pins/{pinId}")).StatusCode);
        Assert.Empty(await ListAsync(h, board.Id));
        h.Time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Empty(await ListAsync(h, board.Id));
        h.Time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal([pinId], await ListAsync(h, board.Id));
    }

    [Fact]
    public async Task Pins_added_directly_lag_too_and_a_zero_delay_lists_them_at_once()
    {
        using var lagging = new EmulatorHarness(o => o.BoardPinListingDelay = TimeSpan.FromSeconds(30));
        var board = lagging.Emulator.AddBoard(lagging.Account, "Board");
        lagging.Emulator.AddPin(board, new Uri("https://img.example/a.jpg"));
        lagging.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(await ListAsync(lagging, board.Id));

        using var immediate = new EmulatorHarness(o => o.BoardPinListingDelay = TimeSpan.Zero);
        var other = immediate.Emulator.AddBoard(immediate.Account, "Board");
        var pin = immediate.Emulator.AddPin(other, new Uri("https://img.example/a.jpg"));
        Assert.Equal([pin.Id], await ListAsync(immediate, other.Id));
    }

    [Fact]
    public async Task By_default_a_boards_pins_are_listed_mostly_newest_first_each_once_and_at_most_one_place_off()
    {
        using var h = new EmulatorHarness();
        var newestFirst = AddPins(h, 40, out var board);

        var listed = await ListAsync(h, board.Id, pageSize: 7);

        Assert.NotEqual(newestFirst, listed);
        Assert.Equal(newestFirst.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        Assert.All(listed.Select((id, position) => (id, position)), x => Assert.InRange(newestFirst.IndexOf(x.id) - x.position, -1, 1));

        // Mostly newest first: about a quarter of the pairs are swapped.
        var swappedPairs = Enumerable.Range(0, 20).Count(pair => listed[2 * pair] != newestFirst[2 * pair]);
        Assert.InRange(swappedPairs, 1, 10);
    }

    [Fact]
    public async Task The_order_is_the_same_for_the_same_seed_and_differs_for_another()
    {
        using var first = new EmulatorHarness(o => o.BoardPinListingSeed = 11);
        using var second = new EmulatorHarness(o => o.BoardPinListingSeed = 11);
        using var third = new EmulatorHarness(o => o.BoardPinListingSeed = 12);
        AddPins(first, 40, out var board1);
        AddPins(second, 40, out var board2);
        AddPins(third, 40, out var board3);

        var one = await ListAsync(first, board1.Id, pageSize: 9);
        var two = await ListAsync(second, board2.Id);
        var three = await ListAsync(third, board3.Id);

        Assert.Equal(one, two);
        Assert.NotEqual(one, three);
    }

    [Fact]
    public async Task A_disorder_of_one_swaps_every_neighbouring_pair_and_zero_lists_strictly_newest_first()
    {
        using var swapped = new EmulatorHarness(o => o.BoardPinListingDisorder = 1);
        var newestFirst = AddPins(swapped, 5, out var board);
        Assert.Equal([newestFirst[1], newestFirst[0], newestFirst[3], newestFirst[2], newestFirst[4]], await ListAsync(swapped, board.Id, pageSize: 2));

        using var strict = new EmulatorHarness(o => o.BoardPinListingDisorder = 0);
        var strictOrder = AddPins(strict, 30, out var strictBoard);
        Assert.Equal(strictOrder, await ListAsync(strict, strictBoard.Id, pageSize: 4));
    }

    [Theory]
    [InlineData(-1, 0.25, "BoardPinListingDelay")]
    [InlineData(0, -0.1, "BoardPinListingDisorder")]
    [InlineData(0, 1.5, "BoardPinListingDisorder")]
    [InlineData(0, double.NaN, "BoardPinListingDisorder")]
    public void Listing_settings_out_of_range_are_refused_naming_the_setting(int delaySeconds, double disorder, string setting)
    {
        var options = new PinterestEmulatorOptions { BoardPinListingDelay = TimeSpan.FromSeconds(delaySeconds), BoardPinListingDisorder = disorder };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new PinterestEmulator(options));

        Assert.Contains("PinterestEmulatorOptions." + setting, error.Message, StringComparison.Ordinal);
    }

    /// <summary>Adds <paramref name="count"/> Pins a second apart to a new board and lets the listing delay pass.</summary>
    /// <returns>Their ids, newest first.</returns>
    private static List<string> AddPins(EmulatorHarness h, int count, out EmulatedBoard board)
    {
        board = h.Emulator.AddBoard(h.Account, "Board");
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(h.Emulator.AddPin(board, new Uri(string.Create(CultureInfo.InvariantCulture, $"https://img.example/{i}.jpg"))).Id);
            h.Time.Advance(TimeSpan.FromSeconds(1));
        }

        h.Time.Advance(h.Emulator.Options.BoardPinListingDelay);
        ids.Reverse();
        return ids;
    }

    /// <summary>Every Pin id the board's listing gives, following the bookmark.</summary>
    private static async Task<List<string>> ListAsync(EmulatorHarness h, string boardId, int pageSize = 25)
    {
        var ids = new List<string>();
        string? bookmark = null;
        do
        {
            var body = await ReadJsonAsync(await h.Client.GetAsync($"v5/boards/{boardId}/pins?page_size={pageSize}" + (bookmark is null ? string.Empty : "&bookmark=" + bookmark)));
            ids.AddRange(body.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetString()!));
            bookmark = body.GetProperty("bookmark").ValueKind == JsonValueKind.Null ? null : body.GetProperty("bookmark").GetString();
        }
        while (bookmark is not null);

        return ids;
    }
}
