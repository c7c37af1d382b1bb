using System.Globalization;
using System.Net;
using System.Text;
using Pinterest.Publishing.Api.Models;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Pinterest.Publishing.Tests.Api;

public sealed class BoardsClientTests : IDisposable
{
    private readonly ApiTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    [Fact]
    public async Task GetBoards_follows_the_bookmark_through_every_page()
    {
        // 600 boards at 250 a page: pages of 250, 250 and 100, the last without a bookmark.
        GivenBoardPage(bookmark: null, first: 0, count: 250, next: "b1");
        GivenBoardPage(bookmark: "b1", first: 250, count: 250, next: "b2");
        GivenBoardPage(bookmark: "b2", first: 500, count: 100, next: null);

        var boards = new List<Board>();
        await foreach (var board in _ctx.Client().Boards.GetBoardsAsync())
        {
            boards.Add(board);
        }

        Assert.Equal(600, boards.Count);
        Assert.Equal(Enumerable.Range(0, 600).Select(i => (1000 + i).ToString(CultureInfo.InvariantCulture)), boards.Select(b => b.Id));
        Assert.Equal(600, boards.Select(b => b.Id).Distinct().Count());
        var queries = _ctx.Requests.Select(r => new Uri(r.RequestMessage.Url).Query).ToList();
        Assert.Equal(["?page_size=250", "?page_size=250&bookmark=b1", "?page_size=250&bookmark=b2"], queries);
        Assert.All(_ctx.Requests, r =>
        {
            Assert.Equal("GET", r.RequestMessage.Method);
            Assert.Equal("/v5/boards", r.RequestMessage.Path);
            Assert.Equal("Bearer test-access-token", ApiTestContext.Header(r, "Authorization"));
        });
    }

    [Fact]
    public async Task GetBoards_maps_board_fields_and_ignores_unknown_ones()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/boards").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""
                {"items":[{"id":"549755885175","name":"Summer recipes","description":"My favorite","privacy":"SOME_NEW_PRIVACY",
                  "created_at":"2020-01-01T20:10:40","pin_count":5,"follower_count":13,"owner":{"username":"someone"},
                  "media":{"image_cover_url":"https://i.pinimg.com/x.jpg"},"is_ads_only":false}],"bookmark":null}
                """));

        var board = Assert.Single(await ToListAsync(_ctx.Client().Boards.GetBoardsAsync(pageSize: 10)));

        Assert.Equal("549755885175", board.Id);
        Assert.Equal("Summer recipes", board.Name);
        Assert.Equal("SOME_NEW_PRIVACY", board.Privacy);
        Assert.Equal(new DateTimeOffset(2020, 1, 1, 20, 10, 40, TimeSpan.Zero), board.CreatedAt);
        Assert.Equal(5, board.PinCount);
        Assert.Equal(13, board.FollowerCount);
        Assert.Equal("someone", board.Owner!.Username);
        Assert.Equal("?page_size=10", new Uri(_ctx.SingleRequest().RequestMessage.Url).Query);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(251)]
    public void GetBoards_rejects_page_sizes_outside_1_to_250(int pageSize)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ctx.Client().Boards.GetBoardsAsync(pageSize));
        Assert.Equal("pageSize", error.ParamName);
    }

    [Fact]
    public async Task GetBoards_stops_when_cancelled_between_pages()
    {
        GivenBoardPage(bookmark: null, first: 0, count: 2, next: "b1");
        GivenBoardPage(bookmark: "b1", first: 2, count: 2, next: null);
        using var cts = new CancellationTokenSource();

        var seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var board in _ctx.Client().Boards.GetBoardsAsync(cancellationToken: cts.Token))
            {
                seen++;
                cts.Cancel();
            }
        });

        Assert.Equal(2, seen);
        Assert.Single(_ctx.Requests);
    }

    [Fact]
    public async Task GetBoards_fails_instead_of_looping_on_a_repeated_bookmark()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/boards").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"items":[{"id":"1","name":"a"}],"bookmark":"same"}"""));

        await Assert.ThrowsAsync<PinterestApiException>(() => ToListAsync(_ctx.Client().Boards.GetBoardsAsync()));

        Assert.Equal(2, _ctx.Requests.Count);
    }

    [Fact]
    public async Task Get_reads_a_board()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/boards/549755885175").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"id":"549755885175","name":"Summer recipes","privacy":"PUBLIC"}"""));

        var board = await _ctx.Client().Boards.GetAsync("549755885175");

        Assert.Equal("Summer recipes", board.Name);
        Assert.Equal("PUBLIC", board.Privacy);
        Assert.Equal("GET", _ctx.SingleRequest().RequestMessage.Method);
    }

    [Fact]
    public async Task Get_maps_board_not_found()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/boards/1").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(404).WithBody("""{"code":40,"message":"Board not found."}"""));

        var error = await Assert.ThrowsAsync<PinterestApiException>(() => _ctx.WithoutRetryAsync(_ctx.Client().Boards.GetAsync("1")));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal(40, error.ErrorCode);
        Assert.Single(_ctx.Requests);
    }

    [Fact]
    public async Task Create_posts_the_board()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/boards").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithBody("""{"id":"777","name":"New","description":"d","privacy":"SECRET"}"""));

        var board = await _ctx.Client().Boards.CreateAsync(new CreateBoardRequest { Name = "New", Description = "d", Privacy = "SECRET" });

        Assert.Equal("777", board.Id);
        var request = _ctx.SingleRequest();
        Assert.Equal("POST", request.RequestMessage.Method);
        Assert.Equal("Bearer test-access-token", ApiTestContext.Header(request, "Authorization"));
        var body = ApiTestContext.BodyJson(request);
        Assert.Equal("New", body.GetProperty("name").GetString());
        Assert.Equal("d", body.GetProperty("description").GetString());
        Assert.Equal("SECRET", body.GetProperty("privacy").GetString());
        Assert.Equal(3, body.EnumerateObject().Count());
    }

    [Fact]
    public async Task Create_is_not_retried_on_502()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/boards").UsingPost()).RespondWith(Response.Create().WithStatusCode(502));

        var error = await Assert.ThrowsAsync<PinterestApiException>(() => _ctx.WithoutRetryAsync(_ctx.Client().Boards.CreateAsync(new CreateBoardRequest { Name = "New" })));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Single(_ctx.Requests);
    }

    [Fact]
    public async Task CreateSection_posts_the_name()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/boards/549755885175/sections").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithBody("""{"id":"5555","name":"Salads"}"""));

        var section = await _ctx.Client().Boards.CreateSectionAsync("549755885175", new CreateBoardSectionRequest { Name = "Salads" });

        Assert.Equal("5555", section.Id);
        Assert.Equal("Salads", section.Name);
        var body = ApiTestContext.BodyJson(_ctx.SingleRequest());
        Assert.Equal("""{"name":"Salads"}""", body.GetRawText());
    }

    [Fact]
    public async Task GetSections_pages_through_every_section()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/boards/9/sections").WithParam("bookmark", "s1").UsingGet())
            .AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"items":[{"id":"3","name":"c"}]}"""));
        _ctx.Server.Given(Request.Create().WithPath("/v5/boards/9/sections").UsingGet())
            .AtPriority(2)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"items":[{"id":"1","name":"a"},{"id":"2","name":"b"}],"bookmark":"s1"}"""));

        var sections = await ToListAsync(_ctx.Client().Boards.GetSectionsAsync("9", pageSize: 2));

        Assert.Equal(["1", "2", "3"], sections.Select(s => s.Id));
        Assert.Equal(["?page_size=2", "?page_size=2&bookmark=s1"], _ctx.Requests.Select(r => new Uri(r.RequestMessage.Url).Query));
    }

    [Fact]
    public async Task GetPins_pages_through_the_board_pins()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/boards/9/pins").WithParam("bookmark", "p1").UsingGet())
            .AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"items":[{"id":"30","board_id":"9"}],"bookmark":""}"""));
        _ctx.Server.Given(Request.Create().WithPath("/v5/boards/9/pins").UsingGet())
            .AtPriority(2)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"items":[{"id":"10","board_id":"9","created_at":"2026-11-23T11:59:00"},{"id":"20","board_id":"9"}],"bookmark":"p1"}"""));

        var pins = await ToListAsync(_ctx.Client().Boards.GetPinsAsync("9"));

        Assert.Equal(["10", "20", "30"], pins.Select(p => p.Id));
        Assert.Equal(["?page_size=25", "?page_size=25&bookmark=p1"], _ctx.Requests.Select(r => new Uri(r.RequestMessage.Url).Query));
    }

    [Fact]
    public async Task Paged_calls_retry_a_transient_failure_of_a_page()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/boards").UsingGet()).InScenario("s").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(500));
        _ctx.Server.Given(Request.Create().WithPath("/v5/boards").UsingGet()).InScenario("s").WhenStateIs("ok")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"items":[{"id":"1","name":"a"}]}"""));

        var boards = await _ctx.RunWithRetriesAsync(ToListAsync(_ctx.Client().Boards.GetBoardsAsync()));

        Assert.Single(boards);
        Assert.Equal(2, _ctx.Requests.Count);
    }

    private void GivenBoardPage(string? bookmark, int first, int count, string? next)
    {
        var json = new StringBuilder("{\"items\":[");
        for (var i = 0; i < count; i++)
        {
            json.Append(i == 0 ? string.Empty : ",").Append(CultureInfo.InvariantCulture, $"{{\"id\":\"{1000 + first + i}\",\"name\":\"Board {first + i}\"}}");
        }

        json.Append(']').Append(next is null ? string.Empty : $",\"bookmark\":\"{next}\"").Append('}');
        var request = Request.Create().WithPath("/v5/boards").UsingGet();
        if (bookmark is not null)
        {
            request = request.WithParam("bookmark", bookmark);
        }

        _ctx.Server.Given(request).AtPriority(bookmark is null ? 10 : 1)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(json.ToString()));
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}
