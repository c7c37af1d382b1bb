using System.Globalization;
using System.Text;
using Pinterest.Publishing.Testing.Internal;

namespace Pinterest.Publishing.Testing;

// OAuth token endpoint, user account and analytics routes.
public sealed partial class PinterestEmulator
{
    private static readonly string[] DefaultUserMetrics = ["ENGAGEMENT", "ENGAGEMENT_RATE", "IMPRESSION", "OUTBOUND_CLICK", "OUTBOUND_CLICK_RATE", "PIN_CLICK", "PIN_CLICK_RATE", "SAVE", "SAVE_RATE"];

    private EmulatorHttpResponse HandleToken(EmulatorHttpRequest request, byte[] body)
    {
        if (!HasValidClientCredentials(request))
        {
            throw new PinterestApiError(401, 2, "Authentication failed.");
        }

        var contentType = request.GetHeader("Content-Type") ?? string.Empty;
        if (!contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            throw PinterestApiError.Invalid("The token request must be application/x-www-form-urlencoded.");
        }

        var form = QueryString.Parse(Encoding.UTF8.GetString(body));
        var grantType = form.GetValueOrDefault("grant_type");
        switch (grantType)
        {
            case "authorization_code":
                return ExchangeAuthorizationCode(form);
            case "refresh_token":
                return RefreshAccessToken(form);
            case null or "":
                throw PinterestApiError.Invalid("Missing parameter: 'grant_type'.");
            default:
                throw PinterestApiError.Invalid("Unsupported grant_type.");
        }
    }

    private bool HasValidClientCredentials(EmulatorHttpRequest request)
    {
        var header = request.GetHeader("Authorization");
        if (header is null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }

        var separator = decoded.IndexOf(':', StringComparison.Ordinal);
        return separator > 0
            && string.Equals(decoded[..separator], _options.ClientId, StringComparison.Ordinal)
            && string.Equals(decoded[(separator + 1)..], _options.ClientSecret, StringComparison.Ordinal);
    }

    private EmulatorHttpResponse ExchangeAuthorizationCode(Dictionary<string, string> form)
    {
        var code = form.GetValueOrDefault("code");
        var redirectUri = form.GetValueOrDefault("redirect_uri");
        if (string.IsNullOrEmpty(code) || string.IsNullOrEmpty(redirectUri))
        {
            throw PinterestApiError.Invalid("Missing parameter: 'code' and 'redirect_uri' are required.");
        }

        if (form.TryGetValue("continuous_refresh", out var continuous) && continuous is not ("true" or "false"))
        {
            throw PinterestApiError.Invalid("Invalid parameter: 'continuous_refresh' must be true or false.");
        }

        Authentication.PinterestToken token;
        lock (_gate)
        {
            // Codes are single use: a replayed or unknown code is rejected like Pinterest does.
            if (!_authorizationCodes.Remove(code, out var grant))
            {
                throw PinterestApiError.Invalid("Invalid authorization code.");
            }

            if (!string.Equals(grant.RedirectUri, redirectUri, StringComparison.Ordinal))
            {
                throw PinterestApiError.Invalid("The redirect_uri does not match the one the code was issued for.");
            }

            token = IssueTokensLocked(grant.AccountId, grant.Scope);
        }

        Interlocked.Increment(ref _authorizationCodeExchangeCount);
        return TokenResponse(token, "authorization_code");
    }

    private EmulatorHttpResponse RefreshAccessToken(Dictionary<string, string> form)
    {
        var refreshToken = form.GetValueOrDefault("refresh_token");
        if (string.IsNullOrEmpty(refreshToken))
        {
            throw PinterestApiError.Invalid("Missing parameter: 'refresh_token'.");
        }

        Authentication.PinterestToken token;
        lock (_gate)
        {
            // Rotation: the presented refresh token is consumed; only the one returned now stays valid.
            if (!_refreshTokens.Remove(refreshToken, out var grant) || grant.ExpiresAt <= _time.GetUtcNow())
            {
                throw PinterestApiError.Invalid("Invalid refresh token.");
            }

            token = IssueTokensLocked(grant.AccountId, form.GetValueOrDefault("scope") is { Length: > 0 } scope ? scope : grant.Scope);
        }

        Interlocked.Increment(ref _tokenRefreshCount);
        return TokenResponse(token, "refresh_token");
    }

    private EmulatorHttpResponse TokenResponse(Authentication.PinterestToken token, string responseType) => EmulatorHttpResponse.Json(200, EmulatorJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("access_token", token.AccessToken);
        w.WriteString("token_type", "bearer");
        w.WriteNumber("expires_in", (long)_options.AccessTokenLifetime.TotalSeconds);
        w.WriteString("scope", token.Scope);
        w.WriteString("response_type", responseType);
        w.WriteString("refresh_token", token.RefreshToken);
        w.WriteNumber("refresh_token_expires_in", (long)_options.RefreshTokenLifetime.TotalSeconds);
        w.WriteNumber("refresh_token_expires_at", token.RefreshTokenExpiresAt!.Value.ToUnixTimeSeconds());
        w.WriteEndObject();
    }));

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

    private EmulatorHttpResponse HandleUserAccountAnalytics(Dictionary<string, string> query)
    {
        var (start, end) = ParseAnalyticsWindow(query);
        var metrics = query.TryGetValue("metric_types", out var requested) && requested.Length > 0
            ? requested.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : DefaultUserMetrics;
        foreach (var metric in metrics)
        {
            if (!DefaultUserMetrics.Contains(metric, StringComparer.Ordinal))
            {
                throw PinterestApiError.Invalid($"Invalid parameter: unknown metric type '{metric}'.");
            }
        }

        return EmulatorHttpResponse.Json(200, WriteAnalytics(start, end, metrics, lifetime: false));
    }

    private EmulatorHttpResponse HandlePinAnalytics(string accountId, string pinId, Dictionary<string, string> query)
    {
        RequireNumericId(pinId, "pin_id");
        var (start, end) = ParseAnalyticsWindow(query);
        if (!query.TryGetValue("metric_types", out var requested) || requested.Length == 0)
        {
            throw PinterestApiError.Invalid("Missing parameter: 'metric_types'.");
        }

        var metrics = requested.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lock (_gate)
        {
            if (!_pins.TryGetValue(pinId, out var pin) || pin.AccountId != accountId)
            {
                throw new PinterestApiError(404, 50, "Pin not found.");
            }
        }

        return EmulatorHttpResponse.Json(200, WriteAnalytics(start, end, metrics, lifetime: true));
    }

    private (DateOnly Start, DateOnly End) ParseAnalyticsWindow(Dictionary<string, string> query)
    {
        var start = ParseDate(query, "start_date");
        var end = ParseDate(query, "end_date");
        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
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

    // Deterministic small numbers: plausible, and stable across calls so tests can compare.
    private static byte[] WriteAnalytics(DateOnly start, DateOnly end, string[] metrics, bool lifetime) => EmulatorJson.Write(w =>
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
}
