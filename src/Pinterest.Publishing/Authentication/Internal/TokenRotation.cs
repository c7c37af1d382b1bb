using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Diagnostics.Internal;

namespace Pinterest.Publishing.Authentication.Internal;

/// <summary>
/// One refresh of an account's token: the refresh call, the rotated token it answers, and the write of that token,
/// logged, counted and traced. Runs inside the account's flight only.
/// </summary>
/// <remarks>
/// The rotated token is stored before anyone receives the new access token: once the new access token is used, only
/// the new refresh token is valid, and the one the refresh sent is spent already.
/// </remarks>
internal sealed class TokenRotation
{
    private const string ReconnectAdvice = PinterestTokenManager.ReconnectAdvice;

    private readonly IPinterestTokenRefresher _refresher;
    private readonly TokenCache _cache;
    private readonly UnsavedTokens _unsaved;
    private readonly ILogger _logger;
    private readonly PinterestTelemetry _telemetry;

    public TokenRotation(IPinterestTokenRefresher refresher, TokenCache cache, UnsavedTokens unsaved, ILogger logger, PinterestTelemetry telemetry)
    {
        ArgumentNullException.ThrowIfNull(refresher);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(unsaved);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(telemetry);
        _refresher = refresher;
        _cache = cache;
        _unsaved = unsaved;
        _logger = logger;
        _telemetry = telemetry;
    }

    /// <summary>
    /// Refreshes <paramref name="current"/> with its refresh token, stores the rotated token and remembers it.
    /// </summary>
    /// <param name="accountId">The account.</param>
    /// <param name="current">The account's token as the flight just read it; it has a refresh token.</param>
    /// <param name="unsaved">The unsaved entry <paramref name="current"/> is, if it is one.</param>
    /// <param name="cancellationToken">Cancels the refresh and the writes (the flight passes none).</param>
    /// <exception cref="PinterestReauthorizationRequiredException">Pinterest rejected the refresh token.</exception>
    public async Task<PinterestToken> RotateAsync(string accountId, PinterestToken current, UnsavedTokens.Entry? unsaved, CancellationToken cancellationToken)
    {
        var refreshToken = current.RefreshToken ?? throw new ArgumentException("A token without a refresh token cannot be rotated.", nameof(current));
        using var activity = PinterestTelemetry.StartActivity(PinterestTelemetry.TokenRefreshActivityName);
        activity?.SetTag("pinterest.account.id", accountId);
        AuthenticationLog.RefreshStarted(_logger, accountId);
        var answer = await CallRefresherAsync(accountId, refreshToken, activity, cancellationToken).ConfigureAwait(false);

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

        _telemetry.RecordTokenRefresh(PinterestTelemetry.RefreshSucceeded);
        AuthenticationLog.RefreshSucceeded(_logger, accountId, rotated.ExpiresAt, answer.RefreshToken is not null);
        return rotated;
    }

    /// <summary>The refresh call, with its failures logged, counted and put in the account's terms.</summary>
    private async Task<PinterestToken> CallRefresherAsync(string accountId, string refreshToken, Activity? activity, CancellationToken cancellationToken)
    {
        try
        {
            return await _refresher.RefreshAsync(refreshToken, cancellationToken).ConfigureAwait(false);
        }
        catch (PinterestReauthorizationRequiredException ex)
        {
            AuthenticationLog.RefreshRejected(_logger, accountId);
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
            AuthenticationLog.RefreshFailed(_logger, accountId, ex);
            _telemetry.RecordTokenRefresh(PinterestTelemetry.RefreshFailed);
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
    }
}
