using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Pinterest.Publishing.Scheduling;

namespace Pinterest.Publishing.Health.Internal;

/// <summary>
/// Reads how late the oldest due Pin is (through <see cref="IPinScheduleStoreHealth"/>, one cheap store call):
/// degraded past <see cref="PinterestHealthCheckOptions.MaxDueLag"/>, unhealthy when the store does not answer. Healthy
/// with no lag measured when the store does not implement the interface or scheduling is not added.
/// </summary>
internal sealed class ScheduleHealthCheck(IServiceProvider services, TimeProvider timeProvider, IOptions<PinterestHealthCheckOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService(typeof(IPinScheduleStore)) is not IPinScheduleStoreHealth store)
        {
            return HealthCheckResult.Healthy("The schedule store does not report its lag (IPinScheduleStoreHealth).");
        }

        var now = timeProvider.GetUtcNow();
        DateTimeOffset? oldest;
        try
        {
            oldest = await store.GetOldestDueAsync(now, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(
                context.Registration.FailureStatus,
                $"The schedule store did not answer: {ex.GetType().Name}.",
                data: new Dictionary<string, object> { ["exception_type"] = ex.GetType().Name });
        }

        if (oldest is not { } due)
        {
            return HealthCheckResult.Healthy("No due Pin waits.", new Dictionary<string, object> { ["lag_seconds"] = 0d });
        }

        var lag = now - due;
        var data = new Dictionary<string, object> { ["lag_seconds"] = lag.TotalSeconds, ["oldest_due_at"] = due };
        var limit = options.Value.MaxDueLag;
        return lag > limit
            ? HealthCheckResult.Degraded($"The oldest due Pin has waited {lag:c}, more than {limit:c} (MaxDueLag).", data: data)
            : HealthCheckResult.Healthy($"The oldest due Pin has waited {lag:c}.", data);
    }
}
