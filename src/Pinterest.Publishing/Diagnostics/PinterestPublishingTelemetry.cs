namespace Pinterest.Publishing.Diagnostics;

/// <summary>
/// The names under which the library reports telemetry, for hosts that subscribe to it (OpenTelemetry's
/// <c>AddSource</c> and <c>AddMeter</c>, an <see cref="System.Diagnostics.ActivityListener"/> or a
/// <see cref="System.Diagnostics.Metrics.MeterListener"/>).
/// </summary>
public static class PinterestPublishingTelemetry
{
    /// <summary>The name of the library's <see cref="System.Diagnostics.ActivitySource"/>.</summary>
    public const string ActivitySourceName = "Pinterest.Publishing";

    /// <summary>The name of the library's <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string MeterName = "Pinterest.Publishing";
}
