using System.Runtime.CompilerServices;
using Pinterest.Publishing.Api.Internal;
using Pinterest.Publishing.Api.Models;
using Pinterest.Publishing.Authentication.Internal;

namespace Pinterest.Publishing.Api;

/// <summary><c>/v5/user_account</c>.</summary>
public class UserAccountClient
{
    private readonly PinterestApiTransport? _transport;
    private readonly IPinterestCredential? _credential;

    /// <summary>For mocking: a client that is not connected to Pinterest. Override the members your test calls.</summary>
    protected UserAccountClient()
    {
    }

    internal UserAccountClient(PinterestApiTransport transport, IPinterestCredential? credential)
    {
        _transport = transport;
        _credential = credential;
    }

    // A test double has no transport: the member that needed one names itself in the exception.
    private PinterestApiTransport Connected([CallerMemberName] string member = "") => _transport ?? throw ClientForMocking.NotConnected(this, member);

    /// <summary><c>GET /v5/user_account</c>.</summary>
    public virtual Task<UserAccount> GetAsync(CancellationToken cancellationToken = default)
    {
        var request = PinterestApiRequest.Create(PinterestEndpoints.UserAccountGet, "user_account");
        return Connected().SendAsync(request, PinterestJsonContext.Default.UserAccount, _credential, cancellationToken);
    }

    /// <summary>
    /// <c>GET /v5/user_account/analytics</c>. Pinterest accepts a window that starts at most 90 days before today (UTC)
    /// and spans at most 90 days; other windows are rejected here with an <see cref="ArgumentException"/> that says why.
    /// Not available on the sandbox.
    /// </summary>
    /// <param name="startDate">The first day (UTC).</param>
    /// <param name="endDate">The last day (UTC).</param>
    /// <param name="metricTypes">Metric names (<c>IMPRESSION</c>, <c>SAVE</c>, <c>ENGAGEMENT</c>…); Pinterest's default set when <see langword="null"/>.</param>
    /// <param name="appTypes"><c>ALL</c> (default), <c>MOBILE</c>, <c>TABLET</c> or <c>WEB</c>.</param>
    /// <param name="splitField">How to split the data (<c>NO_SPLIT</c>, <c>APP_TYPE</c>, <c>OWNED_CONTENT</c>, <c>SOURCE</c>, <c>PIN_FORMAT</c>).</param>
    /// <param name="filter">Content, format, source and Business Access filters, or <see langword="null"/> for Pinterest's defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<AnalyticsReport> GetAnalyticsAsync(
        DateOnly startDate,
        DateOnly endDate,
        IEnumerable<string>? metricTypes = null,
        string? appTypes = null,
        string? splitField = null,
        AccountAnalyticsFilter? filter = null,
        CancellationToken cancellationToken = default)
    {
        var transport = Connected();
        AnalyticsWindow.Validate(startDate, endDate, transport.TimeProvider);
        var metrics = AnalyticsWindow.ValidateMetricTypes(metricTypes, nameof(metricTypes), required: false);
        var query = AnalyticsWindow.Query(startDate, endDate, metrics, appTypes, splitField).AddFilter(filter);
        var request = PinterestApiRequest.Create(PinterestEndpoints.UserAccountAnalytics, "user_account/analytics").WithQuery(query);
        return AnalyticsWindow.SendAsync(transport, request, _credential, cancellationToken);
    }

    /// <summary>
    /// <c>GET /v5/user_account/analytics/top_pins</c>: the user's best Pins over a window, sorted by
    /// <paramref name="sortBy"/>. The window rules are those of <see cref="GetAnalyticsAsync"/>. Not available on the sandbox.
    /// </summary>
    /// <param name="startDate">The first day (UTC).</param>
    /// <param name="endDate">The last day (UTC).</param>
    /// <param name="sortBy"><c>ENGAGEMENT</c>, <c>IMPRESSION</c>, <c>OUTBOUND_CLICK</c>, <c>PIN_CLICK</c> or <c>SAVE</c>.</param>
    /// <param name="query">The metrics, count, age, app types and filters, or <see langword="null"/> for Pinterest's defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentOutOfRangeException">A <paramref name="query"/> value is out of Pinterest's range (nothing is sent).</exception>
    public virtual Task<TopPinsReport> GetTopPinsAsync(DateOnly startDate, DateOnly endDate, string sortBy, TopPinsQuery? query = null, CancellationToken cancellationToken = default) =>
        TopPinsAsync(PinterestEndpoints.UserAccountTopPins, "user_account/analytics/top_pins", startDate, endDate, sortBy, query, nameof(GetTopPinsAsync), cancellationToken);

    /// <summary>
    /// <c>GET /v5/user_account/analytics/top_video_pins</c>: the user's best video Pins over a window, sorted by
    /// <paramref name="sortBy"/>. The window rules are those of <see cref="GetAnalyticsAsync"/>. Not available on the sandbox.
    /// </summary>
    /// <param name="startDate">The first day (UTC).</param>
    /// <param name="endDate">The last day (UTC).</param>
    /// <param name="sortBy"><c>IMPRESSION</c>, <c>SAVE</c>, <c>OUTBOUND_CLICK</c>, <c>VIDEO_MRC_VIEW</c>, <c>VIDEO_AVG_WATCH_TIME</c>, <c>VIDEO_V50_WATCH_TIME</c>, <c>QUARTILE_95_PERCENT_VIEW</c>, <c>VIDEO_10S_VIEW</c> or <c>VIDEO_START</c>.</param>
    /// <param name="query">The metrics, count, age, app types and filters, or <see langword="null"/> for Pinterest's defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentOutOfRangeException">A <paramref name="query"/> value is out of Pinterest's range (nothing is sent).</exception>
    public virtual Task<TopPinsReport> GetTopVideoPinsAsync(DateOnly startDate, DateOnly endDate, string sortBy, TopPinsQuery? query = null, CancellationToken cancellationToken = default) =>
        TopPinsAsync(PinterestEndpoints.UserAccountTopVideoPins, "user_account/analytics/top_video_pins", startDate, endDate, sortBy, query, nameof(GetTopVideoPinsAsync), cancellationToken);

    private Task<TopPinsReport> TopPinsAsync(
        PinterestEndpoint endpoint,
        string path,
        DateOnly startDate,
        DateOnly endDate,
        string sortBy,
        TopPinsQuery? query,
        string member,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sortBy);
        query ??= new TopPinsQuery();
        if (query.PinCount is < 1 or > PinterestLimits.TopPinsMaxCount)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.PinCount, $"TopPinsQuery.PinCount (num_of_pins) must be between 1 and {PinterestLimits.TopPinsMaxCount}; leave it null for Pinterest's default of 10.");
        }

        if (query.CreatedInLastDays is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.CreatedInLastDays, "TopPinsQuery.CreatedInLastDays (created_in_last_n_days) must be positive (Pinterest accepts 30); leave it null for every Pin.");
        }

        var transport = Connected(member);
        AnalyticsWindow.Validate(startDate, endDate, transport.TimeProvider);
        var metrics = AnalyticsWindow.ValidateMetricTypes(query.MetricTypes, nameof(query), required: false);
        var builder = new QueryBuilder()
            .Add("start_date", startDate)
            .Add("end_date", endDate)
            .Add("sort_by", sortBy)
            .AddCommaSeparated("metric_types", metrics)
            .Add("num_of_pins", query.PinCount)
            .Add("created_in_last_n_days", query.CreatedInLastDays)
            .Add("app_types", query.AppTypes)
            .AddFilter(query.Filter);
        var request = PinterestApiRequest.Create(endpoint, path).WithQuery(builder);
        return transport.SendAsync(request, PinterestJsonContext.Default.TopPinsReport, _credential, cancellationToken);
    }
}
