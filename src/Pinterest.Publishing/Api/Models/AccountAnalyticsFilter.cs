
namespace Pinterest.Publishing.Api.Models;

/// <summary>
/// The optional filters of the user account analytics calls (<c>GET /v5/user_account/analytics</c>, <c>…/top_pins</c>,
/// <c>…/top_video_pins</c>). Unset filters are not sent (Pinterest's defaults apply); values are sent as Pinterest
/// spells them.
/// </summary>
public sealed class AccountAnalyticsFilter
{
    /// <summary><c>OTHER</c>, <c>CLAIMED</c> or <c>BOTH</c> (Pinterest's default): Pins from the claimed domain or not (<c>from_claimed_content</c>).</summary>
    public string? FromClaimedContent { get; set; }

    /// <summary><c>ALL</c> (default), <c>ORGANIC_IMAGE</c>, <c>ORGANIC_PRODUCT</c>, <c>ORGANIC_VIDEO</c>, <c>ADS_STANDARD</c>, <c>ADS_PRODUCT</c>, <c>ADS_VIDEO</c> or <c>ADS_IDEA</c> (<c>pin_format</c>).</summary>
    public string? PinFormat { get; set; }

    /// <summary><c>ALL</c> (default), <c>PAID</c> or <c>ORGANIC</c> (<c>content_type</c>).</summary>
    public string? ContentType { get; set; }

    /// <summary><c>ALL</c> (default), <c>YOUR_PINS</c> or <c>OTHER_PINS</c> (<c>source</c>).</summary>
    public string? Source { get; set; }

    /// <summary>
    /// Business Access: the ad account whose owner's analytics are read (<c>ad_account_id</c>, digits); the token's
    /// user needs a Business Access role on it.
    /// </summary>
    public string? AdAccountId { get; set; }
}
