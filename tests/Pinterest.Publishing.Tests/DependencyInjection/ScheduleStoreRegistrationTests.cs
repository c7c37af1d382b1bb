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

    private sealed class CountingStore : IPinScheduleStore
    {
        private readonly InMemoryPinScheduleStore _inner = new();

        public int Claims { get; private set; }

        public Task<IReadOnlyList<ScheduledPin>> ClaimDueAsync(DateTimeOffset now, int maxCount, TimeSpan lease, CancellationToken cancellationToken = default)
        {
            Claims++;
            return _inner.ClaimDueAsync(now, maxCount, lease, cancellationToken);
        }

        public Task CompleteAsync(ScheduledPin pin, PinPublishOutcome outcome, CancellationToken cancellationToken = default) =>
            _inner.CompleteAsync(pin, outcome, cancellationToken);
    }
}
