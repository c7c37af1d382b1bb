using Pinterest.Publishing.Testing.Internal;

namespace Pinterest.Publishing.Testing;

// Top Pins and top video Pins analytics, and the media list.
public sealed partial class PinterestEmulator
{
    // Sorted by the requested metric; values are small deterministic numbers per Pin and metric, stable across calls.
    private EmulatorHttpResponse HandleTopPins(string accountId, Dictionary<string, string> query, bool video)
    {
        OrganicQuery.AdAccountId(query);
        var (start, end) = AnalyticsReport.ParseWindow(query, Today());
        var sortBy = OrganicQuery.OneOf(query, "sort_by", video ? OrganicQuery.TopVideoPinsSortBy : OrganicQuery.TopPinsSortBy)
            ?? throw PinterestApiError.Invalid("Missing parameter: 'sort_by'.");
        var known = video ? OrganicQuery.TopVideoPinsMetrics : AnalyticsReport.UserMetrics;
        var metrics = OrganicQuery.ListOf(query, "metric_types", known) ?? known;
        var count = OrganicQuery.Integer(query, "num_of_pins", 1, 50, fallback: 10);
        var createdInLastDays = OrganicQuery.Integer(query, "created_in_last_n_days", 30, 30, fallback: 0);
        _ = OrganicQuery.OneOf(query, "from_claimed_content", OrganicQuery.FromClaimedContent);
        _ = OrganicQuery.OneOf(query, "pin_format", OrganicQuery.PinFormats);
        _ = OrganicQuery.OneOf(query, "app_types", OrganicQuery.AppTypes);
        _ = OrganicQuery.OneOf(query, "content_type", OrganicQuery.ContentTypes);
        _ = OrganicQuery.OneOf(query, "source", OrganicQuery.Sources);

        // FNV-1a, not string.GetHashCode: the same Pins rank the same in every process.
        static long Value(string pinId, string metric)
        {
            var hash = 14695981039346656037UL;
            foreach (var c in pinId + "|" + metric)
            {
                hash = (hash ^ c) * 1099511628211UL;
            }

            return (long)(hash % 1000);
        }

        var since = _time.GetUtcNow().AddDays(-createdInLastDays);
        List<EmulatedPin> top;
        lock (_gate)
        {
            top = _pins.Values
                .Where(p => p.AccountId == accountId && (!video || p.MediaSourceType == "video_id") && (createdInLastDays == 0 || p.CreatedAt >= since))
                .OrderByDescending(p => Value(p.Id, sortBy))
                .ThenBy(p => p.Id, StringComparer.Ordinal)
                .Take(count)
                .ToList();
        }

        var reported = metrics.Contains(sortBy, StringComparer.Ordinal) ? metrics : [.. metrics, sortBy];
        return EmulatorHttpResponse.Json(200, EmulatorJson.Write(w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("date_availability");
            w.WriteStartObject();
            w.WriteBoolean("is_realtime", false);
            w.WriteNumber("latest_available_timestamp", new DateTimeOffset(end.ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero).ToUnixTimeMilliseconds());
            w.WriteEndObject();
            w.WritePropertyName("pins");
            w.WriteStartArray();
            foreach (var pin in top)
            {
                w.WriteStartObject();
                w.WriteString("pin_id", pin.Id);
                w.WritePropertyName("metrics");
                w.WriteStartObject();
                foreach (var metric in reported)
                {
                    w.WriteNumber(metric, Value(pin.Id, metric));
                }

                w.WriteEndObject();
                w.WritePropertyName("data_status");
                w.WriteStartObject();
                foreach (var metric in reported)
                {
                    w.WriteString(metric, "READY");
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("sort_by", sortBy);
            w.WriteEndObject();
        }));
    }

    // Newest registration first; the status is the processing state machine's now.
    private EmulatorHttpResponse HandleListMedia(string accountId, Dictionary<string, string> query)
    {
        var pageSize = BookmarkPaging.ParsePageSize(query, _options.DefaultPageSize);
        var before = BookmarkPaging.ParseBookmark(query);
        var (page, more) = BookmarkPaging.Page(_videos.ListOf(accountId), m => m.MediaId, before, pageSize, newestFirst: true);
        return EmulatorHttpResponse.Json(200, BookmarkPaging.Write(page, more, m => m.MediaId, (w, media) =>
        {
            w.WriteStartObject();
            w.WriteString("media_id", media.MediaId);
            w.WriteString("media_type", "video");
            w.WriteString("status", MediaState.StatusName(media.Status));
            w.WriteEndObject();
        }));
    }
}
