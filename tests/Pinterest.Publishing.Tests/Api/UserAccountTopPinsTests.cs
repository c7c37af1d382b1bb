using Pinterest.Publishing.Api.Models;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Pinterest.Publishing.Tests.Api;

/// <summary>Top Pins and top video Pins analytics and the account analytics filters on the wire (issue 12, item 12).</summary>
public sealed class UserAccountTopPinsTests : IDisposable
{
    private const string TopPinsJson = """
        {"date_availability":{"is_realtime":false,"latest_available_timestamp":1649116799000},
         "pins":[{"pin_id":"642396334344813594","metrics":{"IMPRESSION":240,"SAVE":20},"data_status":{"IMPRESSION":"READY","SAVE":"PROCESSING"}}],
         "sort_by":"IMPRESSION"}
        """;

    private static readonly DateOnly Today = DateOnly.FromDateTime(ApiTestContext.Now.UtcDateTime);

    private readonly ApiTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    [Fact]
    public async Task GetTopPins_sends_the_sort_count_and_filters_and_reads_the_pins()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/user_account/analytics/top_pins").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(TopPinsJson));
        var filter = new AccountAnalyticsFilter { FromClaimedContent = "CLAIMED", PinFormat = "ORGANIC_IMAGE", ContentType = "ORGANIC", Source = "YOUR_PINS", AdAccountId = "3" };

        var report = await _ctx.Client().UserAccount.GetTopPinsAsync(Today.AddDays(-30), Today, "IMPRESSION", new TopPinsQuery { MetricTypes = ["IMPRESSION", "SAVE"], PinCount = 50, CreatedInLastDays = 30, AppTypes = "MOBILE", Filter = filter });

        Assert.Equal("IMPRESSION", report.SortBy);
        Assert.False(report.DateAvailability!.IsRealtime);
        Assert.Equal(1649116799000, report.DateAvailability.LatestAvailableTimestamp);
        var pin = Assert.Single(report.Pins!);
        Assert.Equal("642396334344813594", pin.PinId);
        Assert.Equal(240, pin.Metrics!["IMPRESSION"]);
        Assert.Equal("PROCESSING", pin.DataStatus!["SAVE"]);
        Assert.Equal(
            "?start_date=2026-10-24&end_date=2026-11-23&sort_by=IMPRESSION&metric_types=IMPRESSION,SAVE&num_of_pins=50&created_in_last_n_days=30&app_types=MOBILE"
            + "&from_claimed_content=CLAIMED&pin_format=ORGANIC_IMAGE&content_type=ORGANIC&source=YOUR_PINS&ad_account_id=3",
            new Uri(_ctx.SingleRequest().RequestMessage.Url).Query);
    }

    [Fact]
    public async Task GetTopVideoPins_calls_its_own_path_with_only_what_is_set()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/user_account/analytics/top_video_pins").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(TopPinsJson.Replace("\"sort_by\":\"IMPRESSION\"", "\"sort_by\":\"VIDEO_START\"", StringComparison.Ordinal)));

        var report = await _ctx.Client().UserAccount.GetTopVideoPinsAsync(Today.AddDays(-7), Today, "VIDEO_START");

        Assert.Equal("VIDEO_START", report.SortBy);
        Assert.Equal("?start_date=2026-11-16&end_date=2026-11-23&sort_by=VIDEO_START", new Uri(_ctx.SingleRequest().RequestMessage.Url).Query);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(51)]
    public async Task GetTopPins_refuses_a_pin_count_outside_1_to_50_before_any_call(int count)
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _ctx.Client().UserAccount.GetTopPinsAsync(Today.AddDays(-1), Today, "SAVE", new TopPinsQuery { PinCount = count }));

        Assert.Equal("query", error.ParamName);
        Assert.Contains("TopPinsQuery.PinCount", error.Message, StringComparison.Ordinal);
        Assert.Empty(_ctx.Requests);
    }

    [Fact]
    public async Task GetTopPins_applies_the_analytics_window_rules()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _ctx.Client().UserAccount.GetTopPinsAsync(Today.AddDays(-91), Today, "SAVE"));

        Assert.Empty(_ctx.Requests);
    }

    [Fact]
    public async Task GetAnalytics_sends_the_account_filters()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/user_account/analytics").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"all":{"summary_metrics":{"IMPRESSION":1}}}"""));

        await _ctx.Client().UserAccount.GetAnalyticsAsync(Today.AddDays(-1), Today, splitField: "PIN_FORMAT", filter: new AccountAnalyticsFilter { Source = "OTHER_PINS", AdAccountId = "8" });

        Assert.Equal("?start_date=2026-11-22&end_date=2026-11-23&split_field=PIN_FORMAT&source=OTHER_PINS&ad_account_id=8", new Uri(_ctx.SingleRequest().RequestMessage.Url).Query);
    }
}
