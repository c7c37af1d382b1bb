using System.Globalization;

namespace Pinterest.Publishing.Testing.Internal;

/// <summary>
/// The rate limit of <see cref="PinterestEmulator.SetRateLimit(EmulatorRateLimit)"/>: per user and category in a sliding
/// window (Standard access), or per app and day, per category within an overall budget (Trial access). Past it, a
/// request answers 429 code 8 with the wording of Pinterest's API description and is not counted. Off until set.
/// Thread-safe.
/// </summary>
internal sealed class AccountRateLimiter(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string AccountId, string Category), Queue<DateTimeOffset>> _windows = [];
    private readonly Dictionary<string, int> _usedTodayByCategory = new(StringComparer.Ordinal);
    private EmulatorRateLimit? _limit;
    private DateTimeOffset _dayStart;
    private int _usedToday;

    public void Set(EmulatorRateLimit limit)
    {
        lock (_gate)
        {
            _limit = limit;
            _windows.Clear();
            _usedToday = 0;
            _usedTodayByCategory.Clear();
            _dayStart = DayStart(time.GetUtcNow(), limit.DailyResetTime);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _limit = null;
            _windows.Clear();
            _usedToday = 0;
            _usedTodayByCategory.Clear();
        }
    }

    /// <summary>Counts one request of <paramref name="accountId"/>, or throws the 429 answer when its limit is reached.</summary>
    /// <param name="accountId">The account the request's token belongs to.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="route">The path's segments after <c>v5</c>, which give the rate-limit category.</param>
    public void Check(string accountId, string method, IReadOnlyList<string> route)
    {
        lock (_gate)
        {
            if (_limit is not { } limit)
            {
                return;
            }

            var now = time.GetUtcNow();
            var category = RateLimitCategories.Of(method, route);
            var max = limit.PerCategory is { } perCategory && perCategory.TryGetValue(category, out var named) ? named : limit.AnyCategory ?? int.MaxValue;
            if (limit.RequestsPerDay is { } perDay)
            {
                CheckDaily(limit, perDay, category, max, now);
                return;
            }

            if (!_windows.TryGetValue((accountId, category), out var window))
            {
                window = new Queue<DateTimeOffset>();
                _windows[(accountId, category)] = window;
            }

            while (window.Count > 0 && window.Peek() <= now - limit.Window)
            {
                window.Dequeue();
            }

            if (window.Count >= max)
            {
                // A slot frees when the oldest counted request leaves the window.
                throw Limited(limit, max, window.Count > 0 ? window.Peek() + limit.Window : now + limit.Window, now);
            }

            window.Enqueue(now);
        }
    }

    private void CheckDaily(EmulatorRateLimit limit, int perDay, string category, int categoryPerDay, DateTimeOffset now)
    {
        var dayStart = DayStart(now, limit.DailyResetTime);
        if (dayStart != _dayStart)
        {
            _dayStart = dayStart;
            _usedToday = 0;
            _usedTodayByCategory.Clear();
        }

        var usedInCategory = _usedTodayByCategory.GetValueOrDefault(category);
        if (usedInCategory >= categoryPerDay)
        {
            throw Limited(limit, categoryPerDay, dayStart.AddDays(1), now);
        }

        if (_usedToday >= perDay)
        {
            throw Limited(limit, perDay, dayStart.AddDays(1), now);
        }

        _usedToday++;
        _usedTodayByCategory[category] = usedInCategory + 1;
    }

    /// <summary>The start of the budget day <paramref name="now"/> falls in: the last <paramref name="resetTime"/> (UTC) at or before it.</summary>
    private static DateTimeOffset DayStart(DateTimeOffset now, TimeSpan resetTime)
    {
        var start = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero) + resetTime;
        return start > now ? start.AddDays(-1) : start;
    }

    private static PinterestApiError Limited(EmulatorRateLimit limit, int max, DateTimeOffset reset, DateTimeOffset now)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (limit.SendRetryAfter)
        {
            var seconds = Math.Max(1, (long)Math.Ceiling((reset - now).TotalSeconds));
            headers["Retry-After"] = seconds.ToString(CultureInfo.InvariantCulture);
        }

        if (limit.SendRateLimitHeaders)
        {
            headers["x-ratelimit-limit"] = max.ToString(CultureInfo.InvariantCulture);
            headers["x-ratelimit-remaining"] = "0";
            headers["x-ratelimit-reset"] = ((long)Math.Ceiling((reset - DateTimeOffset.UnixEpoch).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return new PinterestApiError(429, 8, EmulatorFault.RateLimitWording) { Headers = headers.Count == 0 ? null : headers };
    }
}
