using Microsoft.Extensions.Time.Testing;
using Pinterest.Publishing.Coordination.Internal;
using Pinterest.Publishing.Internal.PublishPath;

namespace Pinterest.Publishing.Tests.Internal.PublishPath;

/// <summary>The registry over the default in-process ledger: claims, twins and their retention.</summary>
public class AttributedPinRegistryTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan InFlightLimit = AttributedPinRegistry.InFlightLimit(TimeSpan.FromSeconds(30));

    private static (AttributedPinRegistry Registry, InProcessPublishLedger Ledger) Create(TimeProvider time)
    {
        var ledger = new InProcessPublishLedger(time);
        return (new AttributedPinRegistry(time, ledger, InFlightLimit), ledger);
    }

    [Fact]
    public async Task A_pin_is_claimed_once_and_a_recorded_pin_cannot_be_claimed()
    {
        var (registry, _) = Create(new FakeTimeProvider());

        await registry.RecordAsync("1", "recorder", None);

        Assert.False(await registry.TryClaimAsync("1", "claimer", None));
        Assert.True(await registry.TryClaimAsync("2", "claimer", None));
        Assert.False(await registry.TryClaimAsync("2", "another", None));
    }

    [Fact]
    public async Task Concurrent_claims_of_one_pin_have_exactly_one_winner()
    {
        var (registry, _) = Create(new FakeTimeProvider());

        var claims = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() => registry.TryClaimAsync("42", $"op-{i}", None).AsTask())));

        Assert.Single(claims, won => won);
    }

    [Fact]
    public async Task Ids_older_than_the_retention_are_forgotten_so_the_set_stays_bounded()
    {
        var time = new FakeTimeProvider();
        var (registry, ledger) = Create(time);
        for (var i = 0; i < 100; i++)
        {
            await registry.RecordAsync($"old-{i}", "recorder", None);
        }

        time.Advance(InProcessPublishLedger.ClaimRetention - TimeSpan.FromMinutes(1));
        await registry.RecordAsync("recent", "recorder", None);
        Assert.Equal(101, ledger.ClaimedPinCount);

        time.Advance(TimeSpan.FromMinutes(2));
        await registry.RecordAsync("new", "recorder", None);

        Assert.Equal(2, ledger.ClaimedPinCount);
        Assert.False(await registry.TryClaimAsync("recent", "claimer", None));
        Assert.True(await registry.TryClaimAsync("old-0", "claimer", None));
    }

    [Fact]
    public async Task A_twin_create_in_flight_or_ended_ambiguously_is_unresolved_until_its_pin_is_known()
    {
        var time = new FakeTimeProvider();
        var (registry, _) = Create(time);
        var since = time.GetUtcNow();
        await using var own = await registry.BeginCreateAsync("own", "key", None);
        var twin = await registry.BeginCreateAsync("twin", "key", None);

        Assert.True(await registry.HasUnresolvedTwinAsync(own, since, None));
        time.Advance(TimeSpan.FromSeconds(1));
        await twin.DisposeAsync();
        time.Advance(TimeSpan.FromSeconds(40));

        // Its answer was lost: its Pin may exist and be listed late, so it still counts.
        Assert.True(await registry.HasUnresolvedTwinAsync(own, since, None));
        await twin.ResolveAsync();
        Assert.False(await registry.HasUnresolvedTwinAsync(own, since, None));
    }

    [Fact]
    public async Task A_create_never_counts_as_its_own_twin_nor_does_another_drafts_or_one_that_made_no_pin()
    {
        var time = new FakeTimeProvider();
        var (registry, _) = Create(time);
        await using var own = await registry.BeginCreateAsync("own", "key", None);
        await using var other = await registry.BeginCreateAsync("other", "other key", None);
        var refused = await registry.BeginCreateAsync("refused", "key", None);
        await refused.ResolveAsync();
        await refused.DisposeAsync();

        Assert.False(await registry.HasUnresolvedTwinAsync(own, time.GetUtcNow(), None));
    }

    [Fact]
    public async Task A_twin_that_ended_before_the_window_does_not_count_and_is_forgotten_after_the_retention()
    {
        var time = new FakeTimeProvider();
        var (registry, _) = Create(time);
        var twin = await registry.BeginCreateAsync("twin", "key", None);
        await twin.DisposeAsync();
        time.Advance(TimeSpan.FromMinutes(10));
        await using var own = await registry.BeginCreateAsync("own", "key", None);

        Assert.False(await registry.HasUnresolvedTwinAsync(own, time.GetUtcNow() - TimeSpan.FromMinutes(5), None));
        Assert.True(await registry.HasUnresolvedTwinAsync(own, time.GetUtcNow() - TimeSpan.FromMinutes(10), None));

        time.Advance(InProcessPublishLedger.Retention);
        await registry.RecordAsync("prunes", "recorder", None);
        Assert.False(await registry.HasUnresolvedTwinAsync(own, DateTimeOffset.MinValue, None));
    }
}
