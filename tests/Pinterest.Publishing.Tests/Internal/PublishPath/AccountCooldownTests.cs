using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Publishing.Scheduling;
using Pinterest.Publishing.Testing;

namespace Pinterest.Publishing.Tests.Internal.PublishPath;

/// <summary>
/// A rate-limited or spam-blocked account cools down as a whole in this process: every publish of the account waits
/// for the end of the cool-down without sending a request, while other accounts publish as usual.
/// </summary>
public class AccountCooldownTests
{
    private const string CreateRoute = "POST /v5/pins";
    private const string OtherAccountId = "acct-2";

    private static EmulatorFault RateLimited() =>
        EmulatorFault.Status(HttpStatusCode.TooManyRequests, 8, "You have exceeded your rate limit. Try again later.");

    [Fact]
    public async Task A_429_without_retry_after_is_not_posted_again_within_60_seconds()
    {
        await using var h = await PublishingHarness.CreateAsync();
        h.Emulator.InjectFault(CreateRoute, RateLimited());

        var publish = h.Publisher.PublishAsync(h.ImageRequest());
        await h.Time.WhenTimerStartedAsync(TimeSpan.FromSeconds(60));
        h.Time.Advance(TimeSpan.FromSeconds(59));
        await Task.Yield();

        Assert.Equal(1, h.CreateCalls());
        Assert.False(publish.IsCompleted);

        h.Time.Advance(TimeSpan.FromSeconds(1));
        var result = await publish.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, h.CreateCalls());
        Assert.Equal(Assert.Single(h.Emulator.Pins).Id, result.PinId);
    }

    [Fact]
    public async Task After_a_429_no_other_pin_of_the_account_is_sent_until_the_cool_down_ends_while_other_accounts_publish()
    {
        await using var h = await PublishingHarness.CreateAsync();
        var (_, boards) = await h.ConnectAccountsAsync(2, a => a == 0 ? PublishingHarness.AccountId : OtherAccountId, _ => false);
        h.Emulator.InjectFault(CreateRoute, RateLimited());
        var first = h.Publisher.PublishAsync(h.ImageRequest("First"));
        await h.Time.WhenTimerStartedAsync(TimeSpan.FromSeconds(60));

        var waiting = await Assert.ThrowsAsync<PinterestRateLimitException>(() => PublishAsync(h, h.ImageRequest("Second")));
        var other = await PublishAsync(h, h.ImageRequest("Other account") with { AccountId = OtherAccountId, BoardId = boards[1].Id });

        // The cooling account sent nothing more: one create (the 429) and the other account's.
        Assert.Equal(2, ApiRequests(h));
        Assert.Equal(TimeSpan.FromSeconds(60), waiting.RetryAfter);
        Assert.Equal("org_write", waiting.RateLimitCategory);
        Assert.False(waiting.IsSpamBlock);
        Assert.True(waiting.IsTransient);
        Assert.Contains(PublishingHarness.AccountId, waiting.Message, StringComparison.Ordinal);
        Assert.Contains("no request was sent", waiting.Message, StringComparison.Ordinal);
        Assert.Equal(other.PinId, Assert.Single(h.Emulator.Pins).Id);

        // At the end of the cool-down the first Pin's own retry goes out, and the account publishes again.
        h.Time.Advance(TimeSpan.FromSeconds(60));
        await first.WaitAsync(TimeSpan.FromSeconds(30));
        await PublishAsync(h, h.ImageRequest("Third"));

        Assert.Equal(3, h.Emulator.Pins.Count);
    }

    [Fact]
    public async Task A_429_whose_wait_exceeds_max_retry_after_surfaces_with_the_wait_and_the_category()
    {
        await using var h = await PublishingHarness.CreateAsync(configureOptions: o => o.Retry.MaxRetryAfter = TimeSpan.Zero);
        h.Emulator.InjectFault(CreateRoute, RateLimited());

        var limited = await Assert.ThrowsAsync<PinterestRateLimitException>(() => PublishAsync(h, h.ImageRequest()));

        Assert.Equal(1, h.CreateCalls());
        Assert.Equal(TimeSpan.FromMinutes(1), limited.RetryAfter);
        Assert.Equal("org_write", limited.RateLimitCategory);
        Assert.Equal(8, limited.ErrorCode);
        Assert.IsType<PinterestRateLimitException>(limited.InnerException);
    }

    [Fact]
    public async Task Rate_limits_in_a_row_double_the_cool_down_up_to_max_rate_limit_delay()
    {
        await using var h = await PublishingHarness.CreateAsync(configureOptions: o =>
        {
            o.Retry.MaxRetryAfter = TimeSpan.Zero;
            o.Retry.MaxRateLimitDelay = TimeSpan.FromMinutes(3);
        });
        h.Emulator.InjectFault(CreateRoute, RateLimited(), count: 4);

        var waits = new List<TimeSpan?>();
        for (var i = 0; i < 4; i++)
        {
            var limited = await Assert.ThrowsAsync<PinterestRateLimitException>(() => PublishAsync(h, h.ImageRequest()));
            waits.Add(limited.RetryAfter);
            h.Time.Advance(limited.RetryAfter!.Value);
        }

        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(3)], waits);

        // A success ends the run: the next 429 waits the first delay again.
        await PublishAsync(h, h.ImageRequest());
        h.Emulator.InjectFault(CreateRoute, RateLimited());
        var again = await Assert.ThrowsAsync<PinterestRateLimitException>(() => PublishAsync(h, h.ImageRequest()));
        Assert.Equal(TimeSpan.FromMinutes(1), again.RetryAfter);
    }

    [Fact]
    public async Task A_spam_block_cools_the_whole_account_for_the_spam_block_delay()
    {
        await using var h = await PublishingHarness.CreateAsync(
            configureServices: s => s.Configure<PinSchedulingOptions>(o => o.SpamBlockDelay = TimeSpan.FromHours(2)));
        h.Emulator.InjectFault(CreateRoute, EmulatorFault.SpamBlock(TimeSpan.FromSeconds(1)));

        var blocked = await Assert.ThrowsAsync<PinterestRateLimitException>(() => PublishAsync(h, h.ImageRequest("First")));
        h.Time.Advance(TimeSpan.FromMinutes(30));
        var waiting = await Assert.ThrowsAsync<PinterestRateLimitException>(() => PublishAsync(h, h.ImageRequest("Second")));

        Assert.True(blocked.IsSpamBlock);
        Assert.Equal(TimeSpan.FromHours(2), blocked.RetryAfter);
        Assert.True(waiting.IsSpamBlock);
        Assert.Equal(TimeSpan.FromMinutes(90), waiting.RetryAfter);
        Assert.Equal(1, ApiRequests(h));

        h.Time.Advance(TimeSpan.FromMinutes(90));
        await PublishAsync(h, h.ImageRequest("Third"));
        Assert.Single(h.Emulator.Pins);
    }

    [Fact]
    public async Task A_429_from_the_video_registration_cools_the_account_too()
    {
        await using var h = await PublishingHarness.CreateAsync(configureOptions: o => o.Retry.MaxRetryAfter = TimeSpan.Zero);
        h.Emulator.InjectFault("POST /v5/media", RateLimited());

        var limited = await Assert.ThrowsAsync<PinterestRateLimitException>(() => PublishAsync(h, h.VideoRequest()));
        var waiting = await Assert.ThrowsAsync<PinterestRateLimitException>(() => PublishAsync(h, h.ImageRequest()));

        Assert.Equal(TimeSpan.FromMinutes(1), limited.RetryAfter);
        Assert.Equal("org_write", waiting.RateLimitCategory);
        Assert.Equal(TimeSpan.FromMinutes(1), waiting.RetryAfter);
        Assert.Equal(0, h.CreateCalls());
    }

    // Bounded in real time: a publish that waits on the fake clock fails the test instead of hanging it.
    private static Task<PublishPinResult> PublishAsync(PublishingHarness h, PublishPinRequest request) =>
        h.Publisher.PublishAsync(request).WaitAsync(TimeSpan.FromSeconds(30));

    private static int ApiRequests(PublishingHarness h) =>
        h.Emulator.Requests.Count(r => r.Path.StartsWith("/v5/", StringComparison.Ordinal));
}
