using System.Runtime.CompilerServices;
using Pinterest.Publishing.Api.Internal;
using Pinterest.Publishing.Api.Models;
using Pinterest.Publishing.Authentication.Internal;
using Pinterest.Publishing.Internal.Failures;

namespace Pinterest.Publishing.Api;

/// <summary><c>/v5/pins</c>.</summary>
public class PinsClient
{
    private readonly PinterestApiTransport? _transport;
    private readonly IPinterestCredential? _credential;

    /// <summary>For mocking: a client that is not connected to Pinterest. Override the members your test calls.</summary>
    protected PinsClient()
    {
    }

    internal PinsClient(PinterestApiTransport transport, IPinterestCredential? credential)
    {
        _transport = transport;
        _credential = credential;
    }

    // A test double has no transport: the member that needed one names itself in the exception.
    private PinterestApiTransport Connected([CallerMemberName] string member = "") => _transport ?? throw ClientForMocking.NotConnected(this, member);

    /// <summary><c>POST /v5/pins</c> (200 and 201 are both success). Not retried by this layer: a retried create can duplicate the Pin.</summary>
    public virtual Task<Pin> CreateAsync(CreatePinRequest request, CancellationToken cancellationToken = default) =>
        CreateCoreAsync(request, sendAttempt: null, cancellationToken);

    /// <summary>
    /// <c>POST /v5/pins</c>, marking <paramref name="sendAttempt"/> just before the request is sent (and clearing it when
    /// Pinterest answers 401), so that the duplicate-safe create knows whether a failure may have created the Pin.
    /// Throws an invalid <paramref name="request"/> before it returns the task: nothing was sent then. On a test double
    /// the override of <see cref="CreateAsync(CreatePinRequest, CancellationToken)"/> is the create, and what it
    /// throws counts as possibly sent, as a failure on the wire would.
    /// </summary>
    internal Task<Pin> CreateAsync(CreatePinRequest request, SendAttempt? sendAttempt, CancellationToken cancellationToken)
    {
        if (_transport is null)
        {
            sendAttempt?.MarkSending();
            return CreateAsync(request, cancellationToken);
        }

        return CreateCoreAsync(request, sendAttempt, cancellationToken);
    }

    private Task<Pin> CreateCoreAsync(CreatePinRequest request, SendAttempt? sendAttempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.MediaSource is null)
        {
            throw new ArgumentException("The request has no media source.", nameof(request));
        }

        var apiRequest = PinterestApiRequest.Json(PinterestEndpoints.PinsCreate, "pins", request, PinterestJsonContext.Default.CreatePinRequest);
        return Connected(nameof(CreateAsync)).SendAsync(apiRequest, PinterestJsonContext.Default.Pin, _credential, sendAttempt, cancellationToken);
    }

    /// <summary><c>GET /v5/pins/{pin_id}</c>.</summary>
    public virtual Task<Pin> GetAsync(string pinId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pinId);
        var request = PinterestApiRequest.Create(PinterestEndpoints.PinsGet, PinPath(pinId));
        return Connected().SendAsync(request, PinterestJsonContext.Default.Pin, _credential, cancellationToken);
    }

    /// <summary><c>DELETE /v5/pins/{pin_id}</c>.</summary>
    public virtual Task DeleteAsync(string pinId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pinId);
        var request = PinterestApiRequest.Create(PinterestEndpoints.PinsDelete, PinPath(pinId));
        return Connected().SendAsync(request, _credential, cancellationToken);
    }

    /// <summary>
    /// <c>PATCH /v5/pins/{pin_id}</c>: changes a Pin's title, description, link, alt text, board or section; properties
    /// left <see langword="null"/> keep their value. Pinterest marks this endpoint <b>beta</b>, "not available to all
    /// apps": an app without access gets Pinterest's error, which this call raises unchanged.
    /// </summary>
    /// <param name="pinId">The Pin id.</param>
    /// <param name="request">What to change.</param>
    /// <param name="adAccountId">Business Access: act for the owner of this ad account (<c>ad_account_id</c>), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<Pin> UpdateAsync(string pinId, UpdatePinRequest request, string? adAccountId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pinId);
        ArgumentNullException.ThrowIfNull(request);
        var apiRequest = PinterestApiRequest.Json(PinterestEndpoints.PinsUpdate, PinPath(pinId), request, PinterestJsonContext.Default.UpdatePinRequest)
            .WithQuery(BusinessAccess.Query(adAccountId));

        // Setting the same values again leaves the same Pin: a resend after a lost answer is safe.
        apiRequest.IsIdempotent = true;
        return Connected().SendAsync(apiRequest, PinterestJsonContext.Default.Pin, _credential, cancellationToken);
    }

    /// <summary>
    /// <c>POST /v5/pins/{pin_id}/save</c>: saves an existing Pin (the user's or another's) to one of the user's boards or
    /// sections. Pinterest answers 201 with the saved Pin. Not retried by this layer: a resend can save it twice.
    /// </summary>
    /// <param name="pinId">The Pin to save.</param>
    /// <param name="request">Where to save it.</param>
    /// <param name="adAccountId">Business Access: act for the owner of this ad account (<c>ad_account_id</c>), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<Pin> SaveAsync(string pinId, SavePinRequest request, string? adAccountId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pinId);
        ArgumentNullException.ThrowIfNull(request);
        var apiRequest = PinterestApiRequest.Json(PinterestEndpoints.PinsSave, PinPath(pinId) + "/save", request, PinterestJsonContext.Default.SavePinRequest)
            .WithQuery(BusinessAccess.Query(adAccountId));
        return Connected().SendAsync(apiRequest, PinterestJsonContext.Default.Pin, _credential, cancellationToken);
    }

    /// <summary><c>GET /v5/pins</c>: the Pins the user owns, whichever board they are on, following <c>bookmark</c> through every page.</summary>
    /// <param name="filter">Which Pins to list, or <see langword="null"/> for Pinterest's defaults.</param>
    /// <param name="pageSize">Pins per request, 1 to 250.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <exception cref="PinterestApiException">Also when the list does not end: a page cursor repeats or is longer than 4,096 characters, 100 empty pages come in a row, or there are more than 10,000 pages.</exception>
    public virtual IAsyncEnumerable<Pin> GetPinsAsync(PinListFilter? filter = null, int pageSize = 25, CancellationToken cancellationToken = default)
    {
        BookmarkPages.ValidatePageSize(pageSize);
        var query = ListQuery(filter);
        return BookmarkPages.EnumerateAsync(Connected(), _credential, PinterestEndpoints.PinsList, "pins", pageSize, query, PinterestJsonContext.Default.PinterestPagePin, PageCursorGuard.MaxPages, cancellationToken);
    }

    /// <summary>
    /// <c>GET /v5/pins/analytics</c>: the analytics of up to 100 Pins in one call, by Pin id. The window rules are those
    /// of <see cref="GetAnalyticsAsync(string, DateOnly, DateOnly, IEnumerable{string}, string?, string?, string?, CancellationToken)"/>.
    /// Pinterest marks this endpoint beta, "not available to all apps". Not available on the sandbox.
    /// </summary>
    /// <param name="pinIds">1 to 100 Pin ids.</param>
    /// <param name="startDate">The first day (UTC).</param>
    /// <param name="endDate">The last day (UTC).</param>
    /// <param name="metricTypes">Metric names such as <c>IMPRESSION</c>, <c>SAVE</c>, <c>PIN_CLICK</c>, <c>OUTBOUND_CLICK</c>, <c>VIDEO_START</c>.</param>
    /// <param name="appTypes"><c>ALL</c> (default), <c>MOBILE</c>, <c>TABLET</c> or <c>WEB</c>.</param>
    /// <param name="adAccountId">Business Access: read as the owner of this ad account (<c>ad_account_id</c>), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Each Pin's report, by Pin id.</returns>
    public virtual async Task<IReadOnlyDictionary<string, AnalyticsReport>> GetAnalyticsForPinsAsync(
        IEnumerable<string> pinIds,
        DateOnly startDate,
        DateOnly endDate,
        IEnumerable<string> metricTypes,
        string? appTypes = null,
        string? adAccountId = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pinIds);
        var ids = pinIds.ToList();
        if (ids.Count is 0 or > PinterestLimits.MultiPinAnalyticsMaxPins || ids.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"Pass 1 to {PinterestLimits.MultiPinAnalyticsMaxPins} Pin ids, none empty ({ids.Count} given); split a longer list into several calls.", nameof(pinIds));
        }

        var transport = Connected();
        AnalyticsWindow.Validate(startDate, endDate, transport.TimeProvider);
        var metrics = AnalyticsWindow.ValidateMetricTypes(metricTypes, nameof(metricTypes), required: true)!;
        var query = new QueryBuilder()
            .AddRepeated("pin_ids", ids)
            .Add("start_date", startDate)
            .Add("end_date", endDate)
            .AddCommaSeparated("metric_types", metrics)
            .Add("app_types", appTypes)
            .AddAdAccountId(adAccountId);
        var request = PinterestApiRequest.Create(PinterestEndpoints.MultiPinsAnalytics, "pins/analytics").WithQuery(query);
        var byPin = await transport.SendAsync(request, PinterestJsonContext.Default.DictionaryStringDictionaryStringAnalyticsMetrics, _credential, cancellationToken).ConfigureAwait(false);
        return byPin.ToDictionary(pair => pair.Key, pair => new AnalyticsReport(pair.Value), StringComparer.Ordinal);
    }

    /// <summary>
    /// <c>GET /v5/pins/{pin_id}/analytics</c>. Pinterest accepts a window that starts at most 90 days before today (UTC)
    /// and spans at most 90 days; other windows are rejected here with an <see cref="ArgumentException"/>.
    /// </summary>
    /// <param name="pinId">The Pin id.</param>
    /// <param name="startDate">The first day (UTC).</param>
    /// <param name="endDate">The last day (UTC).</param>
    /// <param name="metricTypes">Metric names such as <c>IMPRESSION</c>, <c>SAVE</c>, <c>PIN_CLICK</c>, <c>OUTBOUND_CLICK</c>.</param>
    /// <param name="appTypes"><c>ALL</c> (default), <c>MOBILE</c>, <c>TABLET</c> or <c>WEB</c>.</param>
    /// <param name="splitField"><c>NO_SPLIT</c> (default) or <c>APP_TYPE</c>.</param>
    /// <param name="adAccountId">Business Access: read as the owner of this ad account (<c>ad_account_id</c>), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<AnalyticsReport> GetAnalyticsAsync(
        string pinId,
        DateOnly startDate,
        DateOnly endDate,
        IEnumerable<string> metricTypes,
        string? appTypes = null,
        string? splitField = null,
        string? adAccountId = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pinId);
        var transport = Connected();
        AnalyticsWindow.Validate(startDate, endDate, transport.TimeProvider);
        var metrics = AnalyticsWindow.ValidateMetricTypes(metricTypes, nameof(metricTypes), required: true)!;
        var query = AnalyticsWindow.Query(startDate, endDate, metrics, appTypes, splitField).AddAdAccountId(adAccountId);
        var request = PinterestApiRequest.Create(PinterestEndpoints.PinsAnalytics, PinPath(pinId) + "/analytics").WithQuery(query);
        return AnalyticsWindow.SendAsync(transport, request, _credential, cancellationToken);
    }

    private static string PinPath(string pinId) => "pins/" + Uri.EscapeDataString(pinId);

    // Validates the filter now (an invalid ad account id throws at the call, not at the first page) and makes each page's query.
    private static Func<QueryBuilder> ListQuery(PinListFilter? filter)
    {
        var adAccountId = filter?.AdAccountId;
        _ = BusinessAccess.Query(adAccountId, "filter.AdAccountId");
        var creativeTypes = filter?.CreativeTypes?.ToArray();
        if (creativeTypes is not null && creativeTypes.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("PinListFilter.CreativeTypes holds an empty value; remove it.", nameof(filter));
        }

        var pinFilter = filter?.PinFilter;
        var includeProtected = filter?.IncludeProtectedPins;
        var pinType = filter?.PinType;
        return () => new QueryBuilder()
            .Add("pin_filter", pinFilter)
            .Add("include_protected_pins", includeProtected)
            .Add("pin_type", pinType)
            .AddRepeated("creative_types", creativeTypes)
            .AddAdAccountId(adAccountId, "filter.AdAccountId");
    }
}
