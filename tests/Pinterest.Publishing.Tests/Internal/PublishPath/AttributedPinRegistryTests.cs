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
}
