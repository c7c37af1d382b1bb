using Pinterest.Publishing.Api.Models;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Pinterest.Publishing.Tests.Api;

/// <summary>
/// A 429 without <c>Retry-After</c> (Pinterest documents none) on an idempotent call: retried once after
/// <c>Retry:RateLimitDelay</c> (a minute: Standard limits are per minute) while that is within
/// <c>Retry:MaxRetryAfter</c>, never after seconds; a longer wait surfaces at once with the category of the limit.
/// </summary>
public sealed class RateLimitRetryTests : IDisposable
{
    private const string Limited = """{"code":8,"message":"You have exceeded your rate limit. Try again later."}""";

    private readonly ApiTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    [Fact]
    public async Task A_get_answered_429_without_retry_after_is_retried_after_a_minute_not_after_seconds()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/user_account").UsingGet()).InScenario("limit").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(429).WithBody(Limited));
        _ctx.Server.Given(Request.Create().WithPath("/v5/user_account").UsingGet()).InScenario("limit").WhenStateIs("ok")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"username":"u"}"""));
        var task = _ctx.Client().UserAccount.GetAsync();

        var delay = await _ctx.Time.NextTimerAsync();
        _ctx.Time.Advance(delay - TimeSpan.FromMilliseconds(1));
        Assert.Single(_ctx.Requests);
        _ctx.Time.Advance(TimeSpan.FromMilliseconds(1));
        var account = await task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(TimeSpan.FromMinutes(1), delay);
        Assert.Equal("u", account.Username);
        Assert.Equal(2, _ctx.Requests.Count);
    }

    [Fact]
    public async Task A_second_429_surfaces_instead_of_waiting_past_max_retry_after()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/boards/1").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(429).WithBody(Limited));
        var task = _ctx.Client().Boards.GetAsync("1");

        _ctx.Time.Advance(await _ctx.Time.NextTimerAsync());
        var error = await Assert.ThrowsAsync<PinterestRateLimitException>(() => task.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(2, _ctx.Requests.Count);
        Assert.False(_ctx.Time.HasPendingTimer);
        Assert.Equal("org_read", error.RateLimitCategory);
        Assert.Null(error.RetryAfter);
    }

    [Fact]
    public async Task With_max_retry_after_below_the_rate_limit_delay_a_429_surfaces_at_once()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/user_account/analytics").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(429).WithBody(Limited));

        var error = await Assert.ThrowsAsync<PinterestRateLimitException>(() =>
            _ctx.Client(o => o.Retry.MaxRetryAfter = TimeSpan.FromSeconds(30)).UserAccount.GetAnalyticsAsync(
                new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 2)).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Single(_ctx.Requests);
        Assert.False(_ctx.Time.HasPendingTimer);
        Assert.Equal("org_analytics", error.RateLimitCategory);
    }

    [Fact]
    public async Task The_rate_limit_reset_header_sets_the_wait_when_pinterest_sends_it()
    {
        var reset = ApiTestContext.Now.AddSeconds(20).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        _ctx.Server.Given(Request.Create().WithPath("/v5/user_account").UsingGet()).InScenario("reset").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("x-ratelimit-reset", reset).WithBody(Limited));
        _ctx.Server.Given(Request.Create().WithPath("/v5/user_account").UsingGet()).InScenario("reset").WhenStateIs("ok")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"username":"u"}"""));
        var task = _ctx.Client().UserAccount.GetAsync();

        var delay = await _ctx.Time.NextTimerAsync();
        _ctx.Time.Advance(delay);
        await task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(20), delay);
    }

    [Fact]
    public async Task Max_retry_after_caps_only_the_waits_pinterest_asks_for_not_the_backoff_of_other_failures()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/user_account").UsingGet()).InScenario("flaky").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(503));
        _ctx.Server.Given(Request.Create().WithPath("/v5/user_account").UsingGet()).InScenario("flaky").WhenStateIs("ok")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"username":"u"}"""));
        var task = _ctx.Client(o => o.Retry.MaxRetryAfter = TimeSpan.Zero).UserAccount.GetAsync();

        _ctx.Time.Advance(await _ctx.Time.NextTimerAsync());
        await task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, _ctx.Requests.Count);
    }
}
