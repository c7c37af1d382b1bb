
namespace Pinterest.Publishing.Api.Models;

/// <summary>The metrics of one day.</summary>
public sealed class DailyMetrics
{
    /// <summary><c>READY</c>, <c>PROCESSING</c>… (kept as Pinterest sends it).</summary>
    public string? DataStatus { get; set; }

    /// <summary>The day (UTC).</summary>
    public DateOnly? Date { get; set; }

    /// <summary>Each requested metric's value that day, by metric name.</summary>
    public Dictionary<string, double>? Metrics { get; set; }
}
