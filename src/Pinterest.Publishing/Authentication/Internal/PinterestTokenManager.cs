using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Coordination;
using Pinterest.Publishing.Coordination.Internal;
using Pinterest.Publishing.Diagnostics.Internal;
using Pinterest.Publishing.Internal.Options;

namespace Pinterest.Publishing.Authentication.Internal;

/// <summary>
/// Hands out access tokens per account and refreshes them single-flight. One instance is shared by every client of a
/// process (a DI singleton) so that concurrent calls for one account make exactly one refresh call.
/// </summary>
/// <remarks>
/// <para>
/// The manager coordinates its pieces of state: the <see cref="TokenCache"/> answers the lookup every API call makes
/// (and says when a token is due: its access token about to expire, or its refresh token within the renewal margin),
/// the <see cref="RefreshFlights"/> run one refresh per account at a time, the <see cref="UnsavedTokens"/> keep the
/// rotated tokens the store could not take. What one flight decides is written here; the refresh itself is a
/// <see cref="TokenRotation"/>.
/// </para>
/// <para>
/// Inside the flight, under the account's refresh lock (<see cref="IPinterestAccountCoordinator"/>), the store is read
/// again first: another instance of the app (or a flight that just ended) may have rotated the token already, and
/// refreshing with a spent refresh token would lose the account. It is read again after a failed refresh too, for the
/// same reason.
/// </para>
/// </remarks>
internal sealed class PinterestTokenManager
{
    /// <summary>The default refresh margin: a token expiring within it is refreshed before use.</summary>
    public static readonly TimeSpan DefaultRefreshMargin = PinterestDefaults.TokenRefreshMargin;

    /// <summary>How long a cached token is used without reading the store again.</summary>
    public static readonly TimeSpan CacheRevalidationInterval = TokenCache.RevalidationInterval;

    /// <summary>
    /// A refresh after a 401 that answers the rejected access token counts as renewed when a refresh of this process got
    /// that token new at most this long ago: Pinterest answers the same access token to refreshes in quick succession
    /// (pinterest/api-quickstart, <c>refresh_example.py</c>).
    /// </summary>
    internal static readonly TimeSpan SameTokenRenewedWindow = TimeSpan.FromSeconds(5);

    /// <summary>Otherwise the refresh is tried once more after this wait, which quick succession no longer covers.</summary>
    internal static readonly TimeSpan SameTokenRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>The fix, in every message that asks for reauthorization.</summary>
    internal const string ReconnectAdvice = "Connect the Pinterest account again (OAuth authorization) and store the new token.";

    private readonly IPinterestTokenStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly TokenCache _cache;
    private readonly RefreshFlights _flights;
    private readonly UnsavedTokens _unsaved;
    private readonly TokenRotation _rotation;

    /// <summary>How many accounts have a refresh's issue time remembered (for tests).</summary>
    internal int IssuedCount => _rotation.IssuedCount;

    /// <param name="store">The host's token store.</param>
    /// <param name="refresher">The refresh call.</param>
    /// <param name="timeProvider">The clock of expiries and waits.</param>
    /// <param name="refreshMargin">A token whose access token expires within it is refreshed before use.</param>
    /// <param name="logger">Where the layer logs.</param>
    /// <param name="telemetry">
    /// Where refreshes are counted: the DI singleton, or the instance a non-DI entry point (<c>PinterestClient</c>) chose.
    /// </param>
    /// <param name="refreshTokenRenewalMargin">
    /// A token whose refresh token expires within it is refreshed before use too; zero turns this off, and
    /// <see langword="null"/> is the default (<c>Pinterest:RefreshTokenRenewalMargin</c>, 14 days).
    /// </param>
    /// <param name="coordinator">
    /// Holds each account's refresh lock across the instances that share it; <see langword="null"/>: one of this
    /// manager's own (a client without dependency injection coordinates only with itself).
    /// </param>
    public PinterestTokenManager(IPinterestTokenStore store, IPinterestTokenRefresher refresher, TimeProvider timeProvider, TimeSpan refreshMargin, ILogger logger, PinterestTelemetry telemetry, TimeSpan? refreshTokenRenewalMargin = null, IPinterestAccountCoordinator? coordinator = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(refresher);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(telemetry);
        ArgumentOutOfRangeException.ThrowIfLessThan(refreshMargin, TimeSpan.Zero);
        _store = store;
        _timeProvider = timeProvider;
        _logger = logger;
        _cache = new TokenCache(timeProvider, refreshMargin, refreshTokenRenewalMargin ?? PinterestDefaults.RefreshTokenRenewalMargin);
        _unsaved = new UnsavedTokens(store, timeProvider, CacheRevalidationInterval, logger);
        _flights = new RefreshFlights(coordinator ?? new InProcessAccountCoordinator(timeProvider), logger);
        _rotation = new TokenRotation(refresher, _cache, _unsaved, timeProvider, RecoverAfterFailedRefreshAsync, logger, telemetry);
    }

    /// <summary>
    /// A usable access token for the account, refreshed first when it is due. When only the refresh token's renewal was
    /// due and it fails (not for a rejected grant), the access token, still good, is returned and the renewal waits
    /// (<see cref="RenewalBackoff"/>).
    /// </summary>
    /// <exception cref="PinterestReauthorizationRequiredException">No token is stored, or it cannot be refreshed.</exception>
    public ValueTask<string> GetAccessTokenAsync(string accountId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        cancellationToken.ThrowIfCancellationRequested();

        // The hot path: no store read, no allocation.
        return _cache.TryGetAccessToken(accountId, out var accessToken)
            ? new ValueTask<string>(accessToken)
            : ReadStoreAndGetAccessTokenAsync(accountId, cancellationToken);
    }

    private async ValueTask<string> ReadStoreAndGetAccessTokenAsync(string accountId, CancellationToken cancellationToken)
    {
        var token = await ReadStoreAsync(accountId, rejectedAccessToken: null, cancellationToken).ConfigureAwait(false);
        if (!_cache.IsDueForRefresh(accountId, token) && !_unsaved.IsWriteDue(accountId, token))
        {
            return token.AccessToken;
        }

        // A due token is refreshed; an unsaved rotated token is written again. Both run in the account's flight.
        var renewalOnly = !_cache.IsAccessTokenDue(token);
        try
        {
            var refreshed = await JoinRefreshAsync(accountId, rejectedAccessToken: null, despiteRenewalBackoff: false, cancellationToken).ConfigureAwait(false);
            return refreshed.AccessToken;
        }
        catch (Exception ex) when (renewalOnly && ex is not PinterestReauthorizationRequiredException && !cancellationToken.IsCancellationRequested)
        {
            // Only the refresh token's renewal was due and the access token is good: the call goes on with it, and the
            // renewal waits before it is tried again (the keep-alive surfaces the failure). A rejected grant does not.
            var retryAt = _cache.NoteRenewalFailed(accountId, token);
            AuthenticationLog.RenewalFailed(_logger, accountId, token.ExpiresAt, retryAt, ex);
            return token.AccessToken;
        }
    }

    /// <summary>After a 401 with <paramref name="rejectedAccessToken"/>: a newer token, refreshing once if nobody else did.</summary>
    /// <returns>
    /// The token to replay with: a newer one, or the rejected one itself when a refresh of this process got it new
    /// seconds ago and Pinterest answered it again (see <see cref="SameTokenRenewedWindow"/>).
    /// </returns>
    /// <exception cref="PinterestReauthorizationRequiredException">No newer token can be had.</exception>
    public async ValueTask<string> RefreshAfterUnauthorizedAsync(string accountId, string rejectedAccessToken, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentException.ThrowIfNullOrEmpty(rejectedAccessToken);

        _cache.EvictRejected(accountId, rejectedAccessToken);
        var stored = await ReadStoreAsync(accountId, rejectedAccessToken, cancellationToken).ConfigureAwait(false);
        if (!TokenCache.IsRejected(stored, rejectedAccessToken) && !_cache.IsDueForRefresh(accountId, stored))
        {
            // Another caller (or another app instance) refreshed while this request was in flight.
            return stored.AccessToken;
        }

        // A flight started for a due token may end without refreshing (it found a fresh token in the store) and hand
        // back the very token Pinterest just rejected: then a second flight, started for the rejection, refreshes.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var refreshed = await JoinRefreshAsync(accountId, rejectedAccessToken, despiteRenewalBackoff: false, cancellationToken).ConfigureAwait(false);
            if (!TokenCache.IsRejected(refreshed, rejectedAccessToken) || _rotation.IssuedWithin(accountId, rejectedAccessToken, SameTokenRenewedWindow))
            {
                return refreshed.AccessToken;
            }
        }

        throw new PinterestReauthorizationRequiredException(
            $"Pinterest rejected the access token of account '{accountId}' and no newer token could be obtained. {ReconnectAdvice}",
            accountId);
    }

    /// <summary>Refreshes the account's token when it is due (the keep-alive of idle accounts).</summary>
    /// <exception cref="PinterestReauthorizationRequiredException">No token is stored, or it cannot be refreshed and has expired.</exception>
    public async Task<PinterestKeepAliveResult> KeepAliveAsync(string accountId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        var token = await ReadStoreAsync(accountId, rejectedAccessToken: null, cancellationToken).ConfigureAwait(false);
        if (!_cache.IsDueForRefresh(accountId, token, despiteRenewalBackoff: true))
        {
            return _cache.IsUnrenewable(accountId, token) ? PinterestKeepAliveResult.CannotRenew : PinterestKeepAliveResult.NotDue;
        }

        // The flight reads the store again, and hands back the same token when there is no refresh token to use. Asked
        // for explicitly, it renews even while the wait after a failed renewal runs, and surfaces the failure.
        var renewed = await JoinRefreshAsync(accountId, rejectedAccessToken: null, despiteRenewalBackoff: true, cancellationToken).ConfigureAwait(false);
        return !string.Equals(renewed.AccessToken, token.AccessToken, StringComparison.Ordinal) || !string.Equals(renewed.RefreshToken, token.RefreshToken, StringComparison.Ordinal)
            ? PinterestKeepAliveResult.Renewed
            : renewed.RefreshToken is null ? PinterestKeepAliveResult.CannotRenew : PinterestKeepAliveResult.NotDue;
    }

    private Task<PinterestToken> JoinRefreshAsync(string accountId, string? rejectedAccessToken, bool despiteRenewalBackoff, CancellationToken cancellationToken) =>
        _flights.JoinAsync(accountId, () => RunFlightAsync(accountId, rejectedAccessToken, despiteRenewalBackoff), cancellationToken);

    /// <summary>One flight: re-read the store, then refresh, write an unsaved token again, or hand back what is stored.</summary>
    private async Task<PinterestToken> RunFlightAsync(string accountId, string? rejectedAccessToken, bool despiteRenewalBackoff)
    {
        // No caller's token: the refresh belongs to every waiter, and an abandoned refresh may already have rotated
        // the refresh token at Pinterest, so it must run to the end and be stored.
        var cancellationToken = CancellationToken.None;

        var current = await ReadStoreAsync(accountId, rejectedAccessToken, cancellationToken).ConfigureAwait(false);
        var unsaved = _unsaved.Find(accountId, current);
        var rejected = rejectedAccessToken is not null && TokenCache.IsRejected(current, rejectedAccessToken);
        if (!rejected && !_cache.IsDueForRefresh(accountId, current, despiteRenewalBackoff))
        {
            if (unsaved is not null && _unsaved.IsWriteDue(unsaved)
                && await _unsaved.RetryWriteAsync(accountId, unsaved, cancellationToken).ConfigureAwait(false))
            {
                _cache.Remember(accountId, unsaved.Token);
            }

            return current;
        }

        if (current.RefreshToken is null)
        {
            // Without a refresh token a token that still works is better than none; one that was rejected or has expired is not.
            if (!rejected && _timeProvider.GetUtcNow() < current.ExpiresAt)
            {
                AuthenticationLog.CannotRefreshYet(_logger, accountId);
                return current;
            }

            throw new PinterestReauthorizationRequiredException(
                $"The access token of account '{accountId}' has expired or was rejected and no refresh token is stored. {ReconnectAdvice}",
                accountId);
        }

        var rotated = await _rotation.RotateAsync(accountId, current, unsaved, cancellationToken).ConfigureAwait(false);
        if (!rejected || !TokenCache.IsRejected(rotated, rejectedAccessToken!) || _rotation.IssuedWithin(accountId, rotated.AccessToken, SameTokenRenewedWindow))
        {
            return rotated;
        }

        // The refresh answered the token Pinterest rejected, which this process did not get seconds ago: it may have
        // been minted by another instance's refresh a moment earlier. Once more, after quick succession is over.
        AuthenticationLog.RefreshAnsweredRejectedToken(_logger, accountId, SameTokenRetryDelay);
        await Task.Delay(SameTokenRetryDelay, _timeProvider, cancellationToken).ConfigureAwait(false);
        var again = await _rotation.RotateAsync(accountId, rotated, unsaved: null, cancellationToken).ConfigureAwait(false);
        if (!TokenCache.IsRejected(again, rejectedAccessToken!))
        {
            return again;
        }

        throw new PinterestReauthorizationRequiredException(
            $"Pinterest rejected the access token of account '{accountId}', and two refreshes a second apart answered that same token. {ReconnectAdvice}",
            accountId);
    }

    /// <summary>
    /// After a failed refresh of <paramref name="current"/>: the token another instance stored meanwhile, if the store
    /// holds one (its refresh token and access token both newer, and not due); otherwise <see langword="null"/>.
    /// </summary>
    private async Task<PinterestToken?> RecoverAfterFailedRefreshAsync(string accountId, PinterestToken current)
    {
        PinterestToken? latest;
        try
        {
            latest = _unsaved.Reconcile(accountId, await _store.GetTokenAsync(accountId, CancellationToken.None).ConfigureAwait(false));
        }
        catch (Exception)
        {
            // The store's trouble is not the answer: the refresh's failure surfaces.
            return null;
        }

        return latest is not null
            && !string.Equals(latest.RefreshToken, current.RefreshToken, StringComparison.Ordinal)
            && !TokenCache.IsRejected(latest, current.AccessToken)
            && !_cache.IsDueForRefresh(accountId, latest)
            ? latest
            : null;
    }

    /// <summary>
    /// Reads the account's token from the store and caches it (a rejected token is never cached). While the account has
    /// an unsaved rotated token and the store still holds a spent refresh token, the unsaved token is returned instead.
    /// </summary>
    private async Task<PinterestToken> ReadStoreAsync(string accountId, string? rejectedAccessToken, CancellationToken cancellationToken)
    {
        var stored = await _store.GetTokenAsync(accountId, cancellationToken).ConfigureAwait(false);
        var token = _unsaved.Reconcile(accountId, stored);
        if (token is null)
        {
            _cache.Forget(accountId);
            throw new PinterestReauthorizationRequiredException($"No Pinterest token is stored for account '{accountId}'. {ReconnectAdvice}", accountId);
        }

        if (rejectedAccessToken is null || !TokenCache.IsRejected(token, rejectedAccessToken))
        {
            _cache.Remember(accountId, token);
        }

        return token;
    }
}
