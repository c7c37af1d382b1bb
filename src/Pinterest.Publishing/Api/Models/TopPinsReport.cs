
namespace Pinterest.Publishing.Api.Models;

/// <summary>
/// The answer of <c>GET /v5/user_account/analytics/top_pins</c> and <c>…/top_video_pins</c>
/// (<c>TopPinsAnalyticsResponse</c>, <c>TopVideoPinsAnalyticsResponse</c>): the best Pins by <see cref="SortBy"/>.
/// </summary>
public sealed class TopPinsReport
{
    /// <summary>The metric the Pins are sorted by.</summary>
    public string? SortBy { get; set; }

    /// <summary>How fresh the data is.</summary>
    public TopPinsDateAvailability? DateAvailability { get; set; }

    /// <summary>The Pins, best first.</summary>
    public List<TopPin>? Pins { get; set; }
}
