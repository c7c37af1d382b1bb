using Microsoft.Extensions.DependencyInjection;
using Pinterest.Publishing.Scheduling;
using Pinterest.Publishing.Testing;
using Pinterest.Publishing.Tests.TestSupport;

namespace Pinterest.Publishing.Tests.Coordination;

/// <summary>
/// Two instances of a host sharing one coordinator: a cool-down one instance records stops the other's publishes of
/// the account without a request, and the per-account concurrency limit counts the publishes of both.
/// </summary>
public sealed class TwoHostCooldownAndSlotTests
{
    [Fact]
    public async Task A_spam_block_met_by_one_host_stops_the_other_hosts_publishes_until_it_ends()
    {
        await using var h = await TwoHosts.CreateAsync(
            shareCoordinator: true,
            configureServices: (_, services) => services.Configure<PinSchedulingOptions>(o => o.SpamBlockDelay = TimeSpan.FromHours(2)));
        h.Emulator.InjectFault("POST /v5/pins", EmulatorFault.SpamBlock(TimeSpan.FromSeconds(1)));

        var blocked = await Assert.ThrowsAsync<PinterestRateLimitException>(() => h.Publisher(0).PublishAsync(h.ImageRequest("First")));
        var requestsAfterBlock = h.ApiRequests();
        h.Time.Advance(TimeSpan.FromMinutes(30));
        var waiting = await Assert.ThrowsAsync<PinterestRateLimitException>(() => h.Publisher(1).PublishAsync(h.ImageRequest("Second")));

        Assert.True(blocked.IsSpamBlock);
        Assert.True(waiting.IsSpamBlock);
        Assert.True(waiting.FailedFast);
        Assert.Equal(TimeSpan.FromMinutes(90), waiting.RetryAfter);
        Assert.Equal(requestsAfterBlock, h.ApiRequests());

        h.Time.Advance(TimeSpan.FromMinutes(90));
        await h.Publisher(1).PublishAsync(h.ImageRequest("Third"));
        Assert.Equal("Third", Assert.Single(h.Emulator.Pins).Title);
    }

    [Fact]
    public async Task The_per_account_limit_holds_across_two_hosts_sharing_the_coordinator()
    {
        const int limit = 2;
        const int perHost = 4;
        var creates = new CreateGate();
        await using var h = await TwoHosts.CreateAsync(
            shareCoordinator: true,
            configureOptions: o => o.MaxConcurrentPublishesPerAccount = limit,
            configureServices: (_, services) => services.AddHttpClient(PinterestHttpClientNames.Api).AddHttpMessageHandler(creates.CreateHandler));

        var publishes = Enumerable.Range(0, 2 * perHost)
            .Select(i => Task.Run(() => h.Publisher(i % 2).PublishAsync(h.ImageRequest($"Pin {i}"))))
            .ToArray();

        // Let the creates through one at a time, each time once as many are held as the limit allows: a host that did
        // not count the other's publishes would have more in flight by then.
        for (var released = 0; released < publishes.Length; released++)
        {
            await creates.WhenHeldAsync(Math.Min(limit, publishes.Length - released));
            creates.ReleaseOne();
        }

        await Task.WhenAll(publishes).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(limit, creates.MaxInFlight);
        Assert.Equal(publishes.Length, h.Emulator.Pins.Count);
    }
}
