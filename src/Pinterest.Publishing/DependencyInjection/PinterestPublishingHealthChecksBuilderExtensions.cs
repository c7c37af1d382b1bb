using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pinterest.Publishing.Health;
using Pinterest.Publishing.Health.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the health checks of Pinterest.Publishing to <c>services.AddHealthChecks()</c>.</summary>
public static class PinterestPublishingHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds four checks, none of which calls Pinterest (that would spend rate limit): <c>pinterest-publishing-options</c>
    /// (the options validate), <c>pinterest-publishing-token-store</c> (the token store answers a read),
    /// <c>pinterest-publishing-schedule</c> (the schedule store answers and its oldest due Pin is not later than
    /// <see cref="PinterestHealthCheckOptions.MaxDueLag"/>) and <c>pinterest-publishing-dispatcher</c> (the dispatcher's
    /// last round began within <see cref="PinterestHealthCheckOptions.DispatcherStaleAfterPolls"/> poll intervals).
    /// Reports carry exception types and counts, never a message from a store or a token.
    /// </summary>
    /// <param name="builder">The host's health checks builder.</param>
    /// <param name="configure">Changes the thresholds.</param>
    /// <returns>The same builder.</returns>
    public static IHealthChecksBuilder AddPinterestPublishing(this IHealthChecksBuilder builder, Action<PinterestHealthCheckOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<PinterestHealthCheckOptions>()
            .Validate(o => o.DispatcherStaleAfterPolls >= 2, "PinterestHealthCheckOptions.DispatcherStaleAfterPolls must be at least 2: one poll interval passes between rounds.")
            .Validate(o => o.MaxDueLag > TimeSpan.Zero, "PinterestHealthCheckOptions.MaxDueLag must be positive.");
        if (configure is not null)
        {
            options.Configure(configure);
        }

        var tags = new PinterestHealthCheckOptions();
        configure?.Invoke(tags);
        return builder
            .AddCheck<OptionsHealthCheck>(PinterestHealthCheckNames.Options, HealthStatus.Unhealthy, tags.Tags)
            .AddCheck<TokenStoreHealthCheck>(PinterestHealthCheckNames.TokenStore, HealthStatus.Unhealthy, tags.Tags)
            .AddCheck<ScheduleHealthCheck>(PinterestHealthCheckNames.Schedule, HealthStatus.Unhealthy, tags.Tags)
            .AddCheck<DispatcherHealthCheck>(PinterestHealthCheckNames.Dispatcher, HealthStatus.Unhealthy, tags.Tags);
    }
}
