using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Pinterest.Publishing.Diagnostics;

namespace Pinterest.Publishing.OpenTelemetry;

/// <summary>Subscribes OpenTelemetry to the spans and metrics of Pinterest.Publishing (listed in the README's Telemetry section).</summary>
public static class PinterestPublishingInstrumentationExtensions
{
    /// <summary>Adds the library's <see cref="System.Diagnostics.ActivitySource"/> (<see cref="PinterestPublishingTelemetry.ActivitySourceName"/>).</summary>
    /// <param name="builder">The tracer provider builder.</param>
    public static TracerProviderBuilder AddPinterestPublishingInstrumentation(this TracerProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSource(PinterestPublishingTelemetry.ActivitySourceName);
    }

    /// <summary>Adds the library's <see cref="System.Diagnostics.Metrics.Meter"/> (<see cref="PinterestPublishingTelemetry.MeterName"/>).</summary>
    /// <param name="builder">The meter provider builder.</param>
    public static MeterProviderBuilder AddPinterestPublishingInstrumentation(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddMeter(PinterestPublishingTelemetry.MeterName);
    }
}
