using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Pinterest.Publishing.Scheduling;
using Pinterest.Publishing.Scheduling.Internal;

namespace Pinterest.Publishing.Health.Internal;

/// <summary>
/// Whether the dispatcher's loop runs: its last round began within <see cref="PinterestHealthCheckOptions.DispatcherStaleAfterPolls"/>
/// poll intervals (or every slot was busy then, and it waits for a publish to end). Degraded before its first round
/// and after a round whose claim failed (the store's outage); unhealthy when it stopped going round. Healthy, with
/// nothing to check, when scheduling is not added.
/// </summary>
internal sealed class DispatcherHealthCheck(IServiceProvider services, TimeProvider timeProvider, IOptions<PinterestHealthCheckOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService<DispatcherHeartbeat>() is not { } heartbeat)
        {
            return Task.FromResult(HealthCheckResult.Healthy("Scheduling is not added (AddPinScheduling)."));
        }

        if (heartbeat.Last is not { } last)
        {
            return Task.FromResult(HealthCheckResult.Degraded("The dispatcher has not run a round yet (is the host started?)."));
        }

        var poll = services.GetRequiredService<IOptions<PinSchedulingOptions>>().Value.PollInterval;
        var limit = poll * options.Value.DispatcherStaleAfterPolls;
        var since = timeProvider.GetUtcNow() - last.At;
        var data = new Dictionary<string, object>
        {
            ["last_round_at"] = last.At,
            ["seconds_since_last_round"] = since.TotalSeconds,
            ["all_slots_busy"] = last.AllSlotsBusy,
        };

        HealthCheckResult result;
        if (since > limit && !last.AllSlotsBusy)
        {
            result = new HealthCheckResult(context.Registration.FailureStatus, $"The dispatcher's last round began {since:c} ago, more than {options.Value.DispatcherStaleAfterPolls} poll intervals ({limit:c}).", data: data);
        }
        else if (last.ClaimFailed)
        {
            data["exception_type"] = last.Failure ?? "unknown";
            result = HealthCheckResult.Degraded($"The dispatcher's last claim failed ({last.Failure}); it tries again after the poll interval.", data: data);
        }
        else
        {
            result = HealthCheckResult.Healthy(last.AllSlotsBusy ? "The dispatcher waits for a publish slot." : "The dispatcher is polling.", data);
        }

        return Task.FromResult(result);
    }
}
