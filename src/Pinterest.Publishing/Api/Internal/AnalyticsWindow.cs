using Pinterest.Publishing.Api.Models;
using Pinterest.Publishing.Authentication.Internal;

namespace Pinterest.Publishing.Api.Internal;

/// <summary>The analytics window rules Pinterest enforces, checked before a call is made.</summary>
internal static class AnalyticsWindow
{
    public static void Validate(DateOnly startDate, DateOnly endDate, TimeProvider timeProvider)
    {
        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        if (endDate < startDate)
        {
            throw new ArgumentException($"The analytics end date {endDate:yyyy-MM-dd} is before the start date {startDate:yyyy-MM-dd}.", nameof(endDate));
        }

        if (startDate.DayNumber < today.DayNumber - PinterestLimits.AnalyticsMaxDays)
        {
            throw new ArgumentException(
                $"Pinterest analytics cannot start more than {PinterestLimits.AnalyticsMaxDays} days before today (UTC): {startDate:yyyy-MM-dd} is {today.DayNumber - startDate.DayNumber} days before {today:yyyy-MM-dd}.",
                nameof(startDate));
        }

        if (endDate.DayNumber - startDate.DayNumber > PinterestLimits.AnalyticsMaxDays)
        {
            throw new ArgumentException(
                $"A Pinterest analytics window can span at most {PinterestLimits.AnalyticsMaxDays} days; {startDate:yyyy-MM-dd} to {endDate:yyyy-MM-dd} spans {endDate.DayNumber - startDate.DayNumber} days.",
                nameof(endDate));
        }
    }

    public static List<string>? ValidateMetricTypes(IEnumerable<string>? metricTypes, string parameterName, bool required)
    {
        if (metricTypes is null)
        {
            return required ? throw new ArgumentNullException(parameterName) : null;
        }

        var list = new List<string>();
        foreach (var metric in metricTypes)
        {
            if (string.IsNullOrWhiteSpace(metric) || metric.Contains(',', StringComparison.Ordinal))
            {
                throw new ArgumentException("A metric type is empty or contains a comma.", parameterName);
            }

            list.Add(metric.Trim());
        }

        if (list.Count == 0)
        {
            return required ? throw new ArgumentException("At least one metric type is required.", parameterName) : null;
        }

        return list;
    }

    /// <summary>The query every analytics endpoint takes: the window, the metrics, and the optional filters.</summary>
    public static QueryBuilder Query(DateOnly startDate, DateOnly endDate, IEnumerable<string>? metricTypes, string? appTypes, string? splitField) =>
        new QueryBuilder()
            .Add("start_date", startDate)
            .Add("end_date", endDate)
            .AddCommaSeparated("metric_types", metricTypes)
            .Add("app_types", appTypes)
            .Add("split_field", splitField);

    /// <summary>Adds the user account analytics filters that are set (content, format, source, Business Access).</summary>
    public static QueryBuilder AddFilter(this QueryBuilder query, AccountAnalyticsFilter? filter) =>
        filter is null
            ? query
            : query
                .Add("from_claimed_content", filter.FromClaimedContent)
                .Add("pin_format", filter.PinFormat)
                .Add("content_type", filter.ContentType)
                .Add("source", filter.Source)
                .AddAdAccountId(filter.AdAccountId, "filter.AdAccountId");

    public static async Task<AnalyticsReport> SendAsync(PinterestApiTransport transport, PinterestApiRequest request, IPinterestCredential? credential, CancellationToken cancellationToken)
    {
        var groups = await transport.SendAsync(request, PinterestJsonContext.Default.DictionaryStringAnalyticsMetrics, credential, cancellationToken).ConfigureAwait(false);
        return new AnalyticsReport(groups);
    }
}
