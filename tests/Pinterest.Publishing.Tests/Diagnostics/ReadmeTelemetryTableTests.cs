using System.Diagnostics.Metrics;
using System.Reflection;
using Pinterest.Publishing.Diagnostics.Internal;

namespace Pinterest.Publishing.Tests.Diagnostics;

/// <summary>
/// The README's telemetry table lists every span and every metric the library emits, with the metric's kind, unit and
/// tag keys, and nothing else: an instrument or span added, renamed or retagged fails here until the README follows.
/// </summary>
public sealed class ReadmeTelemetryTableTests
{
    private const string TableIntro = "Every span and metric the library emits";

    [Fact]
    public void The_readme_lists_every_metric_with_its_kind_unit_and_tags()
    {
        var documented = ReadmeRows().Where(r => r.Kind != "span").ToDictionary(r => r.Name, StringComparer.Ordinal);
        var emitted = EmittedMetrics();

        Assert.Equal(emitted.Keys.Order(StringComparer.Ordinal), documented.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, metric) in emitted)
        {
            var row = documented[name];
            Assert.True(metric.Kind == row.Kind, $"{name}: the README says {row.Kind}, the code emits a {metric.Kind}");
            Assert.True(metric.Unit == row.Unit, $"{name}: the README says unit '{row.Unit}', the code '{metric.Unit}'");
            Assert.True(metric.Tags.SetEquals(row.Tags), $"{name}: the README lists tags [{string.Join(", ", row.Tags)}], the code emits [{string.Join(", ", metric.Tags)}]");
        }
    }

    [Fact]
    public void The_readme_lists_every_span()
    {
        var documented = ReadmeRows().Where(r => r.Kind == "span").Select(r => r.Name).Order(StringComparer.Ordinal);
        var declared = typeof(PinterestTelemetry).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name.EndsWith("ActivityName", StringComparison.Ordinal))
            .Select(f => (string)f.GetValue(null)!)
            .Order(StringComparer.Ordinal);

        Assert.Equal(declared, documented);
    }

    /// <summary>The span rows' tag keys, for the end-to-end span tests.</summary>
    internal static HashSet<string> DocumentedSpanTags(string span) => ReadmeRows().Single(r => r.Name == span && r.Kind == "span").Tags;

    private static List<Row> ReadmeRows()
    {
        var readme = File.ReadAllText(Path.Combine(OpenApiContract.RepositoryRoot(), "README.md"));
        var start = readme.IndexOf(TableIntro, StringComparison.Ordinal);
        Assert.True(start >= 0, $"README.md has no paragraph starting '{TableIntro}'.");
        var rows = new List<Row>();
        foreach (var line in readme[start..].Split('\n').SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')).Skip(2))
        {
            var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            rows.Add(new Row(
                Unquote(cells[0]),
                cells[1],
                Unquote(cells[2]),
                cells[3].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Unquote).ToHashSet(StringComparer.Ordinal)));
        }

        return rows;
    }

    private static string Unquote(string cell) => cell.Trim('`');

    /// <summary>Every instrument of a fresh meter, with the tag keys its helper records.</summary>
    private static Dictionary<string, Metric> EmittedMetrics()
    {
        using var telemetry = new PinterestTelemetry();
        var metrics = new Dictionary<string, Metric>(StringComparer.Ordinal);
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter, telemetry.Meter))
                {
                    metrics[instrument.Name] = new Metric(instrument.GetType().Name.StartsWith("Histogram", StringComparison.Ordinal) ? "histogram" : "counter", instrument.Unit ?? string.Empty, []);
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
        {
            foreach (var tag in tags)
            {
                metrics[instrument.Name].Tags.Add(tag.Key);
            }
        }

        listener.SetMeasurementEventCallback<long>(Record);
        listener.SetMeasurementEventCallback<double>(Record);
        listener.Start();

        telemetry.RecordPublish("published", TimeSpan.FromSeconds(1));
        telemetry.RecordPreflightIssue("code", "error");
        telemetry.RecordApiRetry(HttpMethod.Get, 503);
        telemetry.RecordTokenRefresh(PinterestTelemetry.RefreshSucceeded);
        telemetry.RecordUploadBytes(1);
        telemetry.RecordMediaPoll("processing");
        telemetry.RecordScheduleClaimed(1);
        telemetry.RecordScheduleLag(TimeSpan.FromSeconds(1));
        telemetry.RecordScheduleOutcome("published");
        return metrics;
    }

    private sealed record Row(string Name, string Kind, string Unit, HashSet<string> Tags);

    private sealed record Metric(string Kind, string Unit, HashSet<string> Tags);
}
