using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Pinterest.Publishing.Authentication.Internal;

/// <summary>
/// The last token read or stored for each account, so that the lookup every API call makes neither allocates nor reads
/// the store while that token is far from expiry.
/// </summary>
/// <remarks>
/// This is safe across app instances: an access token that has not expired stays usable after another instance
/// refreshes (and if Pinterest rejects it, the 401 path re-reads the store before anything else), and the store is
/// always re-read before a refresh. So that a token the host removed or replaced in its store stops being used, a
/// remembered token is handed out for at most <see cref="RevalidationInterval"/>; one that Pinterest rejected is
/// evicted at once.
/// </remarks>
internal sealed class TokenCache
{
    /// <summary>How long a remembered token is used without reading the store again.</summary>
    public static readonly TimeSpan RevalidationInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    // Per account, the refresh-token expiry a refresh failed to move out of the renewal margin (a legacy, non-continuous
    // refresh token, or an answer without one): renewing it again cannot help, and trying would refresh at every call.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _unrenewable = new(StringComparer.Ordinal);
    private readonly RenewalBackoff _renewalBackoff = new();
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _refreshMargin;
    private readonly TimeSpan _renewalMargin;

    /// <param name="timeProvider">The clock of expiries and revalidation.</param>
    /// <param name="refreshMargin">A token expiring within it is never handed out from memory: it is due for a refresh.</param>
    /// <param name="refreshTokenRenewalMargin">
    /// A token whose refresh token expires within it (and has not expired) is due for a refresh too; zero turns this off.
    /// </param>
    public TokenCache(TimeProvider timeProvider, TimeSpan refreshMargin, TimeSpan refreshTokenRenewalMargin = default)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(refreshMargin, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(refreshTokenRenewalMargin, TimeSpan.Zero);
        _timeProvider = timeProvider;
        _refreshMargin = refreshMargin;
        _renewalMargin = refreshTokenRenewalMargin;
    }

    /// <summary>
    /// The hot path: the account's remembered access token, when it was remembered less than
    /// <see cref="RevalidationInterval"/> ago and is not due for a refresh. Allocates nothing.
    /// </summary>
    public bool TryGetAccessToken(string accountId, [NotNullWhen(true)] out string? accessToken)
    {
        if (_entries.TryGetValue(accountId, out var entry))
        {
            var now = _timeProvider.GetUtcNow();
            if (now < entry.RevalidateAt && !IsDue(accountId, entry.Token, now))
            {
                accessToken = entry.Token.AccessToken;
                return true;
            }
        }

        accessToken = null;
        return false;
    }

    /// <summary>
    /// Whether <paramref name="token"/> is due for a refresh: its access token expires within the refresh margin, or its
    /// refresh token within the renewal margin (unless a refresh already failed to renew that expiry).
    /// </summary>
    /// <param name="accountId">The account.</param>
    /// <param name="token">Its token.</param>
    /// <param name="despiteRenewalBackoff">
    /// Whether a refresh token within the renewal margin is due even while the wait after a failed renewal runs (the
    /// keep-alive, which is asked for explicitly and surfaces the failure).
    /// </param>
    public bool IsDueForRefresh(string accountId, PinterestToken token, bool despiteRenewalBackoff = false) =>
        IsDue(accountId, token, _timeProvider.GetUtcNow(), despiteRenewalBackoff);

    /// <summary>
    /// Whether the refresh token of <paramref name="token"/> expires within the renewal margin and a refresh already
    /// failed to move that expiry: renewing cannot help, the account must be connected again before it expires.
    /// </summary>
    public bool IsUnrenewable(string accountId, PinterestToken token) =>
        IsRefreshTokenDue(token, _timeProvider.GetUtcNow())
        && _unrenewable.TryGetValue(accountId, out var unrenewable) && unrenewable == token.RefreshTokenExpiresAt;

    /// <summary>Whether the access token of <paramref name="token"/> expires within the refresh margin (or has expired).</summary>
    public bool IsAccessTokenDue(PinterestToken token) => token.ExpiresAt <= _timeProvider.GetUtcNow() + _refreshMargin;

    /// <summary>
    /// Notes that renewing the refresh token of <paramref name="token"/> failed while its access token is good: that
    /// expiry alone does not make the account due again until the returned time (a minute, doubling to an hour).
    /// </summary>
    public DateTimeOffset NoteRenewalFailed(string accountId, PinterestToken token) =>
        _renewalBackoff.NoteFailed(accountId, token, _timeProvider.GetUtcNow());

    /// <summary>
    /// Notes the outcome of a refresh: when its token's refresh token is still due for renewal, Pinterest did not renew
    /// it, so that expiry alone no longer makes the account due.
    /// </summary>
    public void NoteRefreshed(string accountId, PinterestToken rotated)
    {
        _renewalBackoff.Clear(accountId);
        if (IsRefreshTokenDue(rotated, _timeProvider.GetUtcNow()))
        {
            _unrenewable[accountId] = rotated.RefreshTokenExpiresAt!.Value;
        }
        else
        {
            _unrenewable.TryRemove(accountId, out _);
        }
    }

    /// <summary>How many accounts are marked unrenewable (for tests).</summary>
    internal int UnrenewableCount => _unrenewable.Count;

    /// <summary>
    /// Remembers <paramref name="token"/> as the account's token for the next <see cref="RevalidationInterval"/>, and
    /// drops the unrenewable marks that can no longer matter: the account's, once its token has another refresh-token
    /// expiry, and any whose expiry has passed.
    /// </summary>
    public void Remember(string accountId, PinterestToken token)
    {
        var now = _timeProvider.GetUtcNow();
        _entries[accountId] = new Entry(token, now + RevalidationInterval);
        if (_unrenewable.IsEmpty)
        {
            return;
        }

        if (_unrenewable.TryGetValue(accountId, out var mine) && mine != token.RefreshTokenExpiresAt)
        {
            _unrenewable.TryRemove(KeyValuePair.Create(accountId, mine));
        }

        foreach (var mark in _unrenewable)
        {
            if (mark.Value <= now)
            {
                _unrenewable.TryRemove(mark);
            }
        }
    }

    /// <summary>Forgets the account's token (the store holds none), and what was noted about it.</summary>
    public void Forget(string accountId)
    {
        _entries.TryRemove(accountId, out _);
        _unrenewable.TryRemove(accountId, out _);
        _renewalBackoff.Clear(accountId);
    }

    /// <summary>
    /// Forgets the account's token if it is the one Pinterest rejected, so that it is never handed out again whatever
    /// the store says next; a newer token remembered meanwhile stays.
    /// </summary>
    public void EvictRejected(string accountId, string rejectedAccessToken)
    {
        if (_entries.TryGetValue(accountId, out var entry) && IsRejected(entry.Token, rejectedAccessToken))
        {
            _entries.TryRemove(KeyValuePair.Create(accountId, entry));
        }
    }

    /// <summary>Whether <paramref name="token"/> carries the access token Pinterest rejected.</summary>
    public static bool IsRejected(PinterestToken token, string rejectedAccessToken) =>
        string.Equals(token.AccessToken, rejectedAccessToken, StringComparison.Ordinal);

    private bool IsDue(string accountId, PinterestToken token, DateTimeOffset now, bool despiteRenewalBackoff = false) =>
        token.ExpiresAt <= now + _refreshMargin
        || (IsRefreshTokenDue(token, now)
            && !(_unrenewable.TryGetValue(accountId, out var unrenewable) && unrenewable == token.RefreshTokenExpiresAt)
            && (despiteRenewalBackoff || !_renewalBackoff.IsWaiting(accountId, token, now)));

    // A refresh token that has expired already is not due: refreshing could only be refused, and the access token it
    // came with may still work for days.
    private bool IsRefreshTokenDue(PinterestToken token, DateTimeOffset now) =>
        _renewalMargin > TimeSpan.Zero
        && token.RefreshToken is not null
        && token.RefreshTokenExpiresAt is { } refreshExpiresAt
        && refreshExpiresAt > now
        && refreshExpiresAt <= now + _renewalMargin;

    private sealed record Entry(PinterestToken Token, DateTimeOffset RevalidateAt);
}
