using System.Net;
using System.Text.Json;
using Pinterest.Publishing.Api.Models;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Pinterest.Publishing.Tests.Api;

public sealed class PinsClientTests : IDisposable
{
    private const string PinJson = """
        {"id":"813744226420795884","created_at":"2026-11-23T12:00:00","link":"https://example.com/a","title":"T",
         "description":"D","dominant_color":"#6E7874","alt_text":"A","board_id":"549755885175","board_section_id":null,
         "is_owner":true,"creative_type":"REGULAR","media":{"media_type":"image","images":{"150x150":{"width":150,"height":150,"url":"https://i.pinimg.com/x.jpg"}}},
         "brand_new_field":[1,2,3]}
        """;

    private readonly ApiTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    public static TheoryData<string, PinMediaSource, string> MediaSources => new()
    {
        { "image_url", new ImageUrlMediaSource { Url = "https://example.com/a.jpg" }, """{"source_type":"image_url","url":"https://example.com/a.jpg"}""" },
        { "image_base64", new ImageBase64MediaSource { ContentType = "image/png", Data = "iVBORw0KGgo=" }, """{"source_type":"image_base64","content_type":"image/png","data":"iVBORw0KGgo="}""" },
        {
            "multiple_image_urls",
            new MultipleImageUrlsMediaSource
            {
                Items =
                [
                    new ImageUrlItem { Url = "https://example.com/1.jpg", Title = "one", Description = "first", Link = "https://example.com/1" },
                    new ImageUrlItem { Url = "https://example.com/2.jpg" },
                ],
                Index = 1,
            },
            """{"source_type":"multiple_image_urls","items":[{"url":"https://example.com/1.jpg","title":"one","description":"first","link":"https://example.com/1"},{"url":"https://example.com/2.jpg"}],"index":1}"""
        },
        {
            "multiple_image_base64",
            new MultipleImageBase64MediaSource
            {
                Items =
                [
                    new ImageBase64Item { ContentType = "image/jpeg", Data = "AAAA", Title = "t1" },
                    new ImageBase64Item { ContentType = "image/png", Data = "BBBB", Link = "https://example.com/2" },
                ],
            },
            """{"source_type":"multiple_image_base64","items":[{"content_type":"image/jpeg","data":"AAAA","title":"t1"},{"content_type":"image/png","data":"BBBB","link":"https://example.com/2"}]}"""
        },
        { "video_id cover url", new VideoIdMediaSource { MediaId = "12345", CoverImageUrl = "https://example.com/cover.jpg" }, """{"source_type":"video_id","media_id":"12345","cover_image_url":"https://example.com/cover.jpg"}""" },
        { "video_id cover data", new VideoIdMediaSource { MediaId = "12345", CoverImageContentType = "image/jpeg", CoverImageData = "Q09WRVI=" }, """{"source_type":"video_id","media_id":"12345","cover_image_content_type":"image/jpeg","cover_image_data":"Q09WRVI="}""" },
        { "video_id key frame", new VideoIdMediaSource { MediaId = "12345", CoverImageKeyFrameTime = 0 }, """{"source_type":"video_id","media_id":"12345","cover_image_key_frame_time":0}""" },
    };

    [Theory]
    [MemberData(nameof(MediaSources))]
    public async Task Create_sends_every_media_source_variant(string name, PinMediaSource source, string expectedMediaSource)
    {
        _ = name;
        _ctx.Server.Given(Request.Create().WithPath("/v5/pins").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithBody(PinJson));

        var pin = await _ctx.Client().Pins.CreateAsync(new CreatePinRequest
        {
            BoardId = "549755885175",
            BoardSectionId = "5555",
            Title = "T",
            Description = "D",
            Link = "https://example.com/a",
            AltText = "A",
            DominantColor = "#6E7874",
            MediaSource = source,
        });

        Assert.Equal("813744226420795884", pin.Id);
        var request = _ctx.SingleRequest();
        Assert.Equal("POST", request.RequestMessage.Method);
        Assert.Equal("/v5/pins", request.RequestMessage.Path);
        Assert.Equal("Bearer test-access-token", ApiTestContext.Header(request, "Authorization"));
        var body = ApiTestContext.BodyJson(request);
        Assert.Equal("549755885175", body.GetProperty("board_id").GetString());
        Assert.Equal("5555", body.GetProperty("board_section_id").GetString());
        Assert.Equal("T", body.GetProperty("title").GetString());
        Assert.Equal("D", body.GetProperty("description").GetString());
        Assert.Equal("https://example.com/a", body.GetProperty("link").GetString());
        Assert.Equal("A", body.GetProperty("alt_text").GetString());
        Assert.Equal("#6E7874", body.GetProperty("dominant_color").GetString());
        AssertJsonEqual(expectedMediaSource, body.GetProperty("media_source"));
    }

    [Fact]
    public async Task Create_omits_null_fields()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/pins").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(PinJson));

        await _ctx.Client().Pins.CreateAsync(new CreatePinRequest { BoardId = "1", MediaSource = new ImageUrlMediaSource { Url = "https://example.com/a.jpg" } });

        var body = ApiTestContext.BodyJson(_ctx.SingleRequest());
        Assert.Equal(["board_id", "media_source"], body.EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData(200)]
    [InlineData(201)]
    public async Task Create_accepts_200_and_201_and_maps_the_pin(int status)
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/pins").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithBody(PinJson));

        var pin = await _ctx.Client().Pins.CreateAsync(new CreatePinRequest { BoardId = "1", MediaSource = new ImageUrlMediaSource { Url = "https://example.com/a.jpg" } });

        Assert.Equal("813744226420795884", pin.Id);
        Assert.Equal("549755885175", pin.BoardId);
        Assert.Null(pin.BoardSectionId);
        Assert.Equal("https://example.com/a", pin.Link);
        Assert.Equal("#6E7874", pin.DominantColor);
        Assert.True(pin.IsOwner);
        Assert.Equal("image", pin.Media!.MediaType);
        Assert.Equal(150, pin.Media.Images!["150x150"].GetProperty("width").GetInt32());
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero), pin.CreatedAt);
    }

    [Fact]
    public async Task Create_is_not_retried_on_5xx_or_429()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/pins").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1").WithBody("""{"code":8,"message":"Rate limited"}"""));

        var error = await Assert.ThrowsAsync<PinterestRateLimitException>(() =>
            _ctx.WithoutRetryAsync(_ctx.Client().Pins.CreateAsync(new CreatePinRequest { BoardId = "1", MediaSource = new ImageUrlMediaSource { Url = "https://example.com/a.jpg" } })));

        Assert.False(error.IsSpamBlock);
        Assert.Equal(TimeSpan.FromSeconds(1), error.RetryAfter);
        Assert.Single(_ctx.Requests);
        Assert.False(_ctx.Time.HasPendingTimer);
    }

    [Fact]
    public async Task Create_rejects_null_request() =>
        Assert.Equal("request", (await Assert.ThrowsAsync<ArgumentNullException>(() => _ctx.Client().Pins.CreateAsync(null!))).ParamName);

    [Fact]
    public async Task Get_reads_a_pin()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/pins/813744226420795884").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(PinJson));

        var pin = await _ctx.Client().Pins.GetAsync("813744226420795884");

        Assert.Equal("A", pin.AltText);
        var request = _ctx.SingleRequest();
        Assert.Equal("GET", request.RequestMessage.Method);
        Assert.Equal("Bearer test-access-token", ApiTestContext.Header(request, "Authorization"));
        Assert.Null(request.RequestMessage.Body);
    }

    [Fact]
    public async Task Get_escapes_the_pin_id()
    {
        _ctx.Server.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(404).WithBody("""{"code":50,"message":"Pin not found."}"""));

        await Assert.ThrowsAsync<PinterestApiException>(() => _ctx.Client().Pins.GetAsync("a/b?c"));

        Assert.Equal("/v5/pins/a%2Fb%3Fc", new Uri(_ctx.SingleRequest().RequestMessage.Url).AbsolutePath);
    }

    [Fact]
    public async Task Delete_sends_delete_and_accepts_204()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/pins/42").UsingDelete())
            .RespondWith(Response.Create().WithStatusCode(204));

        await _ctx.Client().Pins.DeleteAsync("42");

        var request = _ctx.SingleRequest();
        Assert.Equal("DELETE", request.RequestMessage.Method);
        Assert.Equal("Bearer test-access-token", ApiTestContext.Header(request, "Authorization"));
    }

    [Fact]
    public async Task Delete_maps_pin_not_found()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/pins/42").UsingDelete())
            .RespondWith(Response.Create().WithStatusCode(404).WithHeader("x-pinterest-rid", "rid-1").WithBody("""{"code":50,"message":"Pin not found."}"""));

        var error = await Assert.ThrowsAsync<PinterestApiException>(() => _ctx.WithoutRetryAsync(_ctx.Client().Pins.DeleteAsync("42")));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal(50, error.ErrorCode);
        Assert.Equal("rid-1", error.RequestId);
        Assert.False(error.IsTransient);
        Assert.Contains("delete Pin", error.Message, StringComparison.Ordinal);
        Assert.Contains("Pin not found", error.Message, StringComparison.Ordinal);
        Assert.Single(_ctx.Requests);
    }

    [Fact]
    public async Task GetAnalytics_sends_the_window_and_metrics_and_maps_the_report()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/pins/42/analytics").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""
                {"all":{"daily_metrics":[{"data_status":"READY","date":"2026-11-01","metrics":{"IMPRESSION":240,"SAVE_RATE":0.18}}],
                        "summary_metrics":{"IMPRESSION":240,"SAVE_RATE":0.18},"lifetime_metrics":{"TOTAL_COMMENTS":10}}}
                """));
        var today = DateOnly.FromDateTime(ApiTestContext.Now.UtcDateTime);

        var report = await _ctx.Client().Pins.GetAnalyticsAsync("42", today.AddDays(-30), today, ["IMPRESSION", "SAVE_RATE"], appTypes: "WEB", splitField: "NO_SPLIT");

        var request = _ctx.SingleRequest();
        Assert.Equal("GET", request.RequestMessage.Method);
        Assert.Equal("start_date=2026-10-24&end_date=2026-11-23&metric_types=IMPRESSION,SAVE_RATE&app_types=WEB&split_field=NO_SPLIT", new Uri(request.RequestMessage.Url).Query.TrimStart('?'));
        var all = Assert.IsType<AnalyticsMetrics>(report.All);
        Assert.Equal(240, all.SummaryMetrics!["IMPRESSION"]);
        Assert.Equal(0.18, all.SummaryMetrics["SAVE_RATE"]);
        Assert.Equal(10, all.LifetimeMetrics!["TOTAL_COMMENTS"]);
        var day = Assert.Single(all.DailyMetrics!);
        Assert.Equal(new DateOnly(2026, 11, 1), day.Date);
        Assert.Equal("READY", day.DataStatus);
        Assert.Equal(240, day.Metrics!["IMPRESSION"]);
    }

    [Fact]
    public async Task GetAnalytics_rejects_a_window_Pinterest_rejects_without_calling_it()
    {
        var today = DateOnly.FromDateTime(ApiTestContext.Now.UtcDateTime);
        var pins = _ctx.Client().Pins;

        var tooOld = await Assert.ThrowsAsync<ArgumentException>(() => pins.GetAnalyticsAsync("42", today.AddDays(-91), today.AddDays(-80), ["IMPRESSION"]));
        Assert.Equal("startDate", tooOld.ParamName);
        Assert.Contains("90 days", tooOld.Message, StringComparison.Ordinal);
        var noMetrics = await Assert.ThrowsAsync<ArgumentException>(() => pins.GetAnalyticsAsync("42", today.AddDays(-1), today, []));
        Assert.Equal("metricTypes", noMetrics.ParamName);
        Assert.Empty(_ctx.Requests);
    }

    private static void AssertJsonEqual(string expected, JsonElement actual)
    {
        using var expectedDocument = JsonDocument.Parse(expected);
        Assert.True(JsonElement.DeepEquals(expectedDocument.RootElement, actual), $"Expected {expected} but was {actual.GetRawText()}");
    }
}
