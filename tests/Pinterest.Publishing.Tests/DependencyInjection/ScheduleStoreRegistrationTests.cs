using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pinterest.Publishing.Scheduling;
using Pinterest.Publishing.Scheduling.Internal;

namespace Pinterest.Publishing.Tests.DependencyInjection;

/// <summary><c>AddScheduleStore&lt;T&gt;()</c> replaces the in-memory store, like <c>AddTokenStore&lt;T&gt;()</c> does.</summary>
public class ScheduleStoreRegistrationTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_dispatcher_claims_from_the_store_the_builder_adds_whether_before_or_after_scheduling(bool storeFirst)
    {
        var services = new ServiceCollection();
        var builder = services.AddPinterestPublishing(_ => { });
        if (storeFirst)
        {
            builder.AddScheduleStore<CountingStore>().AddPinScheduling();
        }
        else
        {
            builder.AddPinScheduling().AddScheduleStore<CountingStore>();
        }

        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        var store = Assert.IsType<CountingStore>(provider.GetRequiredService<IPinScheduleStore>());
        Assert.Same(store, provider.GetRequiredService<IPinScheduleStore>());
        var dispatcher = Assert.Single(provider.GetServices<IHostedService>().OfType<PinScheduleDispatcher>());

        await dispatcher.RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, store.Claims);
    }

    [Fact]
    public async Task The_scheduler_is_the_in_memory_store_the_dispatcher_claims_from()
    {
        var services = new ServiceCollection();
        services.AddPinterestPublishing(_ => { }).AddPinScheduling();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        var scheduler = provider.GetRequiredService<IPinScheduler>();
        var pin = await scheduler.ScheduleAsync(
            new PublishPinRequest { AccountId = "a", Media = PinMedia.Image(new Uri("https://example.com/a.jpg")) },
            DateTimeOffset.UnixEpoch);

        Assert.Same(provider.GetRequiredService<IPinScheduleStore>(), scheduler);
        Assert.Equal([pin], ((InMemoryPinScheduleStore)scheduler).GetPending());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_scheduler_is_a_store_the_builder_adds_whether_before_or_after_scheduling(bool storeFirst)
    {
        var services = new ServiceCollection();
        var builder = services.AddPinterestPublishing(_ => { });
        if (storeFirst)
        {
            builder.AddScheduleStore<SchedulingStore>().AddPinScheduling();
        }
        else
        {
            builder.AddPinScheduling().AddScheduleStore<SchedulingStore>();
        }

        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        var store = Assert.IsType<SchedulingStore>(provider.GetRequiredService<IPinScheduleStore>());
        Assert.Same(store, provider.GetRequiredService<IPinScheduler>());
    }

    [Fact]
    public async Task A_store_that_cannot_schedule_is_named_when_the_scheduler_is_asked_for()
    {
        var services = new ServiceCollection();
        services.AddPinterestPublishing(_ => { }).AddPinScheduling().AddScheduleStore<CountingStore>();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        var e = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IPinScheduler>());

        Assert.StartsWith($"The schedule store {typeof(CountingStore).FullName} does not implement IPinScheduler", e.Message, StringComparison.Ordinal);
    }

    private sealed class SchedulingStore : IPinScheduleStore, IPinScheduler
    {
        private readonly InMemoryPinScheduleStore _inner = new();

        public Task<IReadOnlyList<ScheduledPin>> ClaimDueAsync(DateTimeOffset now, int maxCount, TimeSpan lease, CancellationToken cancellationToken = default) =>
            _inner.ClaimDueAsync(now, maxCount, lease, cancellationToken);

        public Task<bool> CompleteAsync(ScheduledPin pin, PinPublishOutcome outcome, CancellationToken cancellationToken = default) =>
            _inner.CompleteAsync(pin, outcome, cancellationToken);

        public Task<ScheduledPin> ScheduleAsync(PublishPinRequest request, DateTimeOffset dueAt, CancellationToken cancellationToken = default) =>
            _inner.ScheduleAsync(request, dueAt, cancellationToken);

        public Task<PinPublishOutcome?> GetOutcomeAsync(string scheduledPinId, CancellationToken cancellationToken = default) =>
            _inner.GetOutcomeAsync(scheduledPinId, cancellationToken);
    }

    private sealed class CountingStore : IPinScheduleStore
    {
        private readonly InMemoryPinScheduleStore _inner = new();

        public int Claims { get; private set; }

        public Task<IReadOnlyList<ScheduledPin>> ClaimDueAsync(DateTimeOffset now, int maxCount, TimeSpan lease, CancellationToken cancellationToken = default)
        {
            Claims++;
            return _inner.ClaimDueAsync(now, maxCount, lease, cancellationToken);
        }

        public Task<bool> CompleteAsync(ScheduledPin pin, PinPublishOutcome outcome, CancellationToken cancellationToken = default) =>
            _inner.CompleteAsync(pin, outcome, cancellationToken);
    }
}
