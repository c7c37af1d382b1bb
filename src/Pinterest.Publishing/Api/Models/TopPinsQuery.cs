namespace Pinterest.Publishing.Api.Models;

/// <summary>
/// The optional parts of a top Pins or top video Pins call (<c>GET /v5/user_account/analytics/top_pins</c>,
/// <c>…/top_video_pins</c>). Unset values are not sent, so Pinterest's defaults apply.
/// </summary>
public sealed class TopPinsQuery
{
    /// <summary>The metrics to return for each Pin (<c>metric_types</c>); Pinterest's default set when <see langword="null"/>.</summary>
    public IEnumerable<string>? MetricTypes { get; set; }

    /// <summary>How many Pins, 1 to 50 (<c>num_of_pins</c>; Pinterest's default is 10).</summary>
    public int? PinCount { get; set; }

    /// <summary>Only Pins created in the last this many days (<c>created_in_last_n_days</c>; Pinterest accepts 30).</summary>
    public int? CreatedInLastDays { get; set; }

    /// <summary><c>ALL</c> (default), <c>MOBILE</c>, <c>TABLET</c> or <c>WEB</c> (<c>app_types</c>).</summary>
    public string? AppTypes { get; set; }

    /// <summary>Content, format, source and Business Access filters, or <see langword="null"/>.</summary>
    public AccountAnalyticsFilter? Filter { get; set; }
}
