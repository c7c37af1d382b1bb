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
    /// <param name="splitField">How to split the data (e.g. <c>NO_SPLIT</c>, <c>APP_TYPE</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<AnalyticsReport> GetAnalyticsAsync(
        DateOnly startDate,
        DateOnly endDate,
        IEnumerable<string>? metricTypes = null,
        string? appTypes = null,
        string? splitField = null,
        CancellationToken cancellationToken = default)
    {
        var transport = Connected();
        AnalyticsWindow.Validate(startDate, endDate, transport.TimeProvider);
        var metrics = AnalyticsWindow.ValidateMetricTypes(metricTypes, nameof(metricTypes), required: false);
        var query = AnalyticsWindow.Query(startDate, endDate, metrics, appTypes, splitField);
        var request = PinterestApiRequest.Create(PinterestEndpoints.UserAccountAnalytics, "user_account/analytics").WithQuery(query);
        return AnalyticsWindow.SendAsync(transport, request, _credential, cancellationToken);
    }
}
