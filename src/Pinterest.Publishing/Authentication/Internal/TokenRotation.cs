using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Diagnostics.Internal;
using Pinterest.Publishing.Internal.Failures;

namespace Pinterest.Publishing.Authentication.Internal;

/// <summary>
/// One refresh of an account's token: the refresh call, the rotated token it answers, and the write of that token,
/// logged, counted and traced. Runs inside the account's flight only.
/// </summary>
/// <remarks>
/// <para>
/// The rotated token is stored before anyone receives the new access token: once the new access token is used, only
/// the new refresh token is valid, and the one the refresh sent is spent already.
/// </para>
/// <para>
/// When the refresh call fails (other than for the app's own client credentials), the failure is first handed to the
/// manager's recovery, which reads the store again: another instance may have stored its rotation meanwhile (and spent
/// the refresh token this call sent), and then its token is used instead of any error. Otherwise a failure Pinterest may
/// have processed surfaces as <see cref="TokenRefreshInDoubtException"/>, which no layer retries at once.
/// </para>
/// </remarks>
internal sealed class TokenRotation
{
    private const string ReconnectAdvice = PinterestTokenManager.ReconnectAdvice;

    private readonly IPinterestTokenRefresher _refresher;
    private readonly TokenCache _cache;
    private readonly UnsavedTokens _unsaved;
    private readonly TimeProvider _timeProvider;
    private readonly Func<string, PinterestToken, Task<PinterestToken?>> _recover;
    private readonly ILogger _logger;
    private readonly PinterestTelemetry _telemetry;

    // Per account, the last access token a refresh answered that differed from the one it replaced, and when: Pinterest
    // answers the same access token to refreshes in quick succession, so such an answer is judged by this time.
    private readonly ConcurrentDictionary<string, (string AccessToken, DateTimeOffset IssuedAt)> _issued = new(StringComparer.Ordinal);

    /// <param name="refresher">The refresh call.</param>
    /// <param name="cache">The manager's cache, which remembers the rotated token.</param>
    /// <param name="unsaved">Keeps a rotated token the store could not take.</param>
    /// <param name="timeProvider">The clock of issue times.</param>
    /// <param name="recover">
    /// After a failed refresh call: the account and the token the flight started from; returns a token to use instead
    /// (another instance stored its rotation), or <see langword="null"/> to let the failure surface.
    /// </param>
    /// <param name="logger">Where the layer logs.</param>
    /// <param name="telemetry">Where refreshes are counted and traced.</param>
    public TokenRotation(
        IPinterestTokenRefresher refresher,
        TokenCache cache,
        UnsavedTokens unsaved,
        TimeProvider timeProvider,
        Func<string, PinterestToken, Task<PinterestToken?>> recover,
        ILogger logger,
        PinterestTelemetry telemetry)
    {
        ArgumentNullException.ThrowIfNull(refresher);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(unsaved);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(recover);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(telemetry);
        _refresher = refresher;
        _cache = cache;
        _unsaved = unsaved;
        _timeProvider = timeProvider;
        _recover = recover;
        _logger = logger;
        _telemetry = telemetry;
    }

    /// <summary>
    /// Whether a refresh of this process answered <paramref name="accessToken"/> for the account, new, at most
    /// <paramref name="window"/> ago.
    /// </summary>
    public bool IssuedWithin(string accountId, string accessToken, TimeSpan window) =>
        _issued.TryGetValue(accountId, out var issued)
        && string.Equals(issued.AccessToken, accessToken, StringComparison.Ordinal)
        && _timeProvider.GetUtcNow() - issued.IssuedAt <= window;

    /// <summary>How many accounts have an issue time remembered (for tests).</summary>
    internal int IssuedCount => _issued.Count;

    /// <summary>
    /// Drops the issue times older than <see cref="PinterestTokenManager.SameTokenRenewedWindow"/>, the only window they
    /// are asked about: past it they can no longer matter, and accounts come and go.
    /// </summary>
    private void PruneIssued()
    {
        var now = _timeProvider.GetUtcNow();
        foreach (var issued in _issued)
        {
            if (now - issued.Value.IssuedAt > PinterestTokenManager.SameTokenRenewedWindow)
            {
                _issued.TryRemove(issued);
            }
        }
    }

    /// <summary>
    /// Refreshes <paramref name="current"/> with its refresh token, stores the rotated token and remembers it.
    /// </summary>
    /// <param name="accountId">The account.</param>
    /// <param name="current">The account's token as the flight just read it; it has a refresh token.</param>
    /// <param name="unsaved">The unsaved entry <paramref name="current"/> is, if it is one.</param>
    /// <param name="cancellationToken">Cancels the refresh and the writes (the flight passes none).</param>
    /// <returns>The rotated token, or the one another instance stored when this refresh failed.</returns>
    /// <exception cref="PinterestReauthorizationRequiredException">Pinterest rejected the refresh token.</exception>
    /// <exception cref="PinterestAppCredentialsException">Pinterest refused the app's client id or secret.</exception>
    public async Task<PinterestToken> RotateAsync(string accountId, PinterestToken current, UnsavedTokens.Entry? unsaved, CancellationToken cancellationToken)
    {
        var refreshToken = current.RefreshToken ?? throw new ArgumentException("A token without a refresh token cannot be rotated.", nameof(current));
        using var activity = PinterestTelemetry.StartActivity(PinterestTelemetry.TokenRefreshActivityName);
        activity?.SetTag("pinterest.account.id", accountId);
        AuthenticationLog.RefreshStarted(_logger, accountId);
        var (answer, storedElsewhere) = await CallRefresherAsync(accountId, current, activity, cancellationToken).ConfigureAwait(false);
        if (storedElsewhere)
        {
            _cache.Remember(accountId, answer);
            return answer;
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

        try
        {
            await _unsaved.SaveRotatedAsync(accountId, rotated, refreshToken, unsaved, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Kept as unsaved: this process keeps working with the rotated token instead of refreshing with a spent one.
            _cache.Remember(accountId, rotated);
            _telemetry.RecordTokenRefresh(PinterestTelemetry.RefreshFailed);
            activity?.SetStatus(ActivityStatusCode.Error, "store failed");
            throw;
        }

        _cache.Remember(accountId, rotated);
        _cache.NoteRefreshed(accountId, rotated);
        if (rotated.AccessToken.Length == 0)
        {
            // The answer held a rotated refresh token and no access token: the refresh token is stored (above), the
            // empty access token counts as expired, so the next call refreshes with it. This call fails, transiently.
            AuthenticationLog.RefreshWithoutAccessToken(_logger, accountId);
            _telemetry.RecordTokenRefresh(PinterestTelemetry.RefreshFailed);
            activity?.SetStatus(ActivityStatusCode.Error, "no access token");
            throw new PinterestTokenAnswerException(
                $"The Pinterest token endpoint answered the refresh of account '{accountId}' with a new refresh token but no access token (malformed data). The new refresh token was stored; the next call refreshes again.",
                HttpStatusCode.OK);
        }

        PruneIssued();
        if (!TokenCache.IsRejected(rotated, current.AccessToken))
        {
            _issued[accountId] = (rotated.AccessToken, _timeProvider.GetUtcNow());
        }

        _telemetry.RecordTokenRefresh(PinterestTelemetry.RefreshSucceeded);
        AuthenticationLog.RefreshSucceeded(_logger, accountId, rotated.ExpiresAt, answer.RefreshToken is not null);
        return rotated;
    }

    /// <summary>
    /// The refresh call, with its failures logged, counted and put in the account's terms, or the token another instance
    /// stored when the call failed.
    /// </summary>
    private async Task<(PinterestToken Token, bool StoredElsewhere)> CallRefresherAsync(string accountId, PinterestToken current, Activity? activity, CancellationToken cancellationToken)
    {
        try
        {
            return (await _refresher.RefreshAsync(current.RefreshToken!, cancellationToken).ConfigureAwait(false), false);
        }
        catch (PinterestAppCredentialsException ex)
        {
            // The app's configuration, not the account's: nothing to recover, nothing to mark.
            AuthenticationLog.AppCredentialsRefused(_logger, accountId, ex);
            _telemetry.RecordTokenRefresh(PinterestTelemetry.RefreshFailed);
            activity?.SetStatus(ActivityStatusCode.Error, "client credentials refused");
            throw;
        }
        catch (Exception ex)
        {
            var storedElsewhere = await _recover(accountId, current).ConfigureAwait(false);
            if (storedElsewhere is not null)
            {
                AuthenticationLog.RotatedElsewhereUsed(_logger, accountId, ex.GetType().Name);
                _telemetry.RecordTokenRefresh(PinterestTelemetry.RefreshFailed);
                activity?.SetStatus(ActivityStatusCode.Error, "stored token used");
                return (storedElsewhere, true);
            }

            if (ex is not PinterestReauthorizationRequiredException rejected)
            {
                AuthenticationLog.RefreshFailed(_logger, accountId, ex);
                _telemetry.RecordTokenRefresh(PinterestTelemetry.RefreshFailed);
                activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
                if (MayHaveBeenProcessed(ex))
                {
                    throw TokenRefreshInDoubtException.For(accountId, ex);
                }

                throw;
            }

            AuthenticationLog.RefreshRejected(_logger, accountId);
            _telemetry.RecordTokenRefresh(PinterestTelemetry.RefreshReauthorizationRequired);
            activity?.SetStatus(ActivityStatusCode.Error, "refresh token rejected");
            if (rejected.AccountId is not null)
            {
                throw;
            }

            throw new PinterestReauthorizationRequiredException(
                $"Pinterest rejected the refresh token of account '{accountId}'. {ReconnectAdvice}", accountId, rejected);
        }
    }

    /// <summary>
    /// Whether a failed refresh may have been processed: answered 5xx or 408, no answer once sent (a reset, a timeout), or
    /// a success whose body never arrived or could not be read (Pinterest rotated the refresh token, and the answer lost
    /// the new one). Not a refusal, a 429, a refused connection, nor a success whose rotated refresh token was stored.
    /// </summary>
    private static bool MayHaveBeenProcessed(Exception failure) =>
        failure is not PinterestTokenAnswerException
        && FailureClassifier.Classify(failure) is FailureKind.Transient or FailureKind.UnusableAnswer or FailureKind.TransportFailed or FailureKind.TimedOut or FailureKind.IOFailed;
}
