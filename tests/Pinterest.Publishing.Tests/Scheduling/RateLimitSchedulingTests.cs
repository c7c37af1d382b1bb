using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pinterest.Publishing.Scheduling;
using Pinterest.Publishing.Scheduling.Internal;
using Pinterest.Publishing.Testing;
using Pinterest.Publishing.Tests.Internal.PublishPath;

namespace Pinterest.Publishing.Tests.Scheduling;

/// <summary>
/// Rate limits never use up a scheduled Pin's attempts: the Pin waits for the end of its account's cool-down (the next
/// day for a Trial app over its daily budget) and is published then.
/// </summary>
public class RateLimitSchedulingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_rate_limit_on_the_last_attempt_is_retried_at_the_end_of_the_wait_not_rejected()
    {
        var options = new PinSchedulingOptions();
        var failure = new PinterestRateLimitException("slow down", 8, "rid", TimeSpan.FromMinutes(5), isSpamBlock: false);

        var retry = Assert.IsType<PinPublishOutcome.RetryAt>(PinPublishOutcomeMapper.FromException(failure, options.MaxAttempts + 10, Now, options));

        Assert.Equal(Now + TimeSpan.FromMinutes(5), retry.At);
        Assert.False(retry.CountsAsAttempt);
    }

    [Fact]
    public void A_spam_block_waits_the_accounts_remaining_cool_down_and_does_not_count_as_an_attempt()
    {
        var options = new PinSchedulingOptions();
        var cooling = new PinterestRateLimitException("cooling", null, null, TimeSpan.FromHours(1), isSpamBlock: true);
        var fresh = new PinterestRateLimitException("spam", 8, "rid", null, isSpamBlock: true);

        var waitForCooldown = Assert.IsType<PinPublishOutcome.RetryAt>(PinPublishOutcomeMapper.FromException(cooling, 1, Now, options));
        var waitSpamDelay = Assert.IsType<PinPublishOutcome.RetryAt>(PinPublishOutcomeMapper.FromException(fresh, 1, Now, options));

        Assert.Equal(Now + TimeSpan.FromHours(1), waitForCooldown.At);
        Assert.Equal(Now + options.SpamBlockDelay, waitSpamDelay.At);
        Assert.False(waitForCooldown.CountsAsAttempt);
        Assert.False(waitSpamDelay.CountsAsAttempt);
    }

    [Fact]
    public void Other_transient_failures_still_count_and_give_up_after_max_attempts()
    {
        var options = new PinSchedulingOptions();
        var failure = new PinterestApiException("unavailable", HttpStatusCode.ServiceUnavailable);

        var retry = Assert.IsType<PinPublishOutcome.RetryAt>(PinPublishOutcomeMapper.FromException(failure, 1, Now, options));
        Assert.IsType<PinPublishOutcome.Rejected>(PinPublishOutcomeMapper.FromException(failure, options.MaxAttempts, Now, options));
        Assert.True(retry.CountsAsAttempt);
    }

    [Fact]
    public async Task A_pin_rate_limited_more_often_than_max_attempts_is_published_once_the_limit_lifts()
    {
        await using var h = await PublishingHarness.CreateAsync();
        h.Emulator.InjectFault("POST /v5/pins", EmulatorFault.Status(HttpStatusCode.TooManyRequests, 8, "Too many requests."), count: 9);
        var store = new InMemoryPinScheduleStore();
        var pin = store.Schedule(h.ImageRequest(), h.Time.GetUtcNow());
        var options = new PinSchedulingOptions { MaxAttempts = 2 };

        await RunUntilDoneAsync(h, store, options);

        Assert.IsType<PinPublishOutcome.Published>(store.GetOutcome(pin.Id));
        Assert.Single(h.Emulator.Pins);
    }

    [Fact]
    public async Task A_trial_account_over_its_daily_budget_publishes_the_rest_of_its_pins_the_next_day_none_rejected()
    {
        await using var h = await PublishingHarness.CreateAsync();
        h.Emulator.SetRateLimit(EmulatorRateLimit.Trial(requestsPerDay: 20));
        var store = new InMemoryPinScheduleStore();
        var today = h.Time.GetUtcNow();
        var tomorrow = new DateTimeOffset(today.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        for (var i = 1; i <= 30; i++)
        {
            store.Schedule(h.ImageRequest($"Pin {i}"), today);
        }

        await RunUntilDoneAsync(h, store, new PinSchedulingOptions());

        var outcomes = store.GetCompleted();
        Assert.Equal(30, outcomes.Count);
        Assert.All(outcomes, o => Assert.IsType<PinPublishOutcome.Published>(o.Value));
        Assert.Equal(20, h.Emulator.Pins.Count(p => p.CreatedAt < tomorrow));
        var nextDay = h.Emulator.Pins.Where(p => p.CreatedAt >= tomorrow).ToArray();
        Assert.Equal(10, nextDay.Length);

        // Once the budget resets, the first try of the hourly probe publishes the rest: within an hour of midnight.
        Assert.All(nextDay, p => Assert.True(p.CreatedAt < tomorrow.AddHours(1).AddMinutes(1), $"{p.Title} published at {p.CreatedAt:O}"));

        // Waiting costs few requests: the cooling account fails fast, only a probe per cool-down is sent.
        var refused = h.Emulator.Requests.Count(r => r.StatusCode == 429);
        Assert.InRange(refused, 1, 60);
    }

    /// <summary>
    /// Runs the dispatcher round by round, moving the fake clock to the next due Pin between rounds (and on, in steps,
    /// while a round waits on it), until no Pin is pending.
    /// </summary>
    private static async Task RunUntilDoneAsync(PublishingHarness h, InMemoryPinScheduleStore store, PinSchedulingOptions options)
    {
        var dispatcher = new PinScheduleDispatcher(store, h.Publisher, Options.Create(options), h.Time, NullLoggerFactory.Instance);
        for (var round = 0; round < 500; round++)
        {
            var pending = store.GetPending();
            if (pending.Count == 0)
            {
                return;
            }

            var due = pending.Min(p => p.DueAt);
            var now = h.Time.GetUtcNow();
            if (due > now)
            {
                h.Time.Advance(due - now);
            }

            await h.DriveAsync(dispatcher.RunOnceAsync(CancellationToken.None), TimeSpan.FromSeconds(1));
        }

        Assert.Fail($"Pins still pending after 500 rounds: {string.Join(", ", store.GetPending().Select(p => $"{p.Id}@{p.DueAt:O}"))}");
    }
}
