using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Diagnostics.Internal;
using Pinterest.Publishing.OpenTelemetry;
using Pinterest.Publishing.Scheduling;
using Pinterest.Publishing.Scheduling.Internal;
using Pinterest.Publishing.Tests.Diagnostics;

namespace Pinterest.Publishing.Tests.OpenTelemetry;

/// <summary>
/// <c>AddPinterestPublishingInstrumentation()</c> subscribes OpenTelemetry's tracer and meter providers to the library:
/// a scheduled Pin is one span around its publish span, the dispatcher's metrics are exported, and no tag holds a
/// token. Spans and metrics of tests running in parallel are told apart by the trace of this test's own root span.
/// </summary>
public sealed class InstrumentationTests
{
    [Fact]
    public async Task A_scheduled_pin_is_one_span_around_its_publish_and_the_dispatcher_metrics_are_exported_without_secrets()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        using var testSource = new ActivitySource("Pinterest.Publishing.Tests.Instrumentation");
        using var tracer = Sdk.CreateTracerProviderBuilder().AddSource(testSource.Name).AddPinterestPublishingInstrumentation().AddInMemoryExporter(spans).Build();
        using var meters = Sdk.CreateMeterProviderBuilder().AddPinterestPublishingInstrumentation().AddInMemoryExporter(metrics).Build();
        await using var h = await PublishingHarness.CreateAsync();
        var store = new InMemoryPinScheduleStore();
        var pin = store.Schedule(h.ImageRequest(), h.Time.GetUtcNow() - TimeSpan.FromSeconds(30));
        var dispatcher = new PinScheduleDispatcher(
            store, h.Publisher, Options.Create(new PinSchedulingOptions()), h.Time, NullLoggerFactory.Instance, telemetry: h.Services.GetRequiredService<PinterestTelemetry>());

        ActivityTraceId trace;
        ActivitySpanId rootSpan;
        using (var root = testSource.StartActivity("test")!)
        {
            trace = root.TraceId;
            rootSpan = root.SpanId;
            Assert.Equal(1, await dispatcher.RunOnceAsync(CancellationToken.None));
        }

        tracer.ForceFlush();
        meters.ForceFlush();

        var mine = spans.Where(s => s.TraceId == trace).ToArray();
        var scheduled = Assert.Single(mine, s => s.OperationName == PinterestTelemetry.ScheduledPinActivityName);
        var publish = Assert.Single(mine, s => s.OperationName == PinterestTelemetry.PublishActivityName);
        Assert.Equal(rootSpan, scheduled.ParentSpanId);
        Assert.Equal(scheduled.SpanId, publish.ParentSpanId);
        Assert.Equal(pin.Id, scheduled.GetTagItem(PinterestTelemetry.ScheduledPinIdTag));
        Assert.Equal("published", scheduled.GetTagItem(PinterestTelemetry.OutcomeTag));
        Assert.Equal(Assert.Single(h.Emulator.Pins).Id, scheduled.GetTagItem(PinterestTelemetry.PinIdTag));
        Assert.Subset(ReadmeTelemetryTableTests.DocumentedSpanTags(PinterestTelemetry.ScheduledPinActivityName), scheduled.TagObjects.Select(t => t.Key).ToHashSet());
        Assert.Subset(ReadmeTelemetryTableTests.DocumentedSpanTags(PinterestTelemetry.PublishActivityName), publish.TagObjects.Select(t => t.Key).ToHashSet());

        var token = (await h.Services.GetRequiredService<IPinterestTokenStore>().GetTokenAsync(PublishingHarness.AccountId))!;
        var tagValues = mine.SelectMany(s => s.TagObjects).Select(t => t.Value?.ToString() ?? string.Empty).Concat(MetricTagValues(metrics)).ToArray();
        Assert.DoesNotContain(tagValues, v => v.Contains(token.AccessToken, StringComparison.Ordinal) || (token.RefreshToken is { } r && v.Contains(r, StringComparison.Ordinal)));

        var names = metrics.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("pinterest.schedule.claimed", names);
        Assert.Contains("pinterest.schedule.lag", names);
        Assert.Contains("pinterest.schedule.outcomes", names);
        Assert.Contains("published", MetricTagValues(metrics.Where(m => m.Name == "pinterest.schedule.outcomes")));
    }

    private static List<string> MetricTagValues(IEnumerable<Metric> metrics)
    {
        var values = new List<string>();
        foreach (var metric in metrics)
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                foreach (var tag in point.Tags)
                {
                    values.Add(tag.Value?.ToString() ?? string.Empty);
                }
            }
        }

        return values;
    }
}
