using System.Collections.Concurrent;
using Pinterest.Publishing.Internal.PublishPath;
using Pinterest.Publishing.Scheduling;

namespace Pinterest.Publishing.Tests.Scheduling;

public sealed class InMemoryPinScheduleStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private static PublishPinRequest Request(string title = "A Pin") => new()
    {
        AccountId = "acct-1",
        BoardId = "1234567890",
        Title = title,
        Media = PinMedia.Image(new Uri("https://example.com/a.jpg")),
    };

    [Fact]
    public void Schedule_returns_an_unclaimed_pin_with_a_new_id()
    {
        var store = new InMemoryPinScheduleStore();
        var request = Request();

        var a = store.Schedule(request, T0);
        var b = store.Schedule(request, T0);

        Assert.NotEqual(a.Id, b.Id);
        Assert.Same(request, a.Request);
        Assert.Equal(T0, a.DueAt);
        Assert.Equal(0, a.Attempt);
        Assert.Null(a.LeaseToken);
        Assert.Null(a.LeaseExpiresAt);
        Assert.Equal([a, b], store.GetPending());
        Assert.Null(store.GetOutcome(a.Id));
    }

    private static IPinScheduler AsScheduler(IPinScheduler scheduler) => scheduler;

    [Fact]
    public async Task As_an_IPinScheduler_it_schedules_into_itself_and_tells_the_outcome()
    {
        var store = new InMemoryPinScheduleStore();
        var scheduler = AsScheduler(store);
        using var stream = new MemoryStream([1, 2, 3]);

        // Memory keeps what a durable store refuses, a stream included.
        var pin = await scheduler.ScheduleAsync(Request() with { Media = PinMedia.Video(VideoSource.FromStream(stream, "video/mp4")) }, T0);
        Assert.Equal([pin], store.GetPending());
        Assert.Null(await scheduler.GetOutcomeAsync(pin.Id));

        var claimed = Assert.Single(await store.ClaimDueAsync(T0, 1, Lease));
        await store.CompleteAsync(claimed, new PinPublishOutcome.Published("42"));

        Assert.Equal(new PinPublishOutcome.Published("42"), await scheduler.GetOutcomeAsync(pin.Id));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => scheduler.ScheduleAsync(Request(), T0, new CancellationToken(canceled: true)));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => scheduler.GetOutcomeAsync(pin.Id, new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task Claim_takes_only_due_pins_earliest_first_up_to_max_count()
    {
        var store = new InMemoryPinScheduleStore();
        var late = store.Schedule(Request("late"), T0.AddMinutes(10));
        var second = store.Schedule(Request("second"), T0.AddMinutes(-1));
        var first = store.Schedule(Request("first"), T0.AddMinutes(-2));
        var third = store.Schedule(Request("third"), T0);

        var claimed = await store.ClaimDueAsync(T0, 2, Lease);

        Assert.Equal([first.Id, second.Id], claimed.Select(p => p.Id));
        Assert.All(claimed, p =>
        {
            Assert.Equal(1, p.Attempt);
            Assert.Equal(T0 + Lease, p.LeaseExpiresAt);
            Assert.False(string.IsNullOrEmpty(p.LeaseToken));
        });
        Assert.NotEqual(claimed[0].LeaseToken, claimed[1].LeaseToken);

        var rest = await store.ClaimDueAsync(T0, 10, TimeSpan.FromHours(1));
        Assert.Equal([third.Id], rest.Select(p => p.Id));

        // The first two leases expired at T0 + 5 min; the third is held for an hour.
        Assert.Empty(await store.ClaimDueAsync(T0.AddMinutes(4), 10, Lease));
        Assert.Equal([first.Id, second.Id, late.Id], (await store.ClaimDueAsync(T0.AddMinutes(10), 10, Lease)).Select(p => p.Id));
    }

    [Fact]
    public async Task Leased_pin_is_not_claimed_again_until_the_lease_expires()
    {
        var store = new InMemoryPinScheduleStore();
        store.Schedule(Request(), T0);

        var firstClaim = Assert.Single(await store.ClaimDueAsync(T0, 10, Lease));
        Assert.Empty(await store.ClaimDueAsync(T0 + Lease - TimeSpan.FromTicks(1), 10, Lease));

        var secondClaim = Assert.Single(await store.ClaimDueAsync(T0 + Lease, 10, Lease));
        Assert.Equal(firstClaim.Id, secondClaim.Id);
        Assert.Equal(2, secondClaim.Attempt);
        Assert.NotEqual(firstClaim.LeaseToken, secondClaim.LeaseToken);
        Assert.Equal(T0 + Lease + Lease, secondClaim.LeaseExpiresAt);
    }

    [Fact]
    public async Task RetryAt_requeues_the_pin_at_that_time_and_keeps_the_attempt_count()
    {
        var store = new InMemoryPinScheduleStore();
        store.Schedule(Request(), T0);
        var claimed = Assert.Single(await store.ClaimDueAsync(T0, 1, Lease));
        var retry = new PinPublishOutcome.RetryAt(T0.AddMinutes(30), "Rate limited.");

        await store.CompleteAsync(claimed, retry);

        Assert.Equal(retry, store.GetOutcome(claimed.Id));
        Assert.Empty(store.GetCompleted());
        var pending = Assert.Single(store.GetPending());
        Assert.Equal(T0.AddMinutes(30), pending.DueAt);
        Assert.Null(pending.LeaseToken);

        // The lease was released, but the Pin is not due before the retry time.
        Assert.Empty(await store.ClaimDueAsync(T0.AddMinutes(29), 1, Lease));
        var again = Assert.Single(await store.ClaimDueAsync(T0.AddMinutes(30), 1, Lease));
        Assert.Equal(2, again.Attempt);
    }

    public static TheoryData<PinPublishOutcome> FinalOutcomes() => new()
    {
        new PinPublishOutcome.Published("987654321"),
        new PinPublishOutcome.Rejected("Title too long.", ["title_too_long"]),
        new PinPublishOutcome.Unknown("Timed out after sending.", T0),
        new PinPublishOutcome.Reauthorize("Refresh token rejected."),
    };

    [Theory]
    [MemberData(nameof(FinalOutcomes))]
    public async Task Other_outcomes_are_final_and_recorded(PinPublishOutcome outcome)
    {
        var store = new InMemoryPinScheduleStore();
        store.Schedule(Request(), T0);
        var claimed = Assert.Single(await store.ClaimDueAsync(T0, 1, Lease));

        await store.CompleteAsync(claimed, outcome);

        Assert.True(outcome.IsFinal);
        Assert.Same(outcome, store.GetOutcome(claimed.Id));
        Assert.Equal([KeyValuePair.Create(claimed.Id, outcome)], store.GetCompleted());
        Assert.Empty(store.GetPending());
        Assert.Empty(await store.ClaimDueAsync(T0.AddDays(1), 10, Lease));

        // Completing again (a repeated or late call) changes nothing.
        await store.CompleteAsync(claimed, new PinPublishOutcome.Reauthorize("again"));
        Assert.Same(outcome, store.GetOutcome(claimed.Id));
    }

    [Fact]
    public async Task Late_completion_of_an_expired_lease_that_was_claimed_again_is_ignored()
    {
        var store = new InMemoryPinScheduleStore();
        store.Schedule(Request(), T0);
        var stale = Assert.Single(await store.ClaimDueAsync(T0, 1, Lease));
        var current = Assert.Single(await store.ClaimDueAsync(T0 + Lease, 1, Lease));

        Assert.False(await store.CompleteAsync(stale, new PinPublishOutcome.Published("111")));

        Assert.Null(store.GetOutcome(stale.Id));
        Assert.Equal(current.LeaseToken, Assert.Single(store.GetPending()).LeaseToken);

        Assert.True(await store.CompleteAsync(current, new PinPublishOutcome.Published("222")));
        Assert.Equal("222", Assert.IsType<PinPublishOutcome.Published>(store.GetOutcome(current.Id)).PinId);
    }

    [Fact]
    public async Task Late_completion_of_an_expired_lease_nobody_claimed_again_is_kept()
    {
        var store = new InMemoryPinScheduleStore();
        store.Schedule(Request(), T0);
        var claimed = Assert.Single(await store.ClaimDueAsync(T0, 1, Lease));

        await store.CompleteAsync(claimed, new PinPublishOutcome.Published("111"));

        Assert.Equal(PinPublishOutcomeKind.Published, store.GetOutcome(claimed.Id)?.Kind);
        Assert.Empty(await store.ClaimDueAsync(T0.AddHours(1), 1, Lease));
    }

    [Fact]
    public async Task Completion_of_an_unclaimed_or_unknown_pin_is_refused_or_ignored()
    {
        var store = new InMemoryPinScheduleStore();
        var scheduled = store.Schedule(Request(), T0);

        // Never claimed: no lease token, nothing changes.
        Assert.False(await store.CompleteAsync(scheduled, new PinPublishOutcome.Published("1")));
        Assert.Null(store.GetOutcome(scheduled.Id));

        var foreign = scheduled with { Id = "not-here", LeaseToken = "x" };
        await Assert.ThrowsAsync<ArgumentException>(() => store.CompleteAsync(foreign, new PinPublishOutcome.Published("1")));
    }

    [Fact]
    public async Task Invalid_claim_arguments_are_rejected()
    {
        var store = new InMemoryPinScheduleStore();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ClaimDueAsync(T0, 0, Lease));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ClaimDueAsync(T0, 1, TimeSpan.Zero));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ClaimDueAsync(T0, 1, Lease, new CancellationToken(true)));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Racing_claimers_never_get_the_same_pin_while_leases_are_live(int claimers)
    {
        const int PinCount = 1000;
        var store = new InMemoryPinScheduleStore();
        for (var i = 0; i < PinCount; i++)
        {
            store.Schedule(Request($"pin {i}"), T0.AddSeconds(-i % 7));
        }

        var claims = new ConcurrentBag<(int Claimer, ScheduledPin Pin)>();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var workers = Enumerable.Range(0, claimers).Select(c => Task.Run(async () =>
        {
            await start.Task;
            var batches = 0;
            while (true)
            {
                // Small, varying batches so the claimers interleave many times.
                var batch = await store.ClaimDueAsync(T0, 1 + (batches++ % 5), Lease);
                if (batch.Count == 0)
                {
                    return batches;
                }

                foreach (var pin in batch)
                {
                    claims.Add((c, pin));
                }
            }
        })).ToArray();
        start.SetResult();
        await Task.WhenAll(workers);

        var ids = claims.Select(c => c.Pin.Id).ToArray();
        Assert.Equal(PinCount, ids.Length);
        Assert.Equal(PinCount, ids.Distinct().Count());
        Assert.All(claims, c => Assert.Equal(1, c.Pin.Attempt));

        // Complete from several threads too: every Pin ends with exactly one outcome.
        await Task.WhenAll(claims.GroupBy(c => c.Claimer).Select(g => Task.Run(async () =>
        {
            foreach (var (_, pin) in g)
            {
                await store.CompleteAsync(pin, new PinPublishOutcome.Published("p" + pin.Id));
            }
        })));
        Assert.Equal(PinCount, store.GetCompleted().Count);
        Assert.Empty(store.GetPending());
    }

    [Fact]
    public async Task Racing_claimers_after_lease_expiry_each_expired_pin_goes_to_one_claimer()
    {
        var store = new InMemoryPinScheduleStore();
        for (var i = 0; i < 200; i++)
        {
            store.Schedule(Request(), T0);
        }

        Assert.Equal(200, (await store.ClaimDueAsync(T0, 1000, Lease)).Count);

        var later = T0 + Lease;
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var mine = new List<ScheduledPin>();
            IReadOnlyList<ScheduledPin> batch;
            while ((batch = await store.ClaimDueAsync(later, 3, Lease)).Count > 0)
            {
                mine.AddRange(batch);
            }

            return mine;
        })));

        var all = results.SelectMany(r => r).ToArray();
        Assert.Equal(200, all.Length);
        Assert.Equal(200, all.Select(p => p.Id).Distinct().Count());
        Assert.All(all, p => Assert.Equal(2, p.Attempt));
    }

    [Fact]
    public async Task A_retry_that_does_not_count_gives_the_claim_back()
    {
        var store = new InMemoryPinScheduleStore();
        store.Schedule(Request(), T0);

        var first = Assert.Single(await store.ClaimDueAsync(T0, 1, Lease));
        await store.CompleteAsync(first, new PinPublishOutcome.RetryAt(T0.AddMinutes(1), "rate limited") { CountsAsAttempt = false });
        var second = Assert.Single(await store.ClaimDueAsync(T0.AddMinutes(1), 1, Lease));
        await store.CompleteAsync(second, new PinPublishOutcome.RetryAt(T0.AddMinutes(2), "unavailable"));
        var third = Assert.Single(await store.ClaimDueAsync(T0.AddMinutes(2), 1, Lease));

        Assert.Equal(1, first.Attempt);
        Assert.Equal(1, second.Attempt);
        Assert.Equal(2, third.Attempt);
    }
}
