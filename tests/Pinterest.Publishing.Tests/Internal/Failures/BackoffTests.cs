using Pinterest.Publishing.Internal.Failures;

namespace Pinterest.Publishing.Tests.Internal.Failures;

public class BackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(4, 16)]
    [InlineData(5, 30)]
    [InlineData(40, 30)]
    public void Without_jitter_the_delay_doubles_up_to_the_cap(int exponent, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), Backoff.Exponential(Base, exponent, Cap, jitter: null));
    }

    [Theory]
    [InlineData(0.0, 1600)]
    [InlineData(0.5, 2000)]
    [InlineData(0.999_999, 2400)]
    public void Jitter_scales_the_delay_by_eighty_to_one_hundred_and_twenty_percent(double sample, int expectedMs)
    {
        var delay = Backoff.Exponential(Base, 1, Cap, () => sample);

        Assert.Equal(expectedMs, delay.TotalMilliseconds, precision: 0);
    }

    [Fact]
    public void At_the_cap_jitter_spreads_retries_below_it_and_never_above()
    {
        Assert.Equal(TimeSpan.FromSeconds(24), Backoff.Exponential(Base, 10, Cap, () => 0.0));
        Assert.Equal(Cap, Backoff.Exponential(Base, 10, Cap, () => 0.999_999));
    }

    [Fact]
    public void A_jitter_source_out_of_range_is_clamped()
    {
        Assert.Equal(TimeSpan.FromSeconds(0.8), Backoff.Exponential(Base, 0, Cap, () => -5));
        Assert.Equal(TimeSpan.FromSeconds(1.2), Backoff.Exponential(Base, 0, Cap, () => 5));
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(1_000)]
    [InlineData(63)]
    public void Huge_settings_and_exponents_never_overflow(int exponent)
    {
        Assert.Equal(TimeSpan.MaxValue, Backoff.Exponential(TimeSpan.MaxValue, exponent, TimeSpan.MaxValue, jitter: null));
        Assert.Equal(TimeSpan.MaxValue, Backoff.Exponential(TimeSpan.FromDays(1), exponent, TimeSpan.MaxValue, () => 0.999_999));
        Assert.InRange(Backoff.Exponential(TimeSpan.FromDays(1), exponent, TimeSpan.MaxValue, () => 0.0), TimeSpan.FromDays(1), TimeSpan.MaxValue);
    }

    [Fact]
    public void A_negative_exponent_is_the_first_delay()
    {
        Assert.Equal(Base, Backoff.Exponential(Base, -3, Cap, jitter: null));
    }

    [Theory]
    [InlineData(0, 30)]
    [InlineData(-1, 30)]
    [InlineData(1, 0)]
    [InlineData(1, -1)]
    public void A_setting_that_is_not_positive_means_no_wait(int baseSeconds, int capSeconds)
    {
        Assert.Equal(TimeSpan.Zero, Backoff.Exponential(TimeSpan.FromSeconds(baseSeconds), 3, TimeSpan.FromSeconds(capSeconds), () => 0.5));
    }

    [Theory]
    [InlineData(0, 60)]
    [InlineData(1, 120)]
    [InlineData(5, 1920)]
    [InlineData(6, 3600)]
    [InlineData(30, 3600)]
    public void A_rate_limit_without_a_named_wait_waits_a_minute_doubling_to_an_hour_without_jitter(int inARow, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), Backoff.RateLimit(serverWait: null, inARow, new PinterestRetryOptions()));
    }

    [Fact]
    public void A_rate_limit_waits_what_pinterest_names_even_when_shorter_than_the_guess()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), Backoff.RateLimit(TimeSpan.FromSeconds(2), 5, new PinterestRetryOptions()));
        Assert.Equal(TimeSpan.Zero, Backoff.RateLimit(TimeSpan.FromSeconds(-2), 0, new PinterestRetryOptions()));
    }

    [Fact]
    public void The_named_wait_is_retry_after_else_a_reset_still_ahead()
    {
        var now = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        var withReset = new PinterestRateLimitException("limited", 8, "rid", retryAfter: null, isSpamBlock: false) { RateLimit = new PinterestRateLimitInfo { Reset = now.AddSeconds(30) } };
        var withBoth = new PinterestRateLimitException("limited", 8, "rid", TimeSpan.FromSeconds(5), isSpamBlock: false) { RateLimit = new PinterestRateLimitInfo { Reset = now.AddSeconds(30) } };
        var pastReset = new PinterestRateLimitException("limited", 8, "rid", retryAfter: null, isSpamBlock: false) { RateLimit = new PinterestRateLimitInfo { Reset = now.AddSeconds(-30) } };

        Assert.Equal(TimeSpan.FromSeconds(30), Backoff.ServerRateLimitWait(withReset, now));
        Assert.Equal(TimeSpan.FromSeconds(5), Backoff.ServerRateLimitWait(withBoth, now));
        Assert.Null(Backoff.ServerRateLimitWait(pastReset, now));
        Assert.Null(Backoff.ServerRateLimitWait(new InvalidOperationException("not an answer"), now));
    }
}
