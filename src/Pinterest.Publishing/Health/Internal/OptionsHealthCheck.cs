using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Pinterest.Publishing.Diagnostics.Internal;
using Pinterest.Publishing.Scheduling;

namespace Pinterest.Publishing.Health.Internal;

/// <summary>Unhealthy while the library's options (and the scheduler's, when scheduling is added) fail validation.</summary>
internal sealed class OptionsHealthCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            _ = services.GetRequiredService<IOptions<PinterestPublishingOptions>>().Value;
            if (services.GetService<Scheduling.Internal.DispatcherHeartbeat>() is not null)
            {
                _ = services.GetRequiredService<IOptions<PinSchedulingOptions>>().Value;
            }

            return Task.FromResult(HealthCheckResult.Healthy("The options are valid."));
        }
        catch (OptionsValidationException ex)
        {
            // The validators name each setting and its fix; scrubbed in case a message quotes a value.
            var failures = string.Join(" ", ex.Failures.Select(f => SecretScrubber.Scrub(f)));
            return Task.FromResult(HealthCheckResult.Unhealthy($"Invalid options: {failures}"));
        }
    }
}
