using System.Globalization;

namespace Pinterest.Publishing.Testing.Internal;

/// <summary>
/// The enumerated query parameters of the organic routes, with the values <c>openapi.json</c> (v5.23) allows for each,
/// and their checks: a value outside the list is Pinterest's 400 code 1, as for any invalid parameter.
/// </summary>
internal static class OrganicQuery
{
    public static readonly string[] PinFilters = ["exclude_native", "exclude_repins", "has_been_promoted"];
    public static readonly string[] PinTypes = ["PRIVATE"];
    public static readonly string[] CreativeTypes = ["REGULAR", "VIDEO", "SHOPPING", "CAROUSEL", "MAX_VIDEO", "SHOP_THE_PIN", "COLLECTION", "IDEA", "SHOWCASE", "QUIZ", "COLLAGE", "MAX_WIDTH_REGULAR_COLLECTION", "MAX_WIDTH_VIDEO_COLLECTION"];
    public static readonly string[] AppTypes = ["ALL", "MOBILE", "TABLET", "WEB"];
    public static readonly string[] FromClaimedContent = ["OTHER", "CLAIMED", "BOTH"];
    public static readonly string[] PinFormats = ["ALL", "ORGANIC_IMAGE", "ORGANIC_PRODUCT", "ORGANIC_VIDEO", "ADS_STANDARD", "ADS_PRODUCT", "ADS_VIDEO", "ADS_IDEA"];
    public static readonly string[] ContentTypes = ["ALL", "PAID", "ORGANIC"];
    public static readonly string[] Sources = ["ALL", "YOUR_PINS", "OTHER_PINS"];

    /// <summary>The metrics of <c>GET /v5/pins/analytics</c>: the standard and the video Pin metric types.</summary>
    public static readonly string[] MultiPinMetrics = ["IMPRESSION", "OUTBOUND_CLICK", "PIN_CLICK", "SAVE", "SAVE_RATE", "TOTAL_COMMENTS", "TOTAL_REACTIONS", "USER_FOLLOW", "PROFILE_VISIT", "VIDEO_MRC_VIEW", "VIDEO_10S_VIEW", "QUARTILE_95_PERCENT_VIEW", "VIDEO_V50_WATCH_TIME", "VIDEO_START", "VIDEO_AVG_WATCH_TIME"];

    public static readonly string[] TopPinsSortBy = ["ENGAGEMENT", "IMPRESSION", "OUTBOUND_CLICK", "PIN_CLICK", "SAVE"];
    public static readonly string[] TopVideoPinsSortBy = ["IMPRESSION", "SAVE", "OUTBOUND_CLICK", "VIDEO_MRC_VIEW", "VIDEO_AVG_WATCH_TIME", "VIDEO_V50_WATCH_TIME", "QUARTILE_95_PERCENT_VIEW", "VIDEO_10S_VIEW", "VIDEO_START"];
    public static readonly string[] TopVideoPinsMetrics = ["IMPRESSION", "SAVE", "VIDEO_MRC_VIEW", "VIDEO_AVG_WATCH_TIME", "VIDEO_V50_WATCH_TIME", "QUARTILE_95_PERCENT_VIEW", "VIDEO_10S_VIEW", "VIDEO_START", "OUTBOUND_CLICK"];

    /// <summary>The parameter's value when it is one of <paramref name="allowed"/>, <see langword="null"/> when absent; otherwise 400.</summary>
    public static string? OneOf(Dictionary<string, string> query, string name, string[] allowed)
    {
        if (!query.TryGetValue(name, out var value))
        {
            return null;
        }

        return allowed.Contains(value, StringComparer.Ordinal) ? value : throw PinterestApiError.Invalid($"Invalid parameter: '{name}'.");
    }

    /// <summary>A comma-separated list (<c>explode: false</c>) whose items are each one of <paramref name="allowed"/>, or <see langword="null"/> when absent.</summary>
    public static string[]? ListOf(Dictionary<string, string> query, string name, string[] allowed)
    {
        if (!query.TryGetValue(name, out var value) || value.Length == 0)
        {
            return null;
        }

        var items = value.Split(',', StringSplitOptions.TrimEntries);
        return items.All(i => allowed.Contains(i, StringComparer.Ordinal)) ? items : throw PinterestApiError.Invalid($"Invalid parameter: '{name}'.");
    }

    /// <summary><c>true</c>/<c>false</c>, <paramref name="fallback"/> when absent; otherwise 400.</summary>
    public static bool Boolean(Dictionary<string, string> query, string name, bool fallback) =>
        query.TryGetValue(name, out var value)
            ? value switch { "true" => true, "false" => false, _ => throw PinterestApiError.Invalid($"Invalid parameter: '{name}' must be true or false.") }
            : fallback;

    /// <summary>An integer from <paramref name="min"/> to <paramref name="max"/>, <paramref name="fallback"/> when absent; otherwise 400.</summary>
    public static int Integer(Dictionary<string, string> query, string name, int min, int max, int fallback)
    {
        if (!query.TryGetValue(name, out var text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw PinterestApiError.Invalid($"Invalid parameter: '{name}' must be an integer from {min} to {max}.");
    }

    /// <summary>
    /// Checks the Business Access <c>ad_account_id</c> (digits, at most 18). The emulator has no ad accounts: a
    /// well-formed id is accepted and the call acts for the token's user.
    /// </summary>
    public static void AdAccountId(Dictionary<string, string> query)
    {
        if (query.TryGetValue("ad_account_id", out var id) && (id.Length is 0 or > 18 || !id.All(char.IsAsciiDigit)))
        {
            throw PinterestApiError.Invalid("Invalid parameter: 'ad_account_id'.");
        }
    }

    /// <summary>The creative type Pinterest reports for a Pin, from its media source.</summary>
    public static string CreativeTypeOf(EmulatedPin pin) => pin.MediaSourceType switch
    {
        "video_id" => "VIDEO",
        "multiple_image_urls" or "multiple_image_base64" => "CAROUSEL",
        _ => "REGULAR",
    };
}
