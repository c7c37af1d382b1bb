using Microsoft.Extensions.DependencyInjection;
using Pinterest.Publishing.Scheduling;

namespace Pinterest.Publishing.Benchmarks.Stores;

/// <summary>Wraps the registered schedule store to signal each final outcome, so a run ends when the backlog is done.</summary>
internal sealed class CountingScheduleStore(IPinScheduleStore inner, CountdownEvent done) : IPinScheduleStore
{
    public Task<IReadOnlyList<ScheduledPin>> ClaimDueAsync(DateTimeOffset now, int maxCount, TimeSpan lease, CancellationToken cancellationToken = default) =>
        inner.ClaimDueAsync(now, maxCount, lease, cancellationToken);

    public async Task<bool> CompleteAsync(ScheduledPin pin, PinPublishOutcome outcome, CancellationToken cancellationToken = default)
    {
        var applied = await inner.CompleteAsync(pin, outcome, cancellationToken);
        if (outcome.IsFinal)
        {
            done.Signal();
        }

        return applied;
    }

    public static void Decorate(IServiceCollection services, CountdownEvent done)
    {
        var descriptor = services.Last(d => d.ServiceType == typeof(IPinScheduleStore));
        services.Remove(descriptor);
        services.Add(ServiceDescriptor.Describe(
            typeof(IPinScheduleStore),
            sp => new CountingScheduleStore(
                (IPinScheduleStore)(descriptor.ImplementationInstance
                    ?? descriptor.ImplementationFactory?.Invoke(sp)
                    ?? ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!)),
                done),
            descriptor.Lifetime));
    }
}
