using Microsoft.Extensions.DependencyInjection;
using Pinterest.Publishing.Scheduling;

namespace Pinterest.Publishing.ProofWorker;

/// <summary>
/// Wraps the registered schedule store and writes one line to standard output for each claim, for each completion
/// about to be sent to the store (<c>completing …</c>, as <c>outcome</c>) and for each outcome the completion the store
/// returned from (<c>claimed {id} {attempt} {at} {lease end}</c>, <c>outcome {id} {kind} {pin id} {at} {lease end}</c>, times in UTC ticks of the machine's clock, which every worker shares): the proof checks claims
/// and final outcomes per scheduled Pin across every worker, the killed one included. No token, secret or URL is written.
/// </summary>
internal sealed class OutcomeReportingStore(IPinScheduleStore inner, string workerName) : IPinScheduleStore
{
    private static readonly Lock OutputGate = new();

    public async Task<IReadOnlyList<ScheduledPin>> ClaimDueAsync(DateTimeOffset now, int maxCount, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var claimed = await inner.ClaimDueAsync(now, maxCount, lease, cancellationToken);
        foreach (var pin in claimed)
        {
            Write($"claimed {pin.Id} {pin.Attempt} {DateTimeOffset.UtcNow.UtcTicks} {pin.LeaseExpiresAt?.UtcTicks ?? 0}");
        }

        return claimed;
    }

    public async Task<bool> CompleteAsync(ScheduledPin pin, PinPublishOutcome outcome, CancellationToken cancellationToken = default)
    {
        // "outcome" is written once the store returned, so a worker killed before the write reports nothing it did not
        // record. "completing" is written before: a worker killed between the store's commit and the "outcome" line
        // leaves only it, and the proof then reads the store to tell whether that completion was kept. The store ignores
        // a completion that comes after another claim of the Pin; the proof tells those apart by time.
        var pinId = outcome is PinPublishOutcome.Published published ? published.PinId : "-";
        Write($"completing {pin.Id} {outcome.Kind} {pinId} {DateTimeOffset.UtcNow.UtcTicks} {pin.LeaseExpiresAt?.UtcTicks ?? 0}");
        var applied = await inner.CompleteAsync(pin, outcome, cancellationToken);
        Write($"outcome {pin.Id} {outcome.Kind} {pinId} {DateTimeOffset.UtcNow.UtcTicks} {pin.LeaseExpiresAt?.UtcTicks ?? 0}");
        return applied;
    }

    /// <summary>Replaces the <see cref="IPinScheduleStore"/> registration with this wrapper over it, keeping its lifetime.</summary>
    public static void Decorate(IServiceCollection services, string workerName)
    {
        var descriptor = services.LastOrDefault(d => d.ServiceType == typeof(IPinScheduleStore))
            ?? throw new InvalidOperationException("No IPinScheduleStore is registered: add the EF Core stores before decorating.");
        services.Remove(descriptor);
        services.Add(ServiceDescriptor.Describe(
            typeof(IPinScheduleStore),
            sp => new OutcomeReportingStore(Create(sp, descriptor), workerName),
            descriptor.Lifetime));
    }

    private static IPinScheduleStore Create(IServiceProvider services, ServiceDescriptor descriptor) => (IPinScheduleStore)(
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));

    private void Write(string line)
    {
        lock (OutputGate)
        {
            Console.Out.WriteLine($"{workerName} {line}");
            Console.Out.Flush();
        }
    }
}
