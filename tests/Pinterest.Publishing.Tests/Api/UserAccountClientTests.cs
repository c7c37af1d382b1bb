using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Pinterest.Publishing.Tests.Api;

public sealed class UserAccountClientTests : IDisposable
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(ApiTestContext.Now.UtcDateTime);
    private readonly ApiTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    [Fact]
    public async Task Get_reads_the_account()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/user_account").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""
                {"account_type":"BUSINESS","id":"2783136121146311751","profile_image":"https://i.pinimg.com/p.jpg","website_url":"https://example.com",
                 "username":"someone","business_name":"Shop","board_count":14,"pin_count":339,"follower_count":10,"following_count":347,"monthly_views":163,
                 "about":"hi","some_new":"x"}
                """));

        var account = await _ctx.Client().UserAccount.GetAsync();

        Assert.Equal("2783136121146311751", account.Id);
        Assert.Equal("someone", account.Username);
        Assert.Equal("BUSINESS", account.AccountType);
        Assert.Equal("Shop", account.BusinessName);
        Assert.Equal(14, account.BoardCount);
        Assert.Equal(339, account.PinCount);
        Assert.Equal(10, account.FollowerCount);
        var request = _ctx.SingleRequest();
        Assert.Equal("GET", request.RequestMessage.Method);
        Assert.Equal("/v5/user_account", request.RequestMessage.Path);
        Assert.Equal("Bearer test-access-token", ApiTestContext.Header(request, "Authorization"));
        Assert.Equal(string.Empty, new Uri(request.RequestMessage.Url).Query);
    }

    [Fact]
    public async Task GetAnalytics_sends_the_window_and_reads_the_report()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/user_account/analytics").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""
                {"all":{"daily_metrics":[{"data_status":"READY","date":"2026-11-22","metrics":{"IMPRESSION":5}}],"summary_metrics":{"IMPRESSION":5,"ENGAGEMENT":1}},
                 "WEB":{"summary_metrics":{"IMPRESSION":2}}}
                """));

        var report = await _ctx.Client().UserAccount.GetAnalyticsAsync(Today.AddDays(-90), Today, ["IMPRESSION", "ENGAGEMENT"], splitField: "APP_TYPE");

        Assert.Equal(5, report.All!.SummaryMetrics!["IMPRESSION"]);
        Assert.Equal(2, report.Groups["WEB"].SummaryMetrics!["IMPRESSION"]);
        Assert.Equal("?start_date=2026-08-25&end_date=2026-11-23&metric_types=IMPRESSION,ENGAGEMENT&split_field=APP_TYPE", new Uri(_ctx.SingleRequest().RequestMessage.Url).Query);
    }

    [Fact]
    public async Task GetAnalytics_without_metrics_sends_only_the_window()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/user_account/analytics").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"all":{"summary_metrics":{}}}"""));

        await _ctx.Client().UserAccount.GetAnalyticsAsync(Today.AddDays(-7), Today.AddDays(-1));

        Assert.Equal("?start_date=2026-11-16&end_date=2026-11-22", new Uri(_ctx.SingleRequest().RequestMessage.Url).Query);
    }

    [Fact]
    public async Task GetAnalytics_rejects_a_start_more_than_90_days_back()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _ctx.Client().UserAccount.GetAnalyticsAsync(Today.AddDays(-91), Today.AddDays(-1)));

        Assert.Equal("startDate", error.ParamName);
        Assert.Contains("more than 90 days before today", error.Message, StringComparison.Ordinal);
        Assert.Empty(_ctx.Requests);
    }

    [Fact]
    public async Task GetAnalytics_rejects_a_range_over_90_days()
    {
        // Starts 30 days back but ends 61 days ahead: a 91-day range.
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _ctx.Client().UserAccount.GetAnalyticsAsync(Today.AddDays(-30), Today.AddDays(61)));

        Assert.Equal("endDate", error.ParamName);
        Assert.Contains("at most 90 days", error.Message, StringComparison.Ordinal);
        Assert.Empty(_ctx.Requests);
    }

    [Fact]
    public async Task GetAnalytics_rejects_an_end_before_the_start()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _ctx.Client().UserAccount.GetAnalyticsAsync(Today, Today.AddDays(-1)));

        Assert.Equal("endDate", error.ParamName);
        Assert.Contains("before the start date", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAnalytics_uses_the_time_provider_for_today()
    {
        // 91 days before the fake "now" is rejected; after the clock moves one day it is accepted.
        _ctx.Server.Given(Request.Create().WithPath("/v5/user_account/analytics").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"all":{}}"""));
        var start = Today.AddDays(-90);
        var client = _ctx.Client();
        await client.UserAccount.GetAnalyticsAsync(start, start);

        _ctx.Time.Advance(TimeSpan.FromDays(1));

        await Assert.ThrowsAsync<ArgumentException>(() => client.UserAccount.GetAnalyticsAsync(start, start));
        Assert.Single(_ctx.Requests);
    }
}
