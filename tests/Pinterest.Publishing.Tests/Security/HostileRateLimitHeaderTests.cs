using System.Net;
using Microsoft.Extensions.Time.Testing;
using Pinterest.Publishing.Api.Internal;

namespace Pinterest.Publishing.Tests.Security;

/// <summary>The error mapper's header parsers are total: any value a server or a proxy sends maps, none throws.</summary>
public class HostileRateLimitHeaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string> HostileHeaders()
    {
        var data = new TheoryData<string, string>();
        string[] values =
        [
            "99999999999999", "253402300799", "253402300800", "9223372036854775807", "-9223372036854775808", "999999999",
            "99999999999999999999", "-1", "0", "1e9", " 5 ", "+5", "5, 6", "Fri, 31 Dec 9999 23:59:59 GMT",
            "Mon, 01 Jan 0001 00:00:00 GMT", "2147483647", "2147483648", new string('9', 10_000), "\u0000", string.Empty,
        ];
        foreach (var name in new[] { "Retry-After", "x-ratelimit-reset", "x-ratelimit-limit", "x-ratelimit-remaining" })
        {
            foreach (var value in values)
            {
                data.Add(name, value);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HostileHeaders))]
    public void A_hostile_header_maps_to_a_value_or_nothing_never_to_an_exception(string name, string value)
    {
        foreach (var clock in new[] { Now, DateTimeOffset.MaxValue.AddSeconds(-1), DateTimeOffset.MinValue })
        {
            using var response = new HttpResponseMessage(HttpStatusCode.InternalServerError);
            response.Headers.TryAddWithoutValidation(name, value);

            var error = PinterestErrorMapper.Create(response.StatusCode, response.Headers, body: null, "create Pin", new FakeTimeProvider(clock));

            Assert.True(error.RetryAfter is null || error.RetryAfter >= TimeSpan.Zero);
        }
    }

    [Theory]
    [InlineData("99999999999999")]
    [InlineData("253402300800")]
    [InlineData("9223372036854775807")]
    public void A_reset_past_what_a_date_can_hold_is_ignored(string reset)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("x-ratelimit-reset", reset);
        response.Headers.TryAddWithoutValidation("x-ratelimit-remaining", "0");

        var rateLimit = PinterestErrorMapper.GetRateLimit(response.Headers, new FakeTimeProvider(Now));

        Assert.NotNull(rateLimit);
        Assert.Null(rateLimit.Reset);
        Assert.Equal(0, rateLimit.Remaining);
    }

    [Fact]
    public void A_reset_delay_past_the_end_of_time_is_ignored_and_a_plausible_one_is_kept()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("x-ratelimit-reset", "60");

        Assert.Null(PinterestErrorMapper.GetRateLimit(response.Headers, new FakeTimeProvider(DateTimeOffset.MaxValue.AddSeconds(-1))));
        Assert.Equal(Now.AddSeconds(60), PinterestErrorMapper.GetRateLimit(response.Headers, new FakeTimeProvider(Now))!.Reset);
        Assert.Equal(DateTimeOffset.MaxValue.AddTicks(-(DateTimeOffset.MaxValue.Ticks % TimeSpan.TicksPerSecond)), FromUnix("253402300799"));
    }

    private static DateTimeOffset? FromUnix(string seconds)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("x-ratelimit-reset", seconds);
        return PinterestErrorMapper.GetRateLimit(response.Headers, new FakeTimeProvider(Now))?.Reset;
    }
}
