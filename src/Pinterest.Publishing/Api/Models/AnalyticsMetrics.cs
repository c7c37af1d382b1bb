
namespace Pinterest.Publishing.Api.Models;

/// <summary>The metrics of one group of an analytics answer (<c>all</c>, or an app type when split).</summary>
public sealed class AnalyticsMetrics
{
    /// <summary>One record per day of the window.</summary>
    public List<DailyMetrics>? DailyMetrics { get; set; }

    /// <summary>Each requested metric over the whole window, by metric name (<c>IMPRESSION</c>, <c>SAVE</c>…).</summary>
    public Dictionary<string, double>? SummaryMetrics { get; set; }

    /// <summary>Lifetime metrics by name (Pin analytics only), when Pinterest sends them.</summary>
    public Dictionary<string, double>? LifetimeMetrics { get; set; }
}
