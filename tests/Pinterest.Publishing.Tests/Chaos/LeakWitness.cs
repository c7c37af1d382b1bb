using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Text;

namespace Pinterest.Publishing.Tests.Chaos;

/// <summary>
/// Everything the library says while a test runs: log entries down to Trace (message, state and scope values,
/// exception), the spans and metric measurements of the <c>Pinterest.Publishing</c> source and meter, and the texts the
/// test adds (exceptions with their inner exceptions and request ids, outcome reasons, records). <see cref="FindLeaks"/>
/// searches all of it for secrets, as sent and URL-encoded.
/// </summary>
internal sealed class LeakWitness : IDisposable
{
    private const string SourceName = "Pinterest.Publishing";

    // Shorter values could match by chance; every secret of a run is far longer.
    private const int MinSecretLength = 8;

    private readonly ConcurrentQueue<(string Where, string Text)> _texts = new();

    // Measurements repeat the same few tag sets thousands of times: each distinct one is kept once.
    private readonly ConcurrentDictionary<string, byte> _measurements = new(StringComparer.Ordinal);
    private readonly ActivityListener _spans;
    private readonly MeterListener _metrics;
    private int _spanCount;
    private int _measurementCount;

    public LeakWitness()
    {
        _spans = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SourceName,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = OnSpan,
        };
        ActivitySource.AddActivityListener(_spans);

        _metrics = new MeterListener
        {
            InstrumentPublished = static (instrument, listener) =>
            {
                if (instrument.Meter.Name == SourceName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _metrics.SetMeasurementEventCallback<long>((instrument, _, tags, _) => OnMeasurement(instrument, tags));
        _metrics.SetMeasurementEventCallback<double>((instrument, _, tags, _) => OnMeasurement(instrument, tags));
        _metrics.SetMeasurementEventCallback<int>((instrument, _, tags, _) => OnMeasurement(instrument, tags));
        _metrics.Start();
    }

    /// <summary>Add it to the services' logging, at <c>LogLevel.Trace</c>.</summary>
    public CapturingLoggerProvider Logs { get; } = new();

    public int SpanCount => Volatile.Read(ref _spanCount);

    public int MeasurementCount => Volatile.Read(ref _measurementCount);

    /// <summary>Every text seen so far, logs included, with where it was seen.</summary>
    public IEnumerable<(string Where, string Text)> Texts =>
        _texts.Concat(Logs.Entries.Select(e => ("log", e))).Concat(_measurements.Keys.Select(m => ("metric", m)));

    public void Add(string where, string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            _texts.Enqueue((where, text));
        }
    }

    /// <summary>The exception as printed (inner exceptions and stack included), each message and each request id.</summary>
    public void AddException(string where, Exception exception)
    {
        Add(where, exception.ToString());
        for (var current = exception; current is not null; current = current.InnerException)
        {
            Add($"{where} message", current.Message);
            if (current is PinterestApiException api)
            {
                Add($"{where} request id", api.RequestId);
            }
        }
    }

    /// <summary>Where each secret that appears somewhere was seen: "kind in where: text".</summary>
    public IReadOnlyList<string> FindLeaks(IEnumerable<(string Kind, string Value)> secrets)
    {
        var variants = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (kind, value) in secrets.Where(s => s.Value.Length >= MinSecretLength))
        {
            variants.TryAdd(value, kind);
            variants.TryAdd(Uri.EscapeDataString(value), $"{kind} (URL-encoded)");
            variants.TryAdd(WebUtility.UrlEncode(value), $"{kind} (form-encoded)");
        }

        // One multi-string search per text: a run has thousands of secrets and tens of thousands of texts.
        var search = SearchValues.Create(variants.Keys.ToArray(), StringComparison.Ordinal);
        var leaks = new List<string>();
        foreach (var (where, text) in Texts)
        {
            if (text.AsSpan().IndexOfAny(search) >= 0)
            {
                var found = variants.Where(v => text.Contains(v.Key, StringComparison.Ordinal)).Select(v => v.Value);
                leaks.Add($"{string.Join(", ", found.Distinct())} in {where}: {text}");
            }
        }

        return leaks;
    }

    public void Dispose()
    {
        _spans.Dispose();
        _metrics.Dispose();
    }

    private void OnSpan(Activity activity)
    {
        Interlocked.Increment(ref _spanCount);
        var text = new StringBuilder()
            .Append(activity.OperationName).Append(" '").Append(activity.DisplayName).Append("' ")
            .Append(activity.Status).Append(' ').Append(activity.StatusDescription);
        Append(text, activity.TagObjects);
        Append(text, activity.Baggage.Select(b => new KeyValuePair<string, object?>(b.Key, b.Value)));
        foreach (var e in activity.Events)
        {
            text.Append(" | event ").Append(e.Name);
            Append(text, e.Tags);
        }

        _texts.Enqueue(("span", text.ToString()));
    }

    private void OnMeasurement(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        Interlocked.Increment(ref _measurementCount);
        var text = new StringBuilder(instrument.Name);
        foreach (var (key, value) in tags)
        {
            text.Append(" | ").Append(key).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture));
        }

        _measurements.TryAdd(text.ToString(), 0);
    }

    private static void Append(StringBuilder text, IEnumerable<KeyValuePair<string, object?>> pairs)
    {
        foreach (var (key, value) in pairs)
        {
            text.Append(" | ").Append(key).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture));
        }
    }
}
