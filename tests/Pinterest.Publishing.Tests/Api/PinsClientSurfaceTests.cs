using System.Net;
using Pinterest.Publishing.Api.Models;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Pinterest.Publishing.Tests.Api;

/// <summary>Pin update, save, the user's Pin list and multi-Pin analytics on the wire (issue 12, item 12).</summary>
public sealed class PinsClientSurfaceTests : IDisposable
{
    private const string PinJson = """{"id":"813744226420795884","board_id":"549755885175","board_section_id":"5555","title":"New title","parent_pin_id":"111","created_at":"2026-11-23T12:00:00"}""";
    private static readonly DateOnly Today = DateOnly.FromDateTime(ApiTestContext.Now.UtcDateTime);

    private readonly ApiTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    [Fact]
    public async Task Update_patches_only_the_fields_set_and_reads_the_pin()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/pins/813744226420795884").UsingPatch())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(PinJson));

        var pin = await _ctx.Client().Pins.UpdateAsync("813744226420795884", new UpdatePinRequest { Title = "New title", BoardSectionId = "5555" });

        Assert.Equal("New title", pin.Title);
        Assert.Equal("5555", pin.BoardSectionId);
        var request = _ctx.SingleRequest();
        Assert.Equal("PATCH", request.RequestMessage.Method);
        Assert.Equal("Bearer test-access-token", ApiTestContext.Header(request, "Authorization"));
        Assert.Equal("""{"title":"New title","board_section_id":"5555"}""", request.RequestMessage.Body);
        Assert.Equal(string.Empty, new Uri(request.RequestMessage.Url).Query);
    }

    [Fact]
    public async Task Update_sends_the_ad_account_id_for_business_access()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/pins/1").UsingPatch()).RespondWith(Response.Create().WithStatusCode(200).WithBody(PinJson));

        await _ctx.Client().Pins.UpdateAsync("1", new UpdatePinRequest { Link = "https://example.com/b" }, adAccountId: "549755885175");

        Assert.Equal("?ad_account_id=549755885175", new Uri(_ctx.SingleRequest().RequestMessage.Url).Query);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12a")]
    [InlineData("1234567890123456789")]
    public async Task An_ad_account_id_that_is_not_up_to_18_digits_is_refused_before_any_call(string adAccountId)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _ctx.Client().Pins.UpdateAsync("1", new UpdatePinRequest { Title = "t" }, adAccountId));

        Assert.Equal("adAccountId", error.ParamName);
        Assert.Contains("18 digits", error.Message, StringComparison.Ordinal);
        Assert.Empty(_ctx.Requests);
    }

    [Fact]
    public async Task Update_of_a_pin_Pinterest_does_not_find_raises_its_error()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/pins/42").UsingPatch())
            .RespondWith(Response.Create().WithStatusCode(404).WithBody("""{"code":50,"message":"Pin not found."}"""));

        var error = await Assert.ThrowsAsync<PinterestApiException>(() => _ctx.WithoutRetryAsync(_ctx.Client().Pins.UpdateAsync("42", new UpdatePinRequest { Title = "t" })));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal(50, error.ErrorCode);
    }

    [Fact]
    public async Task Save_posts_the_board_and_section_and_reads_the_saved_pin()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/pins/111/save").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithBody(PinJson));

        var pin = await _ctx.Client().Pins.SaveAsync("111", new SavePinRequest { BoardId = "549755885175", BoardSectionId = "5555" });

        Assert.Equal("813744226420795884", pin.Id);
        Assert.Equal("111", pin.ParentPinId);
        var request = _ctx.SingleRequest();
        Assert.Equal("POST", request.RequestMessage.Method);
        Assert.Equal("""{"board_id":"549755885175","board_section_id":"5555"}""", request.RequestMessage.Body);
    }

    [Fact]
    public async Task Save_is_not_retried_after_a_server_error()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/pins/111/save").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(503).WithBody("""{"code":1,"message":"Unavailable"}"""));

        await Assert.ThrowsAsync<PinterestApiException>(() => _ctx.WithoutRetryAsync(_ctx.Client().Pins.SaveAsync("111", new SavePinRequest { BoardId = "1" })));

        Assert.Single(_ctx.Requests);
    }

    [Fact]
    public async Task GetPins_sends_every_filter_and_follows_the_bookmark()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/pins").UsingGet().WithParam("bookmark", "b1"))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"items":[{"id":"2"}],"bookmark":null}"""));
        _ctx.Server.Given(Request.Create().WithPath("/v5/pins").UsingGet()).AtPriority(10)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"items":[{"id":"1"}],"bookmark":"b1"}"""));

        var filter = new PinListFilter
        {
            PinFilter = "exclude_repins",
            IncludeProtectedPins = true,
            PinType = "PRIVATE",
            CreativeTypes = ["REGULAR", "VIDEO"],
            AdAccountId = "77",
        };
        var pins = new List<Pin>();
        await foreach (var pin in _ctx.Client().Pins.GetPinsAsync(filter, pageSize: 100))
        {
            pins.Add(pin);
        }

        Assert.Equal(["1", "2"], pins.Select(p => p.Id));
        Assert.Equal(
            [
                "?pin_filter=exclude_repins&include_protected_pins=true&pin_type=PRIVATE&creative_types=REGULAR&creative_types=VIDEO&ad_account_id=77&page_size=100",
                "?pin_filter=exclude_repins&include_protected_pins=true&pin_type=PRIVATE&creative_types=REGULAR&creative_types=VIDEO&ad_account_id=77&page_size=100&bookmark=b1",
            ],
            _ctx.Requests.Select(r => new Uri(r.RequestMessage.Url).Query));
    }

    [Fact]
    public async Task GetPins_without_a_filter_sends_only_the_page_size()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/pins").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"items":[],"bookmark":null}"""));

        await foreach (var unused in _ctx.Client().Pins.GetPinsAsync())
        {
        }

        Assert.Equal("?page_size=25", new Uri(_ctx.SingleRequest().RequestMessage.Url).Query);
    }

    [Fact]
    public async Task GetAnalyticsForPins_sends_each_pin_id_and_reads_a_report_per_pin()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/pins/analytics").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""
                {"11":{"all":{"summary_metrics":{"IMPRESSION":7},"lifetime_metrics":{"TOTAL_COMMENTS":1}}},
                 "22":{"all":{"daily_metrics":[{"date":"2026-11-22","data_status":"READY","metrics":{"IMPRESSION":3}}],"summary_metrics":{"IMPRESSION":3}}}}
                """));

        var reports = await _ctx.Client().Pins.GetAnalyticsForPinsAsync(["11", "22"], Today.AddDays(-7), Today, ["IMPRESSION", "SAVE"], appTypes: "WEB", adAccountId: "9");

        Assert.Equal(7, reports["11"].All!.SummaryMetrics!["IMPRESSION"]);
        Assert.Equal(1, reports["11"].All!.LifetimeMetrics!["TOTAL_COMMENTS"]);
        Assert.Equal(3, Assert.Single(reports["22"].All!.DailyMetrics!).Metrics!["IMPRESSION"]);
        Assert.Equal(
            "?pin_ids=11&pin_ids=22&start_date=2026-11-16&end_date=2026-11-23&metric_types=IMPRESSION,SAVE&app_types=WEB&ad_account_id=9",
            new Uri(_ctx.SingleRequest().RequestMessage.Url).Query);
    }

    [Fact]
    public async Task GetAnalyticsForPins_refuses_more_than_100_pins_before_any_call()
    {
        var ids = Enumerable.Range(1, 101).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _ctx.Client().Pins.GetAnalyticsForPinsAsync(ids, Today.AddDays(-1), Today, ["IMPRESSION"]));

        Assert.Equal("pinIds", error.ParamName);
        Assert.Contains("1 to 100", error.Message, StringComparison.Ordinal);
        Assert.Empty(_ctx.Requests);
    }

    [Fact]
    public async Task GetAnalytics_of_one_pin_sends_the_ad_account_id()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/pins/5/analytics").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"all":{"summary_metrics":{"SAVE":1}}}"""));

        await _ctx.Client().Pins.GetAnalyticsAsync("5", Today.AddDays(-1), Today, ["SAVE"], adAccountId: "123");

        Assert.Equal("?start_date=2026-11-22&end_date=2026-11-23&metric_types=SAVE&ad_account_id=123", new Uri(_ctx.SingleRequest().RequestMessage.Url).Query);
    }
}
