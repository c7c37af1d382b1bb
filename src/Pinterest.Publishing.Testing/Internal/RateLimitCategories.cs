namespace Pinterest.Publishing.Testing.Internal;

/// <summary>
/// Pinterest's rate-limit categories, and which one a request draws from. Every organic operation of Pinterest's
/// OpenAPI description follows one rule (a test checks each emulated route against the spec's
/// <c>x-ratelimit-category</c>): analytics are <c>org_analytics</c>, other reads <c>org_read</c>, everything else
/// <c>org_write</c>.
/// </summary>
internal static class RateLimitCategories
{
    public const string OrgRead = "org_read";

    public const string OrgWrite = "org_write";

    public const string OrgAnalytics = "org_analytics";

    /// <summary>The category of <paramref name="method"/> on <paramref name="route"/> (the path's segments after <c>v5</c>).</summary>
    public static string Of(string method, IReadOnlyList<string> route) =>
        route.Contains("analytics", StringComparer.Ordinal) ? OrgAnalytics
        : string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase) ? OrgRead
        : OrgWrite;
}
