using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Pinterest.Publishing.Diagnostics.Internal;
using Pinterest.Publishing.Internal.PublishPath;
using Pinterest.Publishing.Preflight;

namespace Pinterest.Publishing.Tests.Diagnostics.Internal;

public sealed class PinterestTelemetryTests : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly IMeterFactory _meterFactory;
    private readonly PinterestTelemetry _telemetry;

    public PinterestTelemetryTests()
    {
        _services = new ServiceCollection().AddMetrics().AddSingleton<PinterestTelemetry>().BuildServiceProvider();
        _meterFactory = _services.GetRequiredService<IMeterFactory>();
        _telemetry = _services.GetRequiredService<PinterestTelemetry>();
    }

    public void Dispose() => _services.Dispose();

    private MetricCollector<T> Collect<T>(string instrument)
        where T : struct => new(_meterFactory, "Pinterest.Publishing", instrument);

    [Fact]
    public void Meter_comes_from_the_factory_with_the_library_name_and_version()
    {
        Assert.Equal("Pinterest.Publishing", _telemetry.Meter.Name);
        Assert.Same(_meterFactory, _telemetry.Meter.Scope);
        Assert.False(string.IsNullOrEmpty(_telemetry.Meter.Version));
        Assert.Equal(PinterestTelemetry.Version, _telemetry.Meter.Version);
        Assert.DoesNotContain('+', PinterestTelemetry.Version!);
        Assert.StartsWith(
            typeof(PinterestTelemetry).Assembly.GetName().Version!.ToString(3),
            PinterestTelemetry.Version!,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Every_instrument_is_published_with_its_name_and_unit()
    {
        var published = new List<(string Name, string? Unit, Type Type)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (ReferenceEquals(instrument.Meter, _telemetry.Meter))
                {
                    published.Add((instrument.Name, instrument.Unit, instrument.GetType().GetGenericTypeDefinition()));
                }
            },
        };
        listener.Start();

        Assert.Equal(
            [
                ("pinterest.api.retries", "{retry}", typeof(Counter<>)),
                ("pinterest.media.polls", "{poll}", typeof(Counter<>)),
                ("pinterest.preflight.issues", "{issue}", typeof(Counter<>)),
                ("pinterest.publish.count", "{pin}", typeof(Counter<>)),
                ("pinterest.publish.duration", "s", typeof(Histogram<>)),
                ("pinterest.schedule.claimed", "{pin}", typeof(Counter<>)),
                ("pinterest.schedule.lag", "s", typeof(Histogram<>)),
                ("pinterest.schedule.outcomes", "{pin}", typeof(Counter<>)),
                ("pinterest.token.refreshes", "{refresh}", typeof(Counter<>)),
                ("pinterest.upload.bytes", "By", typeof(Counter<>)),
            ],
            published.OrderBy(p => p.Name, StringComparer.Ordinal));
    }

    [Fact]
    public void Publish_records_count_and_duration_in_seconds_by_outcome()
    {
        using var count = Collect<long>("pinterest.publish.count");
        using var duration = Collect<double>("pinterest.publish.duration");

        _telemetry.RecordPublish("published", TimeSpan.FromMilliseconds(1500));
        _telemetry.RecordPublish("rejected", TimeSpan.FromSeconds(2));

        Assert.Equal([("published", 1L), ("rejected", 1L)], count.GetMeasurementSnapshot().Select(m => ((string)m.Tags["outcome"]!, m.Value)));
        Assert.Equal([("published", 1.5), ("rejected", 2.0)], duration.GetMeasurementSnapshot().Select(m => ((string)m.Tags["outcome"]!, m.Value)));
    }

    [Fact]
    public void Preflight_issues_are_counted_by_code_and_severity()
    {
        using var issues = Collect<long>("pinterest.preflight.issues");
        var result = new PreflightResult(
        [
            new PreflightIssue { Code = "title_too_long", Severity = PreflightSeverity.Error, Message = "m" },
            new PreflightIssue { Code = "image_small", Severity = PreflightSeverity.Warning, Message = "m" },
        ]);

        _telemetry.RecordPreflightIssues(result);

        Assert.Equal(
            [("title_too_long", "error"), ("image_small", "warning")],
            issues.GetMeasurementSnapshot().Select(m => ((string)m.Tags["code"]!, (string)m.Tags["severity"]!)));
        Assert.All(issues.GetMeasurementSnapshot(), m => Assert.Equal(1, m.Value));
    }

    [Fact]
    public void Api_retries_are_counted_by_method_and_status()
    {
        using var retries = Collect<long>("pinterest.api.retries");

        _telemetry.RecordApiRetry(HttpMethod.Post, 429);
        _telemetry.RecordApiRetry(HttpMethod.Get, null);

        Assert.Equal(
            [("POST", "429"), ("GET", "none")],
            retries.GetMeasurementSnapshot().Select(m => ((string)m.Tags["method"]!, (string)m.Tags["status"]!)));
    }

    [Fact]
    public void Token_refreshes_are_counted_by_result()
    {
        using var refreshes = Collect<long>("pinterest.token.refreshes");

        _telemetry.RecordTokenRefresh(PinterestTelemetry.RefreshSucceeded);
        _telemetry.RecordTokenRefresh(PinterestTelemetry.RefreshFailed);
        _telemetry.RecordTokenRefresh(PinterestTelemetry.RefreshReauthorizationRequired);

        Assert.Equal(
            ["success", "failure", "reauthorization_required"],
            refreshes.GetMeasurementSnapshot().Select(m => (string)m.Tags["result"]!));
    }

    [Fact]
    public void Upload_bytes_and_media_polls_are_counted()
    {
        using var bytes = Collect<long>("pinterest.upload.bytes");
        using var polls = Collect<long>("pinterest.media.polls");

        _telemetry.RecordUploadBytes(1024);
        _telemetry.RecordUploadBytes(0);
        _telemetry.RecordUploadBytes(76);
        _telemetry.RecordMediaPoll("processing");
        _telemetry.RecordMediaPoll("succeeded");

        Assert.Equal(1100, bytes.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(2, bytes.GetMeasurementSnapshot().Count);
        Assert.Equal(["processing", "succeeded"], polls.GetMeasurementSnapshot().Select(m => (string)m.Tags["status"]!));
        Assert.Throws<ArgumentOutOfRangeException>(() => _telemetry.RecordUploadBytes(-1));
    }

    [Fact]
    public void Measurements_of_another_instance_are_not_collected()
    {
        using var other = new PinterestTelemetry();
        using var refreshes = Collect<long>("pinterest.token.refreshes");

        other.RecordTokenRefresh(PinterestTelemetry.RefreshSucceeded);

        Assert.Empty(refreshes.GetMeasurementSnapshot());
    }

    [Fact]
    public void Activity_source_is_named_after_the_library_and_starts_activities_when_listened_to()
    {
        var started = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Pinterest.Publishing",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = a =>
            {
                if (a.OperationName == "pinterest.test")
                {
                    lock (started)
                    {
                        started.Add(a);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        using (var activity = PinterestTelemetry.StartActivity("pinterest.test", ActivityKind.Client))
        {
            Assert.NotNull(activity);
            Assert.Equal(ActivityKind.Client, activity.Kind);
        }

        var recorded = Assert.Single(started);
        Assert.Equal("Pinterest.Publishing", recorded.Source.Name);
        Assert.Equal(PinterestTelemetry.Version, recorded.Source.Version);
    }
}
