
namespace Pinterest.Publishing.Api.Models;

/// <summary>
/// An analytics answer (<c>PinAnalyticsResponse</c> / <c>AnalyticsResponse</c>): metrics per group. Without a split the
/// only group is <c>all</c>.
/// </summary>
public sealed class AnalyticsReport
{
    /// <summary>Creates a report over its groups.</summary>
    public AnalyticsReport(IReadOnlyDictionary<string, AnalyticsMetrics> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        Groups = groups;
    }

    /// <summary>The metrics by group key (<c>all</c>, or app types such as <c>WEB</c> when split).</summary>
    public IReadOnlyDictionary<string, AnalyticsMetrics> Groups { get; }

    /// <summary>The <c>all</c> group, or <see langword="null"/> when the answer has none.</summary>
    public AnalyticsMetrics? All => Groups.TryGetValue("all", out var all) ? all : null;
}
