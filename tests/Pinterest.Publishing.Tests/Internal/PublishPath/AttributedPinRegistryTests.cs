using Microsoft.Extensions.Time.Testing;
using Pinterest.Publishing.Internal.PublishPath;

namespace Pinterest.Publishing.Tests.Internal.PublishPath;

public class AttributedPinRegistryTests
{
    [Fact]
    public void A_pin_is_claimed_once_and_a_recorded_pin_cannot_be_claimed()
    {
        var registry = new AttributedPinRegistry(new FakeTimeProvider());

        registry.Record("1");

        Assert.False(registry.TryClaim("1"));
        Assert.True(registry.TryClaim("2"));
        Assert.False(registry.TryClaim("2"));
    }

    [Fact]
    public void Concurrent_claims_of_one_pin_have_exactly_one_winner()
    {
        var registry = new AttributedPinRegistry(new FakeTimeProvider());

        var winners = Enumerable.Range(0, 64).AsParallel().Count(_ => registry.TryClaim("42"));

        Assert.Equal(1, winners);
    }

    [Fact]
    public void Ids_older_than_the_retention_are_forgotten_so_the_set_stays_bounded()
    {
        var time = new FakeTimeProvider();
        var registry = new AttributedPinRegistry(time);
        for (var i = 0; i < 100; i++)
        {
            registry.Record($"old-{i}");
        }

        time.Advance(AttributedPinRegistry.Retention - TimeSpan.FromMinutes(1));
        registry.Record("recent");
        Assert.Equal(101, registry.Count);

        time.Advance(TimeSpan.FromMinutes(2));
        registry.Record("new");

        Assert.Equal(2, registry.Count);
        Assert.False(registry.TryClaim("recent"));
        Assert.True(registry.TryClaim("old-0"));
    }

    [Fact]
    public void A_twin_create_in_flight_or_ended_ambiguously_is_unresolved_until_its_pin_is_known()
    {
        var time = new FakeTimeProvider();
        var registry = new AttributedPinRegistry(time);
        var since = time.GetUtcNow();
        using var own = registry.BeginCreate("key");
        var twin = registry.BeginCreate("key");

        Assert.True(registry.HasUnresolvedTwin(own, since));
        time.Advance(TimeSpan.FromSeconds(1));
        twin.Dispose();
        time.Advance(TimeSpan.FromSeconds(40));

        // Its answer was lost: its Pin may exist and be listed late, so it still counts.
        Assert.True(registry.HasUnresolvedTwin(own, since));
        twin.Resolve();
        Assert.False(registry.HasUnresolvedTwin(own, since));
    }

    [Fact]
    public void A_create_never_counts_as_its_own_twin_nor_does_another_drafts_or_one_that_made_no_pin()
    {
        var time = new FakeTimeProvider();
        var registry = new AttributedPinRegistry(time);
        using var own = registry.BeginCreate("key");
        using var other = registry.BeginCreate("other key");
        var refused = registry.BeginCreate("key");
        refused.Resolve();
        refused.Dispose();

        Assert.False(registry.HasUnresolvedTwin(own, time.GetUtcNow()));
    }

    [Fact]
    public void A_twin_that_ended_before_the_window_does_not_count_and_is_forgotten_after_the_retention()
    {
        var time = new FakeTimeProvider();
        var registry = new AttributedPinRegistry(time);
        var twin = registry.BeginCreate("key");
        twin.Dispose();
        time.Advance(TimeSpan.FromMinutes(10));
        using var own = registry.BeginCreate("key");

        Assert.False(registry.HasUnresolvedTwin(own, time.GetUtcNow() - TimeSpan.FromMinutes(5)));
        Assert.True(registry.HasUnresolvedTwin(own, time.GetUtcNow() - TimeSpan.FromMinutes(10)));

        time.Advance(AttributedPinRegistry.Retention);
        registry.Record("prunes");
        Assert.False(registry.HasUnresolvedTwin(own, DateTimeOffset.MinValue));
    }
}
