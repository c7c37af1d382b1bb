using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Pinterest.Publishing.Authentication.Internal;

/// <summary>
/// Rotated tokens the store could not take, per account, each with the refresh tokens it made spent and the time its
/// write is tried again.
/// </summary>
/// <remarks>
/// <para>
/// A refresh spends the refresh token it sends, so the rotated token is written with retries, and when the store stays
/// down it is kept here as unsaved, with the refresh tokens it made spent: the process keeps working with it instead of
/// refreshing with a spent token (which would lose the account).
/// </para>
/// <para>
/// While it is unsaved, a store read that still finds a spent refresh token does not replace it, and writing it is
/// tried again at most once per retry interval, inside the account's flight so that it never overwrites a newer
/// rotation. A store read that finds any other token (or none) means the host replaced or removed the token itself,
/// and the store wins.
/// </para>
/// </remarks>
internal sealed class UnsavedTokens
{
    /// <summary>Writes of a rotated token tried before it is kept as unsaved (the refresh token it replaces is already spent).</summary>
    public const int MaxStoreAttempts = 3;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly IPinterestTokenStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _retryInterval;
    private readonly ILogger _logger;

    /// <param name="store">The host's token store.</param>
    /// <param name="timeProvider">The clock of the retry schedule.</param>
    /// <param name="retryInterval">The shortest time between two writes of one unsaved token.</param>
    /// <param name="logger">Where the layer logs.</param>
    public UnsavedTokens(IPinterestTokenStore store, TimeProvider timeProvider, TimeSpan retryInterval, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _store = store;
        _timeProvider = timeProvider;
        _retryInterval = retryInterval;
        _logger = logger;
    }

    /// <summary>
    /// The account's token, given what the store read found: the unsaved token while the store still holds one of the
    /// refresh tokens it made spent; otherwise <paramref name="stored"/> (the unsaved token, if any, is then dropped).
    /// </summary>
    public PinterestToken? Reconcile(string accountId, PinterestToken? stored)
    {
        if (!_entries.TryGetValue(accountId, out var unsaved))
        {
            return stored;
        }

        if (stored is not null && unsaved.Spends(stored))
        {
            return unsaved.Token;
        }

        if (_entries.TryRemove(KeyValuePair.Create(accountId, unsaved)))
        {
            // The host stored another token (e.g. the account was connected again) or removed it: the store wins.
            AuthenticationLog.UnsavedSuperseded(_logger, accountId);
        }

        return stored;
    }

    /// <summary>The account's unsaved entry when <paramref name="token"/> is its token (the same instance), else <see langword="null"/>.</summary>
    public Entry? Find(string accountId, PinterestToken token) =>
        _entries.TryGetValue(accountId, out var unsaved) && ReferenceEquals(unsaved.Token, token) ? unsaved : null;

    /// <summary>Whether <paramref name="token"/> is the account's unsaved token and writing it again is due.</summary>
    public bool IsWriteDue(string accountId, PinterestToken token) => Find(accountId, token) is { } unsaved && IsWriteDue(unsaved);

    /// <summary>Whether writing <paramref name="unsaved"/> again is due.</summary>
    public bool IsWriteDue(Entry unsaved) => _timeProvider.GetUtcNow() >= unsaved.RetryAt;

    /// <summary>
    /// Writes a rotated token, trying up to <see cref="MaxStoreAttempts"/> times. When every write fails, the token is
    /// kept as unsaved (spending <paramref name="spentRefreshToken"/> and those of <paramref name="previous"/>) and the
    /// last failure is thrown; when a write succeeds, <paramref name="previous"/> is dropped.
    /// </summary>
    /// <param name="accountId">The account.</param>
    /// <param name="rotated">The token the refresh answered.</param>
    /// <param name="spentRefreshToken">The refresh token the refresh sent.</param>
    /// <param name="previous">The unsaved entry the refresh started from, if it started from one.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    public async Task SaveRotatedAsync(string accountId, PinterestToken rotated, string spentRefreshToken, Entry? previous, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _store.StoreTokenAsync(accountId, rotated, cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (Exception ex) when (attempt < MaxStoreAttempts && !cancellationToken.IsCancellationRequested)
            {
                AuthenticationLog.StoreFailed(_logger, accountId, ex);
            }
            catch (Exception ex)
            {
                AuthenticationLog.StoreFailed(_logger, accountId, ex);

                // Every refresh token used to get here is spent: the one just refreshed with and, when it was itself an
                // unsaved rotation, the ones before it (one of which the store still holds).
                string[] spent = previous is null ? [spentRefreshToken] : [.. previous.SpentRefreshTokens, spentRefreshToken];
                _entries[accountId] = new Entry(rotated, spent, _timeProvider.GetUtcNow() + _retryInterval);
                throw;
            }
        }

        if (previous is not null)
        {
            // The store now holds a token newer than the unsaved one, which is spent anyway.
            _entries.TryRemove(KeyValuePair.Create(accountId, previous));
        }
    }

    /// <summary>
    /// Tries once to write <paramref name="unsaved"/>; run inside the account's flight only. On failure the next write
    /// is scheduled one retry interval later.
    /// </summary>
    /// <returns>Whether the store took the token (it is then no longer unsaved).</returns>
    public async Task<bool> RetryWriteAsync(string accountId, Entry unsaved, CancellationToken cancellationToken)
    {
        try
        {
            await _store.StoreTokenAsync(accountId, unsaved.Token, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            AuthenticationLog.UnsavedStillMissing(_logger, accountId, ex);
            _entries.TryUpdate(accountId, unsaved with { RetryAt = _timeProvider.GetUtcNow() + _retryInterval }, unsaved);
            return false;
        }

        _entries.TryRemove(KeyValuePair.Create(accountId, unsaved));
        AuthenticationLog.UnsavedStored(_logger, accountId);
        return true;
    }

    /// <summary>A rotated token the store has not taken, the refresh tokens it made spent, and when to write it again.</summary>
    public sealed record Entry(PinterestToken Token, string[] SpentRefreshTokens, DateTimeOffset RetryAt)
    {
        /// <summary>Whether <paramref name="stored"/> holds a refresh token this rotation made spent.</summary>
        public bool Spends(PinterestToken stored) =>
            stored.RefreshToken is { } refreshToken && Array.IndexOf(SpentRefreshTokens, refreshToken) >= 0;
    }
}
