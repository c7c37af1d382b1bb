using Pinterest.Publishing.Testing.Internal;

namespace Pinterest.Publishing.Testing;

// The user account and the analytics routes (the OAuth token endpoint is the OAuthAuthority's).
public sealed partial class PinterestEmulator
{
    private EmulatorHttpResponse HandleGetUserAccount(string accountId)
    {
        EmulatedAccount account;
        int boardCount;
        int pinCount;
        lock (_gate)
        {
            account = _accounts[accountId];
            boardCount = _boards.Values.Count(b => b.AccountId == accountId);
            pinCount = _pins.Values.Count(p => p.AccountId == accountId);
        }

        return EmulatorHttpResponse.Json(200, EmulatorJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("id", account.Id);
            w.WriteString("username", account.Username);
            w.WriteString("account_type", "BUSINESS");
            w.WriteString("about", string.Empty);
            w.WriteNull("business_name");
            w.WriteString("profile_image", "https://i.pinimg.com/600x600_R/00/00/00/emulated.jpg");
            w.WriteString("website_url", string.Empty);
            w.WriteNumber("board_count", boardCount);
            w.WriteNumber("pin_count", pinCount);
            w.WriteNumber("follower_count", 0);
            w.WriteNumber("following_count", 0);
            w.WriteNumber("monthly_views", 0);
            w.WriteEndObject();
        }));
    }

    private EmulatorHttpResponse HandleUserAccountAnalytics(Dictionary<string, string> query) =>
        SpecErrorExamples.Rephrase(SpecErrorExamples.UserAccountAnalyticsInvalid, () => UserAccountAnalytics(query));

    private EmulatorHttpResponse UserAccountAnalytics(Dictionary<string, string> query)
    {
        var (start, end) = AnalyticsReport.ParseWindow(query, Today());
        var metrics = query.TryGetValue("metric_types", out var requested) && requested.Length > 0
            ? requested.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : AnalyticsReport.UserMetrics;
        foreach (var metric in metrics)
        {
            if (!AnalyticsReport.UserMetrics.Contains(metric, StringComparer.Ordinal))
            {
                throw PinterestApiError.Invalid($"Invalid parameter: unknown metric type '{metric}'.");
            }
        }

        return EmulatorHttpResponse.Json(200, AnalyticsReport.Write(start, end, metrics, lifetime: false));
    }

    private EmulatorHttpResponse HandlePinAnalytics(string accountId, string pinId, Dictionary<string, string> query) =>
        SpecErrorExamples.Rephrase(SpecErrorExamples.PinAnalyticsInvalid, () => PinAnalytics(accountId, pinId, query));

    private EmulatorHttpResponse PinAnalytics(string accountId, string pinId, Dictionary<string, string> query)
    {
        NumericId.Require(pinId, "pin_id");
        var (start, end) = AnalyticsReport.ParseWindow(query, Today());
        if (!query.TryGetValue("metric_types", out var requested) || requested.Length == 0)
        {
            throw PinterestApiError.Invalid("Missing parameter: 'metric_types'.");
        }

        var metrics = requested.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        _ = FindOwnPin(accountId, pinId, SpecErrorExamples.NotFoundCode);
        return EmulatorHttpResponse.Json(200, AnalyticsReport.Write(start, end, metrics, lifetime: true));
    }

    private DateOnly Today() => DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
}
