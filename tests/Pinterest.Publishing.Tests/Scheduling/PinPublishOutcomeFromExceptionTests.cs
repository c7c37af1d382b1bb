using System.Net;
using Pinterest.Publishing.Scheduling;

namespace Pinterest.Publishing.Tests.Scheduling;

/// <summary>
/// <c>PinPublishOutcome.FromException</c> gives a host's own job system the dispatcher's decisions: the retry time of a
/// rate limit (not counted) and of a spam block, reauthorize, missing scope, unknown, and a rejection after the last
/// attempt; defaults apply when no options are given.
/// </summary>
public sealed class PinPublishOutcomeFromExceptionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_rate_limit_retries_at_the_end_of_its_wait_without_spending_an_attempt()
    {
        var retry = Assert.IsType<PinPublishOutcome.RetryAt>(PinPublishOutcome.FromException(
            new PinterestRateLimitException("slow down", 8, "rid", TimeSpan.FromMinutes(7), isSpamBlock: false), 3, Now));

        Assert.Equal(Now + TimeSpan.FromMinutes(7), retry.At);
        Assert.False(retry.CountsAsAttempt);
    }

    [Fact]
    public void A_spam_block_waits_the_spam_block_delay_of_the_options_given()
    {
        var options = new PinSchedulingOptions { SpamBlockDelay = TimeSpan.FromHours(2) };

        var retry = Assert.IsType<PinPublishOutcome.RetryAt>(PinPublishOutcome.FromException(
            new PinterestRateLimitException("spam", 8, "rid", null, isSpamBlock: true), 1, Now, options));

        Assert.Equal(Now + TimeSpan.FromHours(2), retry.At);
        Assert.True(retry.CountsAsAttempt);
    }

    [Fact]
    public void Account_failures_and_ambiguous_creates_are_final_with_their_kind()
    {
        Assert.IsType<PinPublishOutcome.Reauthorize>(PinPublishOutcome.FromException(new PinterestReauthorizationRequiredException("reconnect", "acct"), 1, Now));
        var scope = Assert.IsType<PinPublishOutcome.MissingScope>(PinPublishOutcome.FromException(
            new PinterestInsufficientScopeException("scope", ["pins:write"], "rid"), 1, Now));
        Assert.Equal(["pins:write"], scope.RequiredScopes);
        Assert.IsType<PinPublishOutcome.AppCredentialsRejected>(PinPublishOutcome.FromException(new PinterestAppCredentialsException("app"), 1, Now));
        var unknown = Assert.IsType<PinPublishOutcome.Unknown>(PinPublishOutcome.FromException(new PinterestPublishOutcomeUnknownException("?", Now.AddSeconds(-5)), 1, Now));
        Assert.Equal(Now.AddSeconds(-5), unknown.AttemptStartedAt);
    }

    [Fact]
    public void A_transient_failure_backs_off_and_is_rejected_after_the_last_attempt()
    {
        var outage = new PinterestApiException("down", HttpStatusCode.ServiceUnavailable, null, "rid");
        var defaults = new PinSchedulingOptions();

        var first = Assert.IsType<PinPublishOutcome.RetryAt>(PinPublishOutcome.FromException(outage, 1, Now));
        var last = Assert.IsType<PinPublishOutcome.Rejected>(PinPublishOutcome.FromException(outage, defaults.MaxAttempts, Now));

        Assert.Equal(Now + defaults.RetryBaseDelay, first.At);
        Assert.Equal(["http.503"], last.Codes);
    }

    [Fact]
    public void A_result_is_published_and_arguments_are_checked()
    {
        var published = Assert.IsType<PinPublishOutcome.Published>(PinPublishOutcome.FromResult(new PublishPinResult { PinId = "42" }));
        Assert.Equal("42", published.PinId);
        Assert.Throws<ArgumentOutOfRangeException>(() => PinPublishOutcome.FromException(new InvalidOperationException(), 0, Now));
        Assert.Throws<ArgumentNullException>(() => PinPublishOutcome.FromException(null!, 1, Now));
    }
}
