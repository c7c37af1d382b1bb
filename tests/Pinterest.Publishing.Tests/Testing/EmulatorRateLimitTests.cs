using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Pinterest.Publishing.Testing;
using static Pinterest.Publishing.Tests.TestSupport.EmulatorHarness;

namespace Pinterest.Publishing.Tests.Testing;

/// <summary>
/// The emulator limits requests like Pinterest: per user and category per minute (Standard access), per app per day
/// (Trial access), answering 429 code 8 without headers unless asked for them.
/// </summary>
public sealed class EmulatorRateLimitTests
{
    [Fact]
    public async Task Standard_limits_count_each_category_of_each_user_apart()
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Board");
        var other = Authenticated(h, h.Emulator.AddAccount());
        h.Emulator.SetRateLimit(EmulatorRateLimit.Standard(orgReadPerMinute: 5, orgWritePerMinute: 1, orgAnalyticsPerMinute: 1));

        Assert.Equal(HttpStatusCode.Created, (await CreatePinAsync(h.Client, board.Id)).StatusCode);
        var limited = await CreatePinAsync(h.Client, board.Id);
        var read = await h.Client.GetAsync($"v5/boards/{board.Id}");
        var analytics = await h.Client.GetAsync("v5/user_account/analytics?start_date=2026-10-01&end_date=2026-10-03");
        var analyticsAgain = await h.Client.GetAsync("v5/user_account/analytics?start_date=2026-10-01&end_date=2026-10-03");
        var otherUsersWrite = await other.PostAsync("v5/boards", Json("""{"name":"Theirs"}"""));

        await AssertErrorAsync(limited, HttpStatusCode.TooManyRequests, 8);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.OK, analytics.StatusCode);
        await AssertErrorAsync(analyticsAgain, HttpStatusCode.TooManyRequests, 8);
        Assert.Equal(HttpStatusCode.Created, otherUsersWrite.StatusCode);
        Assert.False(limited.Headers.Contains("Retry-After"));
        Assert.False(limited.Headers.Contains("x-ratelimit-remaining"));

        h.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Created, (await CreatePinAsync(h.Client, board.Id)).StatusCode);
    }

    [Fact]
    public async Task A_trial_budget_is_per_app_and_day_and_starts_again_at_the_reset_time()
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Board");
        var other = Authenticated(h, h.Emulator.AddAccount());
        h.Emulator.SetRateLimit(EmulatorRateLimit.Trial(requestsPerDay: 3) with { DailyResetTime = TimeSpan.FromHours(8) });

        Assert.Equal(HttpStatusCode.OK, (await h.Client.GetAsync("v5/user_account")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await CreatePinAsync(h.Client, board.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("v5/boards")).StatusCode);

        // Every user and category shares the budget; refused requests are not counted.
        await AssertErrorAsync(await other.GetAsync("v5/user_account"), HttpStatusCode.TooManyRequests, 8);
        await AssertErrorAsync(await CreatePinAsync(h.Client, board.Id), HttpStatusCode.TooManyRequests, 8);

        // The harness clock says 12:00 UTC: the budget starts again at 08:00 the next day, not 24 hours after first use.
        h.Time.Advance(TimeSpan.FromHours(19) + TimeSpan.FromMinutes(59));
        await AssertErrorAsync(await CreatePinAsync(h.Client, board.Id), HttpStatusCode.TooManyRequests, 8);
        h.Time.Advance(TimeSpan.FromMinutes(1));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await CreatePinAsync(h.Client, board.Id)).StatusCode);
        }

        await AssertErrorAsync(await CreatePinAsync(h.Client, board.Id), HttpStatusCode.TooManyRequests, 8);
    }

    [Fact]
    public async Task A_trial_app_has_a_daily_budget_per_category_within_its_overall_daily_budget()
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Board");
        var other = Authenticated(h, h.Emulator.AddAccount());
        h.Emulator.SetRateLimit(EmulatorRateLimit.Trial(requestsPerDay: 5, orgWritePerDay: 2));

        // org_write: two for the whole app, whichever user sends them.
        Assert.Equal(HttpStatusCode.Created, (await CreatePinAsync(h.Client, board.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await other.PostAsync("v5/boards", Json("""{"name":"Theirs"}"""))).StatusCode);
        await AssertErrorAsync(await CreatePinAsync(h.Client, board.Id), HttpStatusCode.TooManyRequests, 8);

        // org_read still has budget, until the app's five requests a day are spent.
        Assert.Equal(HttpStatusCode.OK, (await h.Client.GetAsync("v5/user_account")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("v5/boards")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await h.Client.GetAsync($"v5/boards/{board.Id}")).StatusCode);
        await AssertErrorAsync(await h.Client.GetAsync("v5/user_account"), HttpStatusCode.TooManyRequests, 8);

        h.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(HttpStatusCode.Created, (await CreatePinAsync(h.Client, board.Id)).StatusCode);
    }

    [Fact]
    public async Task A_429_has_the_shape_and_wording_of_pinterests_api_description()
    {
        using var h = new EmulatorHarness();
        h.Emulator.SetRateLimit(EmulatorRateLimit.Standard(orgReadPerMinute: 0));

        var body = await AssertErrorAsync(await h.Client.GetAsync("v5/user_account"), HttpStatusCode.TooManyRequests, 8);

        // The 429 example of GET /v5/pins/analytics in Pinterest's OpenAPI description: only code and message.
        Assert.Equal(
            "This request exceeded a rate limit. This can happen if the client exceeds one of the published rate limits within a short time window.",
            body.GetProperty("message").GetString());
        Assert.Equal(["code", "message"], body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_rate_limit_headers_and_retry_after_are_sent_only_when_asked_for()
    {
        using var h = new EmulatorHarness();
        h.Emulator.SetRateLimit(EmulatorRateLimit.Trial(requestsPerDay: 1) with { SendRetryAfter = true, SendRateLimitHeaders = true });
        await h.Client.GetAsync("v5/user_account");

        var limited = await h.Client.GetAsync("v5/user_account");

        await AssertErrorAsync(limited, HttpStatusCode.TooManyRequests, 8);
        var midnight = new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal((12 * 3600).ToString(CultureInfo.InvariantCulture), limited.Headers.GetValues("Retry-After").Single());
        Assert.Equal("1", limited.Headers.GetValues("x-ratelimit-limit").Single());
        Assert.Equal("0", limited.Headers.GetValues("x-ratelimit-remaining").Single());
        Assert.Equal(midnight.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), limited.Headers.GetValues("x-ratelimit-reset").Single());
    }

    [Fact]
    public void Limits_refuse_impossible_settings()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EmulatorRateLimit.Trial(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => EmulatorRateLimit.Trial(orgReadPerDay: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => EmulatorRateLimit.Standard(orgWritePerMinute: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => EmulatorRateLimit.PerUser(1, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => EmulatorRateLimit.Trial() with { DailyResetTime = TimeSpan.FromDays(1) });
    }

    private static Task<HttpResponseMessage> CreatePinAsync(HttpClient client, string boardId) =>
        client.PostAsync("v5/pins", Json($$$"""{"board_id":"{{{boardId}}}","media_source":{"source_type":"image_url","url":"https://img.example/a.jpg"}}"""));

    private static HttpClient Authenticated(EmulatorHarness h, EmulatedAccount account)
    {
        var client = h.Emulator.CreateHttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", h.Emulator.IssueTokens(account).AccessToken);
        return client;
    }
}
