using Pinterest.Publishing.Scheduling;

namespace Pinterest.Publishing.Tests.EntityFrameworkCore;

/// <summary>
/// The behaviour every schedule store shares (the in-memory store's, which the durable stores must match): run by
/// one derived class per store and engine.
/// </summary>
public abstract class ScheduleStoreContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    protected static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    protected IPinScheduleStore Store { get; set; } = null!;

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    protected abstract Task<ScheduledPin> ScheduleAsync(PublishPinRequest request, DateTimeOffset dueAt);

    protected abstract Task<PinPublishOutcome?> GetOutcomeAsync(string id);

    protected static PublishPinRequest Request(string title = "A Pin") => new()
    {
        AccountId = "acct-1",
        BoardId = "1234567890",
        Title = title,
        Media = PinMedia.Image(new Uri("https://example.com/a.jpg")),
    };

    [StoreFact]
    public async Task Claim_takes_only_due_pins_earliest_first_up_to_max_count()
    {
        var late = await ScheduleAsync(Request("late"), T0.AddMinutes(10));
        var second = await ScheduleAsync(Request("second"), T0.AddMinutes(-1));
        var first = await ScheduleAsync(Request("first"), T0.AddMinutes(-2));
        var third = await ScheduleAsync(Request("third"), T0);

        var claimed = await Store.ClaimDueAsync(T0, 2, TimeSpan.FromHours(1));

        Assert.Equal([first.Id, second.Id], claimed.Select(p => p.Id));
        Assert.Equal(["first", "second"], claimed.Select(p => p.Request.Title));
        Assert.All(claimed, p =>
        {
            Assert.Equal(1, p.Attempt);
            Assert.Equal(T0.AddHours(1), p.LeaseExpiresAt);
            Assert.False(string.IsNullOrEmpty(p.LeaseToken));
        });

        var rest = await Store.ClaimDueAsync(T0, 10, TimeSpan.FromHours(1));
        Assert.Equal([third.Id], rest.Select(p => p.Id));
        Assert.Empty(await Store.ClaimDueAsync(T0.AddMinutes(9), 10, Lease));
        Assert.Equal([late.Id], (await Store.ClaimDueAsync(T0.AddMinutes(10), 10, Lease)).Select(p => p.Id));
    }

    [StoreFact]
    public async Task The_health_check_reads_the_oldest_due_pin_no_dispatcher_holds()
    {
        var health = Assert.IsAssignableFrom<IPinScheduleStoreHealth>(Store);
        Assert.Null(await health.GetOldestDueAsync(T0));

        await ScheduleAsync(Request("later"), T0.AddMinutes(-1));
        await ScheduleAsync(Request("oldest"), T0.AddMinutes(-5));
        await ScheduleAsync(Request("not due"), T0.AddMinutes(5));
        Assert.Equal(T0.AddMinutes(-5), await health.GetOldestDueAsync(T0));

        var claimed = Assert.Single(await Store.ClaimDueAsync(T0, 1, Lease));
        Assert.Equal("oldest", claimed.Request.Title);
        Assert.Equal(T0.AddMinutes(-1), await health.GetOldestDueAsync(T0));

        // A lease that ran out (its instance died) makes the Pin wait again.
        Assert.Equal(T0.AddMinutes(-5), await health.GetOldestDueAsync(T0 + Lease));

        await Store.CompleteAsync(claimed, new PinPublishOutcome.Published("123"));
        Assert.Equal(T0.AddMinutes(-1), await health.GetOldestDueAsync(T0 + Lease));
    }

    [StoreFact]
    public async Task Leased_pin_is_not_claimed_again_until_the_lease_expires()
    {
        var pin = await ScheduleAsync(Request(), T0);
        var first = Assert.Single(await Store.ClaimDueAsync(T0, 10, Lease));

        Assert.Empty(await Store.ClaimDueAsync(T0 + Lease - TimeSpan.FromSeconds(1), 10, Lease));
        var again = Assert.Single(await Store.ClaimDueAsync(T0 + Lease, 10, Lease));

        Assert.Equal(pin.Id, again.Id);
        Assert.Equal(2, again.Attempt);
        Assert.NotEqual(first.LeaseToken, again.LeaseToken);
    }

    [StoreFact]
    public async Task RetryAt_requeues_the_pin_at_that_time_and_keeps_the_attempt_count()
    {
        await ScheduleAsync(Request(), T0);
        var claimed = Assert.Single(await Store.ClaimDueAsync(T0, 10, Lease));
        var retry = new PinPublishOutcome.RetryAt(T0.AddMinutes(30), "503 from Pinterest");

        await Store.CompleteAsync(claimed, retry);

        Assert.Equal(retry, await GetOutcomeAsync(claimed.Id));
        Assert.Empty(await Store.ClaimDueAsync(T0.AddMinutes(29), 10, Lease));
        var again = Assert.Single(await Store.ClaimDueAsync(T0.AddMinutes(30), 10, Lease));
        Assert.Equal(2, again.Attempt);
        Assert.Equal(T0.AddMinutes(30), again.DueAt);
    }

    [StoreFact]
    public async Task A_retry_that_does_not_count_gives_the_claim_back()
    {
        await ScheduleAsync(Request(), T0);
        var claimed = Assert.Single(await Store.ClaimDueAsync(T0, 10, Lease));
        var wait = new PinPublishOutcome.RetryAt(T0.AddHours(1), "rate limited") { CountsAsAttempt = false };

        await Store.CompleteAsync(claimed, wait);

        Assert.Equal(wait, await GetOutcomeAsync(claimed.Id));
        var again = Assert.Single(await Store.ClaimDueAsync(T0.AddHours(1), 10, Lease));
        Assert.Equal(1, again.Attempt);
    }

    private static readonly Dictionary<string, PinPublishOutcome> Outcomes = new()
    {
        ["published"] = new PinPublishOutcome.Published("813744226420795884"),
        ["rejected"] = new PinPublishOutcome.Rejected("title too long", ["TitleTooLong", "LinkNotHttps"]),
        ["rejected without codes"] = new PinPublishOutcome.Rejected("refused", []),
        ["unknown"] = new PinPublishOutcome.Unknown("timeout after send", new DateTimeOffset(2026, 11, 23, 11, 59, 58, 123, TimeSpan.FromHours(2))),
        ["reauthorize"] = new PinPublishOutcome.Reauthorize("refresh token refused"),
        ["missing scope"] = new PinPublishOutcome.MissingScope("pins:write missing", ["boards:read", "pins:write"]),
        ["app credentials"] = new PinPublishOutcome.AppCredentialsRejected("client secret refused"),
    };

    [StoreFact]
    public async Task Final_outcomes_of_every_kind_are_kept_and_read_back_as_the_same_record()
    {
        foreach (var (name, outcome) in Outcomes)
        {
            var pin = await ScheduleAsync(Request(name), T0);
            var claimed = Assert.Single(await Store.ClaimDueAsync(T0, 1, Lease));
            Assert.Equal(pin.Id, claimed.Id);

            await Store.CompleteAsync(claimed, outcome);

            var read = await GetOutcomeAsync(pin.Id);
            Assert.NotNull(read);
            Assert.Equal(outcome.GetType(), read.GetType());
            Assert.Equal(outcome.Reason, read.Reason);
            switch (outcome)
            {
                case PinPublishOutcome.Published p:
                    Assert.Equal(p.PinId, ((PinPublishOutcome.Published)read).PinId);
                    break;
                case PinPublishOutcome.Rejected r:
                    Assert.Equal(r.Codes, ((PinPublishOutcome.Rejected)read).Codes);
                    break;
                case PinPublishOutcome.Unknown u:
                    Assert.Equal(u.AttemptStartedAt, ((PinPublishOutcome.Unknown)read).AttemptStartedAt);
                    break;
                case PinPublishOutcome.MissingScope m:
                    Assert.Equal(m.RequiredScopes, ((PinPublishOutcome.MissingScope)read).RequiredScopes);
                    break;
            }

            Assert.Empty(await Store.ClaimDueAsync(T0.AddDays(1), 10, Lease));
        }
    }

    [StoreFact]
    public async Task Late_completion_of_an_expired_lease_that_was_claimed_again_is_ignored()
    {
        await ScheduleAsync(Request(), T0);
        var stale = Assert.Single(await Store.ClaimDueAsync(T0, 10, Lease));
        var current = Assert.Single(await Store.ClaimDueAsync(T0 + Lease, 10, Lease));

        Assert.False(await Store.CompleteAsync(stale, new PinPublishOutcome.Published("stale-pin")));
        Assert.Null(await GetOutcomeAsync(stale.Id));

        Assert.True(await Store.CompleteAsync(current, new PinPublishOutcome.Published("current-pin")));
        Assert.Equal("current-pin", Assert.IsType<PinPublishOutcome.Published>(await GetOutcomeAsync(current.Id)).PinId);

        // A repeated completion after the final one changes nothing either.
        Assert.False(await Store.CompleteAsync(current, new PinPublishOutcome.Reauthorize("late")));
        Assert.IsType<PinPublishOutcome.Published>(await GetOutcomeAsync(current.Id));
    }

    [StoreFact]
    public async Task Late_completion_of_an_expired_lease_nobody_claimed_again_is_kept()
    {
        await ScheduleAsync(Request(), T0);
        var claimed = Assert.Single(await Store.ClaimDueAsync(T0, 10, Lease));

        Assert.True(await Store.CompleteAsync(claimed, new PinPublishOutcome.Published("slow-pin")));

        Assert.Equal("slow-pin", Assert.IsType<PinPublishOutcome.Published>(await GetOutcomeAsync(claimed.Id)).PinId);
        Assert.Empty(await Store.ClaimDueAsync(T0.AddHours(1), 10, Lease));
    }

    [StoreFact]
    public async Task Completion_of_an_unclaimed_pin_is_ignored_and_of_an_unknown_pin_refused()
    {
        var pin = await ScheduleAsync(Request(), T0);

        Assert.False(await Store.CompleteAsync(pin, new PinPublishOutcome.Published("never-claimed")));
        Assert.Null(await GetOutcomeAsync(pin.Id));

        var unknown = pin with { Id = "987654321", LeaseToken = "x" };
        await Assert.ThrowsAsync<ArgumentException>(() => Store.CompleteAsync(unknown, new PinPublishOutcome.Published("p")));
    }

    [StoreFact]
    public async Task Racing_claimers_never_get_the_same_pin()
    {
        for (var i = 0; i < 40; i++)
        {
            await ScheduleAsync(Request($"pin {i}"), T0);
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var mine = new List<string>();
            while ((await Store.ClaimDueAsync(T0, 3, Lease)) is { Count: > 0 } batch)
            {
                mine.AddRange(batch.Select(p => p.Id));
            }

            return mine;
        })));

        var all = claims.SelectMany(c => c).ToArray();
        Assert.Equal(40, all.Length);
        Assert.Equal(40, all.Distinct().Count());
    }
}
