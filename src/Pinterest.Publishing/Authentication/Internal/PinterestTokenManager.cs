using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Api.Internal;
using Pinterest.Publishing.Diagnostics.Internal;

namespace Pinterest.Publishing.Authentication.Internal;

/// <summary>
/// Hands out access tokens per account and refreshes them single-flight. One instance is shared by every client of a
/// process (a DI singleton) so that concurrent calls for one account make exactly one refresh call.
/// </summary>
/// <remarks>
/// <para>
/// A refresh runs once per account at a time: callers that need one while it runs await the same task, each under its
/// own cancellation token, while the refresh itself runs under none, so one caller giving up never fails the others.
/// The task is forgotten as soon as it ends, so a failed refresh is retried by the next caller.
/// </para>
/// <para>
/// Inside the flight the store is read again first: another instance of the app (or a flight that just ended) may have
/// rotated the token already, and refreshing with a spent refresh token would lose the account. The rotated token is
/// stored before anyone receives the new access token.
/// </para>
/// <para>
/// The last token read or stored for each account is kept in memory, so the lookup every API call makes neither
/// allocates nor reads the store while that token is far from expiry. This is safe across app instances: an access
/// token that has not expired stays usable after another instance refreshes (and if Pinterest rejects it, the 401 path
/// re-reads the store before anything else), and the store is always re-read before a refresh. So that a token the
/// host removed or replaced in its store stops being used, the store is re-read at least every
/// <see cref="CacheRevalidationInterval"/>.
/// </para>
/// <para>
/// A rotated token the store could not take is kept apart as unsaved, with the refresh tokens it made spent. While it
/// is unsaved, a store read that still finds a spent refresh token does not replace it (refreshing with a spent token
/// would lose the account), and writing it is tried again at most once per <see cref="CacheRevalidationInterval"/>,
/// inside the account's flight so that it never overwrites a newer rotation. A store read that finds any other token
/// (or none) means the host replaced or removed the token itself, and the store wins.
/// </para>
/// </remarks>
internal sealed partial class PinterestTokenManager
{
    /// <summary>The default refresh margin: a token expiring within it is refreshed before use.</summary>
    public static readonly TimeSpan DefaultRefreshMargin = Pinterest.Publishing.Internal.Options.PinterestDefaults.TokenRefreshMargin;

    /// <summary>How long a cached token is used without reading the store again.</summary>
    public static readonly TimeSpan CacheRevalidationInterval = TimeSpan.FromMinutes(1);

    private const string ReconnectAdvice = "Connect the Pinterest account again (OAuth authorization) and store the new token.";

    private readonly IPinterestTokenStore _store;
    private readonly IPinterestTokenRefresher _refresher;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _refreshMargin;
    private readonly ILogger _logger;
    private readonly PinterestTelemetry _telemetry;
    private readonly ConcurrentDictionary<string, Lazy<Task<PinterestToken>>> _flights = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CachedToken> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, UnsavedToken> _unsaved = new(StringComparer.Ordinal);

    public PinterestTokenManager(IPinterestTokenStore store, IPinterestTokenRefresher refresher, TimeProvider timeProvider, TimeSpan refreshMargin, ILogger logger, PinterestTelemetry? telemetry = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(refresher);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThan(refreshMargin, TimeSpan.Zero);
        _store = store;
        _refresher = refresher;
        _timeProvider = timeProvider;
        _refreshMargin = refreshMargin;
        _logger = logger;
        _telemetry = telemetry ?? PinterestTelemetry.Shared;
    }

    /// <summary>A usable access token for the account, refreshed first when it expires within the margin.</summary>
    /// <exception cref="PinterestReauthorizationRequiredException">No token is stored, or it cannot be refreshed.</exception>
    public ValueTask<string> GetAccessTokenAsync(string accountId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        cancellationToken.ThrowIfCancellationRequested();

        // The hot path: no store read, no allocation.
        if (_cache.TryGetValue(accountId, out var cached))
        {
            var now = _timeProvider.GetUtcNow();
            if (cached.Token.ExpiresAt > now + _refreshMargin && now < cached.RevalidateAt)
            {
                return new ValueTask<string>(cached.Token.AccessToken);
            }
        }

        return ReadStoreAndGetAccessTokenAsync(accountId, cancellationToken);
    }

    private async ValueTask<string> ReadStoreAndGetAccessTokenAsync(string accountId, CancellationToken cancellationToken)
    {
        var token = await ReadStoreAsync(accountId, cancellationToken).ConfigureAwait(false);
        if (!IsExpiring(token) && !IsUnsavedWriteDue(accountId, token))
        {
            return token.AccessToken;
        }

        // An expiring token is refreshed; an unsaved rotated token is written again. Both run in the account's flight.
        var refreshed = await JoinRefreshAsync(accountId, rejectedAccessToken: null, cancellationToken).ConfigureAwait(false);
        return refreshed.AccessToken;
    }

    /// <summary>After a 401 with <paramref name="rejectedAccessToken"/>: a newer token, refreshing once if nobody else did.</summary>
    /// <exception cref="PinterestReauthorizationRequiredException">No newer token can be had.</exception>
    public async ValueTask<string> RefreshAfterUnauthorizedAsync(string accountId, string rejectedAccessToken, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentException.ThrowIfNullOrEmpty(rejectedAccessToken);

        // The rejected token must not be handed out again from the cache, whatever the store says next.
        if (_cache.TryGetValue(accountId, out var cached) && IsRejected(cached.Token, rejectedAccessToken))
        {
            _cache.TryRemove(KeyValuePair.Create(accountId, cached));
        }

        var stored = await ReadStoreAsync(accountId, cancellationToken, rejectedAccessToken).ConfigureAwait(false);
        if (!IsRejected(stored, rejectedAccessToken) && !IsExpiring(stored))
        {
            // Another caller (or another app instance) refreshed while this request was in flight.
            return stored.AccessToken;
        }

        // A flight started for an expiring token may end without refreshing (it found a fresh token in the store)
        // and hand back the very token Pinterest just rejected: then a second flight, started for the rejection, refreshes.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var refreshed = await JoinRefreshAsync(accountId, rejectedAccessToken, cancellationToken).ConfigureAwait(false);
            if (!IsRejected(refreshed, rejectedAccessToken))
            {
                return refreshed.AccessToken;
            }
        }

        throw new PinterestReauthorizationRequiredException(
            $"Pinterest rejected the access token of account '{accountId}' and no newer token could be obtained. {ReconnectAdvice}",
            accountId);
    }

    private Task<PinterestToken> JoinRefreshAsync(string accountId, string? rejectedAccessToken, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Lazy<Task<PinterestToken>>? created = null;
        created = new Lazy<Task<PinterestToken>>(() => RunFlightAsync(accountId, rejectedAccessToken, created!));
        var flight = _flights.GetOrAdd(accountId, created);

        // WaitAsync lets this caller stop waiting without cancelling the flight others share.
        return flight.Value.WaitAsync(cancellationToken);
    }

    private async Task<PinterestToken> RunFlightAsync(string accountId, string? rejectedAccessToken, Lazy<Task<PinterestToken>> self)
    {
        try
        {
            // Continue on the thread pool so the flight never runs on the thread, or the synchronization context, of the
            // caller that happened to start it.
            await Task.CompletedTask.ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
            return await RefreshCoreAsync(accountId, rejectedAccessToken).ConfigureAwait(false);
        }
        finally
        {
            // Forget the flight (only this one): the next caller re-reads the store and, after a failure, tries again.
            _flights.TryRemove(KeyValuePair.Create(accountId, self));
        }
    }

    private async Task<PinterestToken> RefreshCoreAsync(string accountId, string? rejectedAccessToken)
    {
        // No caller's token: the refresh belongs to every waiter, and an abandoned refresh may already have rotated
        // the refresh token at Pinterest, so it must run to the end and be stored.
        var cancellationToken = CancellationToken.None;

        var current = await ReadStoreAsync(accountId, cancellationToken, rejectedAccessToken).ConfigureAwait(false);
        var unsaved = _unsaved.TryGetValue(accountId, out var pending) && ReferenceEquals(pending.Token, current) ? pending : null;
        var rejected = rejectedAccessToken is not null && IsRejected(current, rejectedAccessToken);
        if (!rejected && !IsExpiring(current))
        {
            if (unsaved is not null && _timeProvider.GetUtcNow() >= unsaved.RetryAt)
            {
                await RetryUnsavedWriteAsync(accountId, unsaved, cancellationToken).ConfigureAwait(false);
            }

            return current;
        }

        if (current.RefreshToken is null)
        {
            // Without a refresh token a token that still works is better than none; one that was rejected or has expired is not.
            if (!rejected && _timeProvider.GetUtcNow() < current.ExpiresAt)
            {
                LogCannotRefreshYet(_logger, accountId);
                return current;
            }

            throw new PinterestReauthorizationRequiredException(
                $"The access token of account '{accountId}' has expired or was rejected and no refresh token is stored. {ReconnectAdvice}",
                accountId);
        }

        using var activity = PinterestTelemetry.StartActivity(PinterestTelemetry.TokenRefreshActivityName);
        activity?.SetTag("pinterest.account.id", accountId);
        LogRefreshStarted(_logger, accountId);

        PinterestToken answer;
        try
        {
            answer = await _refresher.RefreshAsync(current.RefreshToken, cancellationToken).ConfigureAwait(false);
        }
        catch (PinterestReauthorizationRequiredException ex)
        {
            LogRefreshRejected(_logger, accountId);
            _telemetry.RecordTokenRefresh(PinterestTelemetry.RefreshReauthorizationRequired);
            activity?.SetStatus(ActivityStatusCode.Error, "refresh token rejected");
            if (ex.AccountId is not null)
            {
                throw;
            }

            throw new PinterestReauthorizationRequiredException(
                $"Pinterest rejected the refresh token of account '{accountId}'. {ReconnectAdvice}", accountId, ex);
        }
        catch (Exception ex)
        {
            LogRefreshFailed(_logger, accountId, ex);
            _telemetry.RecordTokenRefresh(PinterestTelemetry.RefreshFailed);
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }

        // Pinterest rotates the refresh token at every refresh, but an answer without one must never erase the stored one.
        var rotated = answer.RefreshToken is null
            ? answer with
            {
                RefreshToken = current.RefreshToken,
                RefreshTokenExpiresAt = current.RefreshTokenExpiresAt,
                Scope = answer.Scope ?? current.Scope,
            }
            : answer with { Scope = answer.Scope ?? current.Scope };

        // Stored before anyone sees the new access token: once it is used, only the new refresh token is valid. The old
        // one is already spent, so a failed write is retried, and if the store stays down the rotated token is still
        // kept in memory: this process keeps working instead of refreshing with a spent token.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _store.StoreTokenAsync(accountId, rotated, cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (Exception ex) when (attempt < MaxStoreAttempts && !cancellationToken.IsCancellationRequested)
            {
                LogStoreFailed(_logger, accountId, ex);
            }
            catch (Exception ex)
            {
                LogStoreFailed(_logger, accountId, ex);

                // Every refresh token used to get here is spent: the one just refreshed with and, when it was itself an
                // unsaved rotation, the ones before it (one of which the store still holds).
                string[] spent = unsaved is null ? [current.RefreshToken] : [.. unsaved.SpentRefreshTokens, current.RefreshToken];
                _unsaved[accountId] = new UnsavedToken(rotated, spent, _timeProvider.GetUtcNow() + CacheRevalidationInterval);
                Remember(accountId, rotated);
                _telemetry.RecordTokenRefresh(PinterestTelemetry.RefreshFailed);
                activity?.SetStatus(ActivityStatusCode.Error, "store failed");
                throw;
            }
        }

        if (unsaved is not null)
        {
            // The store now holds a token newer than the unsaved one, which is spent anyway.
            _unsaved.TryRemove(KeyValuePair.Create(accountId, unsaved));
        }

        Remember(accountId, rotated);
        if (rotated.AccessToken.Length == 0)
        {
            // The answer held a rotated refresh token and no access token: the refresh token is stored (above), the
            // empty access token counts as expired, so the next call refreshes with it. This call fails, transiently.
            LogRefreshWithoutAccessToken(_logger, accountId);
            _telemetry.RecordTokenRefresh(PinterestTelemetry.RefreshFailed);
            activity?.SetStatus(ActivityStatusCode.Error, "no access token");
            throw new PinterestTokenAnswerException(
                $"The Pinterest token endpoint answered the refresh of account '{accountId}' with a new refresh token but no access token (malformed data). The new refresh token was stored; the next call refreshes again.",
                HttpStatusCode.OK);
        }

        _telemetry.RecordTokenRefresh(PinterestTelemetry.RefreshSucceeded);
        LogRefreshSucceeded(_logger, accountId, rotated.ExpiresAt, answer.RefreshToken is not null);
        return rotated;
    }

    // Writes of a rotated token tried before giving up (the refresh token it replaces is already spent).
    private const int MaxStoreAttempts = 3;

    /// <summary>Tries once to write an unsaved rotated token; run inside the account's flight only.</summary>
    private async Task RetryUnsavedWriteAsync(string accountId, UnsavedToken unsaved, CancellationToken cancellationToken)
    {
        try
        {
            await _store.StoreTokenAsync(accountId, unsaved.Token, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogUnsavedStillMissing(_logger, accountId, ex);
            _unsaved.TryUpdate(accountId, unsaved with { RetryAt = _timeProvider.GetUtcNow() + CacheRevalidationInterval }, unsaved);
            return;
        }

        _unsaved.TryRemove(KeyValuePair.Create(accountId, unsaved));
        Remember(accountId, unsaved.Token);
        LogUnsavedStored(_logger, accountId);
    }

    private bool IsUnsavedWriteDue(string accountId, PinterestToken token) =>
        _unsaved.TryGetValue(accountId, out var unsaved)
        && ReferenceEquals(unsaved.Token, token)
        && _timeProvider.GetUtcNow() >= unsaved.RetryAt;

    /// <summary>
    /// Reads the account's token from the store and caches it (a rejected token is never cached). While the account has
    /// an unsaved rotated token and the store still holds a spent refresh token, the unsaved token is returned instead.
    /// </summary>
    private async Task<PinterestToken> ReadStoreAsync(string accountId, CancellationToken cancellationToken, string? rejectedAccessToken = null)
    {
        var token = await _store.GetTokenAsync(accountId, cancellationToken).ConfigureAwait(false);
        if (_unsaved.TryGetValue(accountId, out var unsaved))
        {
            if (token is not null && unsaved.Spends(token))
            {
                token = unsaved.Token;
            }
            else if (_unsaved.TryRemove(KeyValuePair.Create(accountId, unsaved)))
            {
                // The host stored another token (e.g. the account was connected again) or removed it: the store wins.
                LogUnsavedSuperseded(_logger, accountId);
            }
        }

        if (token is null)
        {
            _cache.TryRemove(accountId, out _);
            throw NoTokenStored(accountId);
        }

        if (rejectedAccessToken is null || !IsRejected(token, rejectedAccessToken))
        {
            Remember(accountId, token);
        }

        return token;
    }

    private void Remember(string accountId, PinterestToken token) =>
        _cache[accountId] = new CachedToken(token, _timeProvider.GetUtcNow() + CacheRevalidationInterval);

    private bool IsExpiring(PinterestToken token) => token.ExpiresAt <= _timeProvider.GetUtcNow() + _refreshMargin;

    private static bool IsRejected(PinterestToken token, string rejectedAccessToken) =>
        string.Equals(token.AccessToken, rejectedAccessToken, StringComparison.Ordinal);

    private static PinterestReauthorizationRequiredException NoTokenStored(string accountId) =>
        new($"No Pinterest token is stored for account '{accountId}'. {ReconnectAdvice}", accountId);

    private sealed record CachedToken(PinterestToken Token, DateTimeOffset RevalidateAt);

    /// <summary>A rotated token the store has not taken, the refresh tokens it made spent, and when to write it again.</summary>
    private sealed record UnsavedToken(PinterestToken Token, string[] SpentRefreshTokens, DateTimeOffset RetryAt)
    {
        public bool Spends(PinterestToken stored) =>
            stored.RefreshToken is { } refreshToken && Array.IndexOf(SpentRefreshTokens, refreshToken) >= 0;
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Refreshing the Pinterest token of account {AccountId}.")]
    private static partial void LogRefreshStarted(ILogger logger, string accountId);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Refreshed the Pinterest token of account {AccountId}; the new access token expires at {ExpiresAt:O} (refresh token rotated: {Rotated}).")]
    private static partial void LogRefreshSucceeded(ILogger logger, string accountId, DateTimeOffset expiresAt, bool rotated);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Error, Message = "Refreshing the Pinterest token of account {AccountId} failed; the next call tries again.")]
    private static partial void LogRefreshFailed(ILogger logger, string accountId, Exception exception);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Pinterest rejected the refresh token of account {AccountId}; the account must be connected again.")]
    private static partial void LogRefreshRejected(ILogger logger, string accountId);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Critical, Message = "The refreshed Pinterest token of account {AccountId} could not be stored; the rotated refresh token may be lost.")]
    private static partial void LogStoreFailed(ILogger logger, string accountId, Exception exception);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Warning, Message = "The Pinterest access token of account {AccountId} expires soon and no refresh token is stored; using it until it expires.")]
    private static partial void LogCannotRefreshYet(ILogger logger, string accountId);

    [LoggerMessage(EventId = 3107, Level = LogLevel.Warning, Message = "The token store still lacks the rotated Pinterest token of account {AccountId}; it is kept in memory and written again later.")]
    private static partial void LogUnsavedStillMissing(ILogger logger, string accountId, Exception exception);

    [LoggerMessage(EventId = 3108, Level = LogLevel.Information, Message = "The token store took the rotated Pinterest token of account {AccountId} it had missed.")]
    private static partial void LogUnsavedStored(ILogger logger, string accountId);

    [LoggerMessage(EventId = 3110, Level = LogLevel.Warning, Message = "The Pinterest token endpoint answered the refresh of account {AccountId} with a rotated refresh token but no access token; the refresh token was stored and the next call refreshes again.")]
    private static partial void LogRefreshWithoutAccessToken(ILogger logger, string accountId);

    [LoggerMessage(EventId = 3109, Level = LogLevel.Information, Message = "The token store holds another Pinterest token for account {AccountId} than the unsaved rotated one; using the stored token.")]
    private static partial void LogUnsavedSuperseded(ILogger logger, string accountId);
}
