using System.Globalization;

namespace Pinterest.Publishing.Testing.Internal;

/// <summary>
/// The analytics routes' date window (at most 90 days back, at most 90 days long) and their answer: daily and summary
/// metrics as small deterministic numbers, plausible and stable across calls so that tests can compare them.
/// </summary>
internal static class AnalyticsReport
{
    /// <summary>The metrics <c>GET /v5/user_account/analytics</c> knows, and answers when none are asked for.</summary>
    public static readonly string[] UserMetrics = ["ENGAGEMENT", "ENGAGEMENT_RATE", "IMPRESSION", "OUTBOUND_CLICK", "OUTBOUND_CLICK_RATE", "PIN_CLICK", "PIN_CLICK_RATE", "SAVE", "SAVE_RATE"];

    public static (DateOnly Start, DateOnly End) ParseWindow(Dictionary<string, string> query, DateOnly today)
    {
        var start = ParseDate(query, "start_date");
        var end = ParseDate(query, "end_date");
        if (start < today.AddDays(-90))
        {
            throw PinterestApiError.Invalid("Invalid parameter: 'start_date' cannot be more than 90 days back from today.");
        }

        if (end < start)
        {
            throw PinterestApiError.Invalid("Invalid parameter: 'end_date' must not be before 'start_date'.");
        }

        if (end.DayNumber - start.DayNumber > 90)
        {
            throw PinterestApiError.Invalid("Invalid parameter: 'end_date' cannot be more than 90 days past 'start_date'.");
        }

        return (start, end);
    }

    /// <summary>The answer body; <paramref name="lifetime"/> adds a Pin's lifetime metrics.</summary>
    public static byte[] Write(DateOnly start, DateOnly end, string[] metrics, bool lifetime) => EmulatorJson.Write(w =>
    {
        static long Value(DateOnly day, string metric) => (uint)HashCode.Combine(day.DayNumber, metric.Length, metric[0], metric[^1]) % 50;

        w.WriteStartObject();
        w.WritePropertyName("all");
        w.WriteStartObject();
        w.WritePropertyName("daily_metrics");
        w.WriteStartArray();
        var totals = new long[metrics.Length];
        for (var day = start; day <= end; day = day.AddDays(1))
        {
            w.WriteStartObject();
            w.WriteString("date", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteString("data_status", "READY");
            w.WritePropertyName("metrics");
            w.WriteStartObject();
            for (var i = 0; i < metrics.Length; i++)
            {
                var value = Value(day, metrics[i]);
                totals[i] += value;
                w.WriteNumber(metrics[i], value);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WritePropertyName("summary_metrics");
        w.WriteStartObject();
        for (var i = 0; i < metrics.Length; i++)
        {
            w.WriteNumber(metrics[i], totals[i]);
        }

        w.WriteEndObject();
        if (lifetime)
        {
            w.WritePropertyName("lifetime_metrics");
            w.WriteStartObject();
            w.WriteNumber("TOTAL_COMMENTS", 0);
            w.WriteNumber("TOTAL_REACTIONS", 0);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    });

    private static DateOnly ParseDate(Dictionary<string, string> query, string name)
    {
        if (!query.TryGetValue(name, out var text) || text.Length == 0)
        {
            throw PinterestApiError.Invalid($"Missing parameter: '{name}'.");
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw PinterestApiError.Invalid($"Invalid parameter: '{name}' must be a date in the format YYYY-MM-DD.");
        }

        return date;
    }
}
