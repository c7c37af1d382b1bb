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
/// day for a Trial app over its daily budget) and is published then. A spam block uses one up only for the Pin that met
/// it, so a Pin Pinterest keeps flagging ends Rejected instead of cooling its account down forever.
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
    public void A_spam_block_waits_the_accounts_remaining_cool_down_and_counts_only_for_the_pin_that_met_it()
    {
        var options = new PinSchedulingOptions();
        var cooling = new PinterestRateLimitException("cooling", null, null, TimeSpan.FromHours(1), isSpamBlock: true) { FailedFast = true };
        var fresh = new PinterestRateLimitException("spam", 8, "rid", null, isSpamBlock: true);

        var waitForCooldown = Assert.IsType<PinPublishOutcome.RetryAt>(PinPublishOutcomeMapper.FromException(cooling, 1, Now, options));
        var waitSpamDelay = Assert.IsType<PinPublishOutcome.RetryAt>(PinPublishOutcomeMapper.FromException(fresh, 1, Now, options));

        Assert.Equal(Now + TimeSpan.FromHours(1), waitForCooldown.At);
        Assert.Equal(Now + options.SpamBlockDelay, waitSpamDelay.At);
        Assert.False(waitForCooldown.CountsAsAttempt);
        Assert.True(waitSpamDelay.CountsAsAttempt);
    }

    [Fact]
    public async Task A_pin_spam_blocked_on_every_attempt_is_rejected_after_max_attempts_not_retried_forever()
    {
        await using var h = await PublishingHarness.CreateAsync();
        h.Emulator.InjectFault("POST /v5/pins", EmulatorFault.SpamBlock(), count: 5);
        var store = new InMemoryPinScheduleStore();
        var pin = store.Schedule(h.ImageRequest(), h.Time.GetUtcNow());
        var options = new PinSchedulingOptions { MaxAttempts = 2 };

        await RunUntilDoneAsync(h, store, options);

        var rejected = Assert.IsType<PinPublishOutcome.Rejected>(store.GetOutcome(pin.Id));
        Assert.Equal(["spam_block"], rejected.Codes);
        Assert.Equal(2, h.CreateCalls());
        Assert.Empty(h.Emulator.Pins);
    }

    [Fact]
    public async Task Only_the_pin_that_met_the_spam_block_spends_an_attempt_not_the_pins_that_failed_fast_on_its_cool_down()
    {
        await using var h = await PublishingHarness.CreateAsync();
        h.Emulator.InjectFault("POST /v5/pins", EmulatorFault.SpamBlock(), count: 1);
        var options = new PinSchedulingOptions();
        var met = await Assert.ThrowsAsync<PinterestRateLimitException>(() => h.Publisher.PublishAsync(h.ImageRequest("Met the block")).WaitAsync(TimeSpan.FromSeconds(30)));
        h.Time.Advance(TimeSpan.FromHours(1));
        var failedFast = await Assert.ThrowsAsync<PinterestRateLimitException>(() => h.Publisher.PublishAsync(h.ImageRequest("Failed fast")).WaitAsync(TimeSpan.FromSeconds(30)));
        var now = h.Time.GetUtcNow();

        var first = Assert.IsType<PinPublishOutcome.RetryAt>(PinPublishOutcomeMapper.FromException(met, 1, now, options));
        var last = Assert.IsType<PinPublishOutcome.Rejected>(PinPublishOutcomeMapper.FromException(met, options.MaxAttempts, now, options));
        var waiting = Assert.IsType<PinPublishOutcome.RetryAt>(PinPublishOutcomeMapper.FromException(failedFast, options.MaxAttempts, now, options));

        Assert.True(first.CountsAsAttempt);
        Assert.Equal(["spam_block"], last.Codes);
        Assert.False(waiting.CountsAsAttempt);
        Assert.Equal(now + options.SpamBlockDelay - TimeSpan.FromHours(1), waiting.At);
        Assert.Equal(1, h.CreateCalls());
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
