using System.Collections.Concurrent;

namespace Pinterest.Publishing.Authentication.Internal;

/// <summary>
/// Per account, when a failed renewal of a refresh token (its access token still good) may be tried again: a minute
/// after the first failure, doubling to an hour. Without it every call would send the refresh again while the token
/// endpoint fails, since the token stays due.
/// </summary>
internal sealed class RenewalBackoff
{
    /// <summary>The wait after the first failed renewal.</summary>
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMinutes(1);

    /// <summary>The longest wait between failed renewals.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>How many accounts have a failed renewal remembered (for tests).</summary>
    internal int Count => _entries.Count;

    /// <summary>Whether the renewal of <paramref name="token"/> failed and its wait is not over at <paramref name="now"/>.</summary>
    public bool IsWaiting(string accountId, PinterestToken token, DateTimeOffset now) =>
        _entries.TryGetValue(accountId, out var entry)
        && string.Equals(entry.RefreshToken, token.RefreshToken, StringComparison.Ordinal)
        && now < entry.RetryAt;

    /// <summary>Notes a failed renewal of <paramref name="token"/>; returns when it may be tried again.</summary>
    public DateTimeOffset NoteFailed(string accountId, PinterestToken token, DateTimeOffset now)
    {
        var entry = _entries.AddOrUpdate(
            accountId,
            static (_, state) => new Entry(state.token.RefreshToken, FirstDelay, state.now + FirstDelay),
            static (_, previous, state) =>
            {
                // Another refresh token (rotated meanwhile) starts again from the first wait.
                var delay = string.Equals(previous.RefreshToken, state.token.RefreshToken, StringComparison.Ordinal)
                    ? TimeSpan.FromTicks(Math.Min(previous.Delay.Ticks * 2, MaxDelay.Ticks))
                    : FirstDelay;
                return new Entry(state.token.RefreshToken, delay, state.now + delay);
            },
            (token, now));
        return entry.RetryAt;
    }

    /// <summary>Forgets the account's failures (a refresh worked, or the account's token is gone).</summary>
    public void Clear(string accountId) => _entries.TryRemove(accountId, out _);

    private sealed record Entry(string? RefreshToken, TimeSpan Delay, DateTimeOffset RetryAt);
}
