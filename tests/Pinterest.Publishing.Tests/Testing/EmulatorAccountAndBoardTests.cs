using System.Net;
using static Pinterest.Publishing.Tests.TestSupport.EmulatorHarness;

namespace Pinterest.Publishing.Tests.Testing;

public sealed class EmulatorAccountAndBoardTests
{
    [Fact]
    public async Task UserAccountReturnsTheTokenOwner()
    {
        using var h = new EmulatorHarness();
        h.Emulator.AddBoard(h.Account, "One");
        var other = h.Emulator.AddAccount("someone_else");
        h.Emulator.AddBoard(other, "Not mine");

        var response = await h.Client.GetAsync("v5/user_account");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.Contains("x-pinterest-rid"));
        var body = await ReadJsonAsync(response);
        Assert.Equal(h.Account.Id, body.GetProperty("id").GetString());
        Assert.Equal("tester", body.GetProperty("username").GetString());
        Assert.Equal("BUSINESS", body.GetProperty("account_type").GetString());
        Assert.Equal(1, body.GetProperty("board_count").GetInt32());
        Assert.Matches("^\\d+$", h.Account.Id);
    }

    [Fact]
    public async Task UserAccountAnalyticsReturnsDailyAndSummaryMetrics()
    {
        using var h = new EmulatorHarness();
        var response = await h.Client.GetAsync("v5/user_account/analytics?start_date=2026-10-01&end_date=2026-10-31&metric_types=IMPRESSION,SAVE");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var all = (await ReadJsonAsync(response)).GetProperty("all");
        var daily = all.GetProperty("daily_metrics").EnumerateArray().ToList();
        Assert.Equal(31, daily.Count);
        Assert.Equal("2026-10-01", daily[0].GetProperty("date").GetString());
        Assert.Equal("READY", daily[0].GetProperty("data_status").GetString());
        Assert.Equal(daily.Sum(d => d.GetProperty("metrics").GetProperty("SAVE").GetInt64()), all.GetProperty("summary_metrics").GetProperty("SAVE").GetInt64());
        Assert.True(all.GetProperty("summary_metrics").TryGetProperty("IMPRESSION", out _));
    }

    [Theory]
    [InlineData("start_date=2026-07-01&end_date=2026-07-10")] // more than 90 days back from 2026-11-01
    [InlineData("start_date=2026-10-01&end_date=2027-01-15")] // range over 90 days
    [InlineData("start_date=2026-10-10&end_date=2026-10-01")] // end before start
    [InlineData("start_date=10/01/2026&end_date=2026-10-02")] // bad format
    [InlineData("end_date=2026-10-02")] // missing start
    [InlineData("start_date=2026-10-01&end_date=2026-10-02&metric_types=NOPE")]
    public async Task UserAccountAnalyticsRejectsBadWindows(string query)
    {
        using var h = new EmulatorHarness();
        // The spec's example for this operation: code 400 "Invalid user accounts analytics parameters.".
        await AssertErrorAsync(await h.Client.GetAsync("v5/user_account/analytics?" + query), HttpStatusCode.BadRequest, 400);
    }

    [Fact]
    public async Task UserAccountAnalyticsAcceptsExactly90DaysBack()
    {
        using var h = new EmulatorHarness();
        var response = await h.Client.GetAsync("v5/user_account/analytics?start_date=2026-08-03&end_date=2026-11-01");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task CreateAndGetBoard()
    {
        using var h = new EmulatorHarness();
        var created = await h.PostJsonAsync("v5/boards", """{"name":"Recipes","description":"Summer","privacy":"SECRET"}""");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var board = await ReadJsonAsync(created);
        var id = board.GetProperty("id").GetString()!;
        Assert.Matches("^\\d+$", id);
        Assert.Equal("Recipes", board.GetProperty("name").GetString());
        Assert.Equal("SECRET", board.GetProperty("privacy").GetString());
        Assert.Equal("tester", board.GetProperty("owner").GetProperty("username").GetString());

        var fetched = await ReadJsonAsync(await h.Client.GetAsync($"v5/boards/{id}"));
        Assert.Equal("Summer", fetched.GetProperty("description").GetString());
        Assert.Equal(0, fetched.GetProperty("pin_count").GetInt32());
        Assert.Contains(h.Emulator.Boards, b => b.Id == id && b.AccountId == h.Account.Id);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"name":""}""")]
    [InlineData("""{"name":5}""")]
    [InlineData("""{"name":"x","privacy":"FRIENDS"}""")]
    [InlineData("not json")]
    public async Task CreateBoardRejectsInvalidBodies(string json)
    {
        using var h = new EmulatorHarness();
        await AssertErrorAsync(await h.PostJsonAsync("v5/boards", json), HttpStatusCode.BadRequest, 1);
    }

    [Fact]
    public async Task GetBoardRejectsNamesAndUnknownIds()
    {
        using var h = new EmulatorHarness();
        var other = h.Emulator.AddBoard(h.Emulator.AddAccount(), "Other's");
        await AssertErrorAsync(await h.Client.GetAsync("v5/boards/my-board"), HttpStatusCode.BadRequest, 1);
        await AssertErrorAsync(await h.Client.GetAsync("v5/boards/123"), HttpStatusCode.NotFound, 40);
        await AssertErrorAsync(await h.Client.GetAsync($"v5/boards/{other.Id}"), HttpStatusCode.NotFound, 40);
    }

    [Fact]
    public async Task BookmarkPagingVisitsAll600BoardsIn3Pages()
    {
        using var h = new EmulatorHarness();
        for (var i = 0; i < 600; i++)
        {
            h.Emulator.AddBoard(h.Account, $"Board {i}");
        }

        h.Emulator.AddBoard(h.Emulator.AddAccount(), "Someone else's");
        var ids = new List<string>();
        string? bookmark = null;
        var pages = 0;
        do
        {
            var url = "v5/boards?page_size=250" + (bookmark is null ? string.Empty : "&bookmark=" + Uri.EscapeDataString(bookmark));
            var response = await h.Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await ReadJsonAsync(response);
            ids.AddRange(body.GetProperty("items").EnumerateArray().Select(b => b.GetProperty("id").GetString()!));
            var next = body.GetProperty("bookmark");
            bookmark = next.ValueKind == System.Text.Json.JsonValueKind.Null ? null : next.GetString();
            pages++;
        }
        while (bookmark is not null);

        Assert.Equal(3, pages);
        Assert.Equal(600, ids.Count);
        Assert.Equal(600, ids.Distinct().Count());
    }

    [Fact]
    public async Task DefaultPageSizeIs25()
    {
        using var h = new EmulatorHarness();
        for (var i = 0; i < 30; i++)
        {
            h.Emulator.AddBoard(h.Account, $"Board {i}");
        }

        var body = await ReadJsonAsync(await h.Client.GetAsync("v5/boards"));
        Assert.Equal(25, body.GetProperty("items").GetArrayLength());
        Assert.NotNull(body.GetProperty("bookmark").GetString());
    }

    [Theory]
    [InlineData("page_size=0")]
    [InlineData("page_size=251")]
    [InlineData("page_size=abc")]
    [InlineData("bookmark=garbage!")]
    public async Task ListBoardsRejectsBadPaging(string query)
    {
        using var h = new EmulatorHarness();
        await AssertErrorAsync(await h.Client.GetAsync("v5/boards?" + query), HttpStatusCode.BadRequest, 1);
    }

    [Fact]
    public async Task SectionsCanBeCreatedAndListedWithPaging()
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Board");
        var created = await h.PostJsonAsync($"v5/boards/{board.Id}/sections", """{"name":"Salads"}""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var section = await ReadJsonAsync(created);
        Assert.Matches("^\\d+$", section.GetProperty("id").GetString()!);
        Assert.Equal("Salads", section.GetProperty("name").GetString());
        h.Emulator.AddBoardSection(board, "Soups");
        h.Emulator.AddBoardSection(board, "Cakes");

        var first = await ReadJsonAsync(await h.Client.GetAsync($"v5/boards/{board.Id}/sections?page_size=2"));
        Assert.Equal(["Salads", "Soups"], first.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        var bookmark = first.GetProperty("bookmark").GetString();
        var second = await ReadJsonAsync(await h.Client.GetAsync($"v5/boards/{board.Id}/sections?page_size=2&bookmark={bookmark}"));
        Assert.Equal(["Cakes"], second.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, second.GetProperty("bookmark").ValueKind);
    }

    [Fact]
    public async Task SectionRoutesRejectUnknownBoardsAndBadNames()
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Board");
        await AssertErrorAsync(await h.PostJsonAsync("v5/boards/999/sections", """{"name":"x"}"""), HttpStatusCode.NotFound, 40);
        await AssertErrorAsync(await h.Client.GetAsync("v5/boards/999/sections"), HttpStatusCode.NotFound, 40);
        // The spec's example for this operation: code 400 "Invalid board section parameters.".
        await AssertErrorAsync(await h.PostJsonAsync($"v5/boards/{board.Id}/sections", """{"name":""}"""), HttpStatusCode.BadRequest, 400);
        await AssertErrorAsync(await h.PostJsonAsync($"v5/boards/{board.Id}/sections", $$$"""{"name":"{{{new string('a', 181)}}}"}"""), HttpStatusCode.BadRequest, 400);
    }

    [Fact]
    public async Task BoardPinsArePagedNewestFirst()
    {
        // Strictly newest first only when asked: by default the order is mostly newest first (EmulatorBoardPinListingTests).
        using var h = new EmulatorHarness(o => o.BoardPinListingDisorder = 0);
        var board = h.Emulator.AddBoard(h.Account, "Board");
        var otherBoard = h.Emulator.AddBoard(h.Account, "Other");
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            created.Add(h.Emulator.AddPin(board, new Uri($"https://img.example/{i}.jpg"), title: $"Pin {i}").Id);
            h.Time.Advance(TimeSpan.FromMinutes(1));
        }

        h.Emulator.AddPin(otherBoard, new Uri("https://img.example/other.jpg"));

        var seen = new List<string>();
        string? bookmark = null;
        do
        {
            var body = await ReadJsonAsync(await h.Client.GetAsync($"v5/boards/{board.Id}/pins?page_size=2" + (bookmark is null ? string.Empty : "&bookmark=" + bookmark)));
            seen.AddRange(body.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetString()!));
            bookmark = body.GetProperty("bookmark").ValueKind == System.Text.Json.JsonValueKind.Null ? null : body.GetProperty("bookmark").GetString();
        }
        while (bookmark is not null);

        created.Reverse();
        Assert.Equal(created, seen);
        await AssertErrorAsync(await h.Client.GetAsync("v5/boards/424242/pins"), HttpStatusCode.NotFound, 404); // the spec's example code
    }

    [Fact]
    public async Task UnknownRoutesAre404AndWrongMethodsAre405()
    {
        using var h = new EmulatorHarness();
        Assert.Equal(HttpStatusCode.NotFound, (await h.Client.GetAsync("v5/nothing/here")).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await h.Client.DeleteAsync("v5/user_account")).StatusCode);
    }
}
