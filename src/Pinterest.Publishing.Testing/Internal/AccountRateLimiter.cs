using System.Globalization;

namespace Pinterest.Publishing.Testing.Internal;

/// <summary>
/// The per-account sliding-window limit of <see cref="PinterestEmulator.SetRateLimit"/>: past it, a request answers
/// 429 code 8 (with <c>Retry-After</c> when asked for). Off until set. Thread-safe.
/// </summary>
internal sealed class AccountRateLimiter(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _windows = new(StringComparer.Ordinal);
    private Limit? _limit;

    public void Set(int maxRequests, TimeSpan window, bool sendRetryAfter)
    {
        lock (_gate)
        {
            _limit = new Limit(maxRequests, window, sendRetryAfter);
            _windows.Clear();
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _limit = null;
            _windows.Clear();
        }
    }

    /// <summary>Counts one request of <paramref name="accountId"/>, or throws the 429 answer when the window is full.</summary>
    public void Check(string accountId)
    {
        lock (_gate)
        {
            if (_limit is not { } limit)
            {
                return;
            }

            var now = time.GetUtcNow();
            if (!_windows.TryGetValue(accountId, out var window))
            {
                window = new Queue<DateTimeOffset>();
                _windows[accountId] = window;
            }

            while (window.Count > 0 && window.Peek() <= now - limit.Window)
            {
                window.Dequeue();
            }

            if (window.Count >= limit.MaxRequests)
            {
                Dictionary<string, string>? headers = null;
                if (limit.SendRetryAfter)
                {
                    var wait = window.Count > 0 ? window.Peek() + limit.Window - now : limit.Window;
                    var seconds = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));
                    headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Retry-After"] = seconds.ToString(CultureInfo.InvariantCulture) };
                }

                throw new PinterestApiError(429, 8, "You have exceeded your rate limit. Try again later.") { Headers = headers };
            }

            window.Enqueue(now);
        }
    }

    private sealed record Limit(int MaxRequests, TimeSpan Window, bool SendRetryAfter);
}
