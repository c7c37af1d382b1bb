using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Reflection;

namespace Pinterest.Publishing.Diagnostics.Internal;

/// <summary>
/// The library's <see cref="System.Diagnostics.ActivitySource"/> and <see cref="Meter"/>, both named
/// <c>Pinterest.Publishing</c>, with one helper per measurement so that names, units and tags live in one place.
/// </summary>
/// <remarks>
/// An instance class rather than a static one: registered as a DI singleton it creates its meter through the host's
/// <see cref="IMeterFactory"/> (the .NET guidance for libraries), and every test gets its own instruments, so
/// measurements of tests running in parallel never mix. Code built without DI uses <see cref="Shared"/>.
/// The <see cref="ActivitySource"/> is static: activities have no factory and listeners select sources by name.
/// </remarks>
internal sealed class PinterestTelemetry : IDisposable
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = PinterestPublishingTelemetry.ActivitySourceName;

    /// <summary>The activity of one token refresh.</summary>
    public const string TokenRefreshActivityName = "pinterest.token.refresh";

    /// <summary>The activity of one publish through the facade.</summary>
    public const string PublishActivityName = "pinterest.publish";

    /// <summary>The activity of one scheduled Pin in the dispatcher: the parent of its <see cref="PublishActivityName"/>.</summary>
    public const string ScheduledPinActivityName = "pinterest.schedule.publish";

    /// <summary>Span tag: the host's account id.</summary>
    public const string AccountIdTag = "pinterest.account.id";

    /// <summary>Span tag: the id of the created Pin.</summary>
    public const string PinIdTag = "pinterest.pin.id";

    /// <summary>Span tag: the schedule store's id of the Pin.</summary>
    public const string ScheduledPinIdTag = "pinterest.scheduled_pin.id";

    /// <summary>Span tag: the attempt of a scheduled Pin, from 1.</summary>
    public const string AttemptTag = "pinterest.schedule.attempt";

    /// <summary>Span and metric tag: the outcome.</summary>
    public const string OutcomeTag = "outcome";

    /// <summary>Result tag of <c>pinterest.token.refreshes</c>: a new token was stored.</summary>
    public const string RefreshSucceeded = "success";

    /// <summary>Result tag of <c>pinterest.token.refreshes</c>: Pinterest rejected the refresh token.</summary>
    public const string RefreshReauthorizationRequired = "reauthorization_required";

    /// <summary>Result tag of <c>pinterest.token.refreshes</c>: any other failure (network, 5xx, store).</summary>
    public const string RefreshFailed = "failure";

    // The statuses of GET /v5/media/{id} that Pinterest documents: the only media status tags besides "other".
    private static readonly string[] MediaStatuses = ["registered", "processing", "succeeded", "failed"];

    /// <summary>The assembly's informational version without build metadata (e.g. <c>0.1.0</c>).</summary>
    public static readonly string? Version = GetVersion();

    /// <summary>The activity source named <see cref="Name"/>.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name, Version);

    /// <summary>An instance over a meter this class owns, for code built without dependency injection.</summary>
    public static PinterestTelemetry Shared { get; } = new();

    private readonly bool _ownsMeter;

    /// <summary>Creates the instruments, on a meter from <paramref name="meterFactory"/> when one is given.</summary>
    public PinterestTelemetry(IMeterFactory? meterFactory = null)
    {
        var options = new MeterOptions(PinterestPublishingTelemetry.MeterName) { Version = Version };
        if (meterFactory is null)
        {
            Meter = new Meter(options);
            _ownsMeter = true;
        }
        else
        {
            Meter = meterFactory.Create(options);
        }

        PublishCount = Meter.CreateCounter<long>("pinterest.publish.count", "{pin}", "Publish attempts through the facade, by outcome.");
        PublishDuration = Meter.CreateHistogram<double>("pinterest.publish.duration", "s", "Duration of a publish, from preflight to the outcome.");
        PreflightIssues = Meter.CreateCounter<long>("pinterest.preflight.issues", "{issue}", "Preflight issues found, by code and severity.");
        ApiRetries = Meter.CreateCounter<long>("pinterest.api.retries", "{retry}", "Retried Pinterest API requests, by method and the status that caused the retry.");
        TokenRefreshes = Meter.CreateCounter<long>("pinterest.token.refreshes", "{refresh}", "OAuth token refreshes, by result.");
        UploadBytes = Meter.CreateCounter<long>("pinterest.upload.bytes", "By", "Media bytes uploaded.");
        MediaPolls = Meter.CreateCounter<long>("pinterest.media.polls", "{poll}", "Media status polls, by the status Pinterest answered.");
        ScheduleClaimed = Meter.CreateCounter<long>("pinterest.schedule.claimed", "{pin}", "Scheduled Pins the dispatcher claimed.");
        ScheduleLag = Meter.CreateHistogram<double>("pinterest.schedule.lag", "s", "How late a scheduled Pin was claimed: claim time minus due time.");
        ScheduleOutcomes = Meter.CreateCounter<long>("pinterest.schedule.outcomes", "{pin}", "Outcomes of scheduled Pins, by kind.");
    }

    /// <summary>The meter named <see cref="Name"/>.</summary>
    public Meter Meter { get; }

    internal Counter<long> PublishCount { get; }

    internal Histogram<double> PublishDuration { get; }

    internal Counter<long> PreflightIssues { get; }

    internal Counter<long> ApiRetries { get; }

    internal Counter<long> TokenRefreshes { get; }

    internal Counter<long> UploadBytes { get; }

    internal Counter<long> MediaPolls { get; }

    internal Counter<long> ScheduleClaimed { get; }

    internal Histogram<double> ScheduleLag { get; }

    internal Counter<long> ScheduleOutcomes { get; }

    /// <summary>Starts an activity of <see cref="ActivitySource"/>, or returns <see langword="null"/> when nobody listens.</summary>
    public static Activity? StartActivity(string name, ActivityKind kind = ActivityKind.Internal) => ActivitySource.StartActivity(name, kind);

    /// <summary>Records one publish and its duration.</summary>
    /// <param name="outcome">A low-cardinality outcome: <c>published</c>, <c>rejected</c>, <c>retry</c>, <c>unknown</c>, <c>reauthorize</c>, <c>missing_scope</c>, <c>app_credentials</c>, <c>failed</c>.</param>
    /// <param name="duration">From the start of preflight to the outcome.</param>
    public void RecordPublish(string outcome, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>(OutcomeTag, outcome);
        PublishCount.Add(1, tag);
        PublishDuration.Record(duration.TotalSeconds, tag);
    }

    /// <summary>
    /// Records one preflight issue. Preflight's own types stay out of this bottom layer: the publish path maps a
    /// result's issues onto this (<c>PreflightTelemetry.RecordPreflightIssues</c>).
    /// </summary>
    /// <param name="code">The issue's code.</param>
    /// <param name="severity">The severity tag: <c>error</c>, <c>warning</c> or <c>unknown</c>.</param>
    public void RecordPreflightIssue(string code, string severity) =>
        PreflightIssues.Add(1, new("code", code), new("severity", severity));

    /// <summary>Records one retry of an API request.</summary>
    /// <param name="method">The HTTP method of the retried request.</param>
    /// <param name="statusCode">The status that caused the retry, or <see langword="null"/> when no response came (the tag is then <c>none</c>).</param>
    public void RecordApiRetry(HttpMethod method, int? statusCode)
    {
        ArgumentNullException.ThrowIfNull(method);
        ApiRetries.Add(1, new("method", method.Method), new("status", statusCode?.ToString(CultureInfo.InvariantCulture) ?? "none"));
    }

    /// <summary>Records one token refresh.</summary>
    /// <param name="result"><see cref="RefreshSucceeded"/>, <see cref="RefreshReauthorizationRequired"/> or <see cref="RefreshFailed"/>.</param>
    public void RecordTokenRefresh(string result) => TokenRefreshes.Add(1, new KeyValuePair<string, object?>("result", result));

    /// <summary>Records uploaded media bytes.</summary>
    public void RecordUploadBytes(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        if (bytes > 0)
        {
            UploadBytes.Add(bytes);
        }
    }

    /// <summary>The <c>status</c> tag of <c>pinterest.media.polls</c> for a status Pinterest does not document.</summary>
    public const string OtherMediaStatus = "other";

    /// <summary>Records one media status poll.</summary>
    /// <param name="status">
    /// The status Pinterest answered. The server chooses it, so only <c>registered</c>, <c>processing</c>,
    /// <c>succeeded</c> and <c>failed</c> (any case) become tags; anything else is <see cref="OtherMediaStatus"/>, so a
    /// misbehaving server cannot create a time series per poll.
    /// </param>
    public void RecordMediaPoll(string? status) => MediaPolls.Add(1, new KeyValuePair<string, object?>("status", MediaStatusTag(status)));

    /// <summary>Records Pins the dispatcher claimed.</summary>
    public void RecordScheduleClaimed(int count) => ScheduleClaimed.Add(count);

    /// <summary>Records how late one scheduled Pin was claimed (now − due, never negative).</summary>
    public void RecordScheduleLag(TimeSpan lag) => ScheduleLag.Record(lag.TotalSeconds);

    /// <summary>Records one scheduled Pin's outcome.</summary>
    /// <param name="outcome">The outcome kind in snake case (<c>published</c>, <c>retry_at</c>, ...).</param>
    public void RecordScheduleOutcome(string outcome) => ScheduleOutcomes.Add(1, new KeyValuePair<string, object?>(OutcomeTag, outcome));

    /// <inheritdoc />
    public void Dispose()
    {
        // A factory's meters belong to the factory, which disposes them with the container.
        if (_ownsMeter)
        {
            Meter.Dispose();
        }
    }

    private static string MediaStatusTag(string? status)
    {
        foreach (var known in MediaStatuses)
        {
            if (string.Equals(known, status, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return OtherMediaStatus;
    }

    private static string? GetVersion()
    {
        var assembly = typeof(PinterestTelemetry).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (informational is null)
        {
            return assembly.GetName().Version?.ToString();
        }

        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
