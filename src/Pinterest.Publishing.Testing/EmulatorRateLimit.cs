using Pinterest.Publishing.Testing.Internal;

namespace Pinterest.Publishing.Testing;

/// <summary>
/// Pinterest's rate limits as <see cref="PinterestEmulator.SetRateLimit(EmulatorRateLimit)"/> enforces them. Pinterest
/// counts requests per rate-limit category: each operation's <c>x-ratelimit-category</c> in its OpenAPI description,
/// <c>org_read</c> (reads), <c>org_write</c> (creates, updates, deletes, media registrations) or <c>org_analytics</c>
/// (analytics). Standard apps are limited per minute for each user; Trial apps per day for the whole app. Past a limit a
/// request answers 429 code 8 and is not counted. The OAuth token endpoint and uploads are not limited.
/// </summary>
/// <remarks>
/// Pinterest documents no <c>Retry-After</c> and no <c>x-ratelimit-*</c> header; the emulator sends neither unless
/// <see cref="SendRetryAfter"/> or <see cref="SendRateLimitHeaders"/> asks for it.
/// </remarks>
public sealed record EmulatorRateLimit
{
    private readonly TimeSpan _dailyResetTime;

    private EmulatorRateLimit()
    {
    }

    /// <summary>
    /// Whether 429 answers carry <c>Retry-After</c> in whole seconds: until the oldest counted request leaves the window,
    /// or until the daily reset.
    /// </summary>
    public bool SendRetryAfter { get; init; }

    /// <summary>
    /// Whether 429 answers carry <c>x-ratelimit-limit</c>, <c>x-ratelimit-remaining</c> (0) and <c>x-ratelimit-reset</c>
    /// (Unix seconds of the moment a request is counted again).
    /// </summary>
    public bool SendRateLimitHeaders { get; init; }

    /// <summary>
    /// The time of day, UTC on the emulator's clock, at which a daily (<see cref="Trial"/>) budget starts again. Zero to
    /// just under a day; default midnight.
    /// </summary>
    public TimeSpan DailyResetTime
    {
        get => _dailyResetTime;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(value, TimeSpan.FromDays(1));
            _dailyResetTime = value;
        }
    }

    /// <summary>
    /// The requests each category allows: per user in <see cref="Window"/>, or per app and day when
    /// <see cref="RequestsPerDay"/> is set.
    /// </summary>
    internal IReadOnlyDictionary<string, int>? PerCategory { get; private init; }

    /// <summary>Every category's limit when one limit applies to all, for categories <see cref="PerCategory"/> does not name.</summary>
    internal int? AnyCategory { get; private init; }

    /// <summary>The sliding window of per-user limits.</summary>
    internal TimeSpan Window { get; private init; }

    /// <summary>The requests the whole app may make per day over all categories, or <see langword="null"/> for per-user limits.</summary>
    internal int? RequestsPerDay { get; private init; }

    /// <summary>
    /// Standard access: each user of the app may make so many requests of each category per minute (a sliding window).
    /// The defaults are third-party figures for Pinterest's limits, which its documentation does not state here.
    /// </summary>
    /// <param name="orgReadPerMinute"><c>org_read</c> requests per minute; default 1,000.</param>
    /// <param name="orgWritePerMinute"><c>org_write</c> requests per minute; default 100.</param>
    /// <param name="orgAnalyticsPerMinute"><c>org_analytics</c> requests per minute; default 60.</param>
    /// <returns>The limit.</returns>
    public static EmulatorRateLimit Standard(int orgReadPerMinute = 1000, int orgWritePerMinute = 100, int orgAnalyticsPerMinute = 60)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(orgReadPerMinute);
        ArgumentOutOfRangeException.ThrowIfNegative(orgWritePerMinute);
        ArgumentOutOfRangeException.ThrowIfNegative(orgAnalyticsPerMinute);
        return new EmulatorRateLimit
        {
            PerCategory = new Dictionary<string, int>(StringComparer.Ordinal)
            {
                [RateLimitCategories.OrgRead] = orgReadPerMinute,
                [RateLimitCategories.OrgWrite] = orgWritePerMinute,
                [RateLimitCategories.OrgAnalytics] = orgAnalyticsPerMinute,
            },
            Window = TimeSpan.FromMinutes(1),
        };
    }

    /// <summary>
    /// Trial access: the whole app (every user together) may make <paramref name="requestsPerDay"/> requests a day over
    /// all categories, and within that so many of each category; every budget starts again at
    /// <see cref="DailyResetTime"/>. Pinterest's rate-limit page gives Trial limits "per day per app" for each category
    /// and a universal Trial cap of 1,000 requests a day; its figures for the <c>org_*</c> categories are not stated
    /// here, so each defaults to the universal cap.
    /// </summary>
    /// <param name="requestsPerDay">Requests per day over all categories; default 1,000, Pinterest's universal Trial limit.</param>
    /// <param name="orgReadPerDay"><c>org_read</c> requests per day; default <paramref name="requestsPerDay"/>.</param>
    /// <param name="orgWritePerDay"><c>org_write</c> requests per day; default <paramref name="requestsPerDay"/>.</param>
    /// <param name="orgAnalyticsPerDay"><c>org_analytics</c> requests per day; default <paramref name="requestsPerDay"/>.</param>
    /// <returns>The limit.</returns>
    public static EmulatorRateLimit Trial(int requestsPerDay = 1000, int? orgReadPerDay = null, int? orgWritePerDay = null, int? orgAnalyticsPerDay = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(requestsPerDay);
        return new EmulatorRateLimit
        {
            RequestsPerDay = requestsPerDay,
            PerCategory = new Dictionary<string, int>(StringComparer.Ordinal)
            {
                [RateLimitCategories.OrgRead] = NotNegative(orgReadPerDay ?? requestsPerDay, nameof(orgReadPerDay)),
                [RateLimitCategories.OrgWrite] = NotNegative(orgWritePerDay ?? requestsPerDay, nameof(orgWritePerDay)),
                [RateLimitCategories.OrgAnalytics] = NotNegative(orgAnalyticsPerDay ?? requestsPerDay, nameof(orgAnalyticsPerDay)),
            },
        };
    }

    /// <summary>Each user may make <paramref name="maxRequests"/> requests of each category per sliding <paramref name="window"/>.</summary>
    /// <param name="maxRequests">Requests allowed per window and category.</param>
    /// <param name="window">The window.</param>
    /// <returns>The limit.</returns>
    public static EmulatorRateLimit PerUser(int maxRequests, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxRequests);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        return new EmulatorRateLimit { AnyCategory = maxRequests, Window = window };
    }

    private static int NotNegative(int value, string paramName)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value, paramName);
        return value;
    }
}
