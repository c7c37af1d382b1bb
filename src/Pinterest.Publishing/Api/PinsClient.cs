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
        var request = PinterestApiRequest.Create(PinterestEndpoints.PinsGet, "pins/" + Uri.EscapeDataString(pinId));
        return Connected().SendAsync(request, PinterestJsonContext.Default.Pin, _credential, cancellationToken);
    }

    /// <summary><c>DELETE /v5/pins/{pin_id}</c>.</summary>
    public virtual Task DeleteAsync(string pinId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pinId);
        var request = PinterestApiRequest.Create(PinterestEndpoints.PinsDelete, "pins/" + Uri.EscapeDataString(pinId));
        return Connected().SendAsync(request, _credential, cancellationToken);
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
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<AnalyticsReport> GetAnalyticsAsync(
        string pinId,
        DateOnly startDate,
        DateOnly endDate,
        IEnumerable<string> metricTypes,
        string? appTypes = null,
        string? splitField = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pinId);
        var transport = Connected();
        AnalyticsWindow.Validate(startDate, endDate, transport.TimeProvider);
        var metrics = AnalyticsWindow.ValidateMetricTypes(metricTypes, nameof(metricTypes), required: true)!;
        var query = AnalyticsWindow.Query(startDate, endDate, metrics, appTypes, splitField);
        var request = PinterestApiRequest.Create(PinterestEndpoints.PinsAnalytics, "pins/" + Uri.EscapeDataString(pinId) + "/analytics").WithQuery(query);
        return AnalyticsWindow.SendAsync(transport, request, _credential, cancellationToken);
    }
}
