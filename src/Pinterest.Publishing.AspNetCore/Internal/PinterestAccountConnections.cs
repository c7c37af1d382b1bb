using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Authentication.Internal;
using Pinterest.Publishing.Coordination;

namespace Pinterest.Publishing.AspNetCore.Internal;

/// <summary>Revokes an account's tokens at Pinterest and removes them from the store, under the account's refresh lock.</summary>
internal sealed class PinterestAccountConnections(
    IServiceProvider services,
    IPinterestTokenStore tokenStore,
    IPinterestAccountCoordinator coordinator,
    ILoggerFactory loggerFactory) : IPinterestAccountConnections
{
    private readonly ILogger _logger = loggerFactory.CreateLogger(ConnectLog.CategoryName);

    public async Task<PinterestDisconnectOutcome> DisconnectAsync(string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);

        // Checked before anything is revoked: a revoked token left in the store would fail every later call.
        if (tokenStore is not IPinterestTokenStoreRemoval removal)
        {
            var named = tokenStore is ProtectedTokenStore protectedStore ? protectedStore.Inner : tokenStore;
            throw new InvalidOperationException(
                $"The registered token store ({named.GetType().Name}) cannot delete tokens: implement {nameof(IPinterestTokenStoreRemoval)} on it so that disconnecting an account removes its tokens.");
        }

        // The refresh lock: a refresh running now would otherwise store its renewed token after the removal and
        // reconnect the account. A refresh after the removal re-reads the store under the lock and finds nothing.
        var refreshLock = await coordinator.AcquireRefreshLockAsync(accountId, cancellationToken).ConfigureAwait(false);
        await using (refreshLock.ConfigureAwait(false))
        {
            var outcome = await RevokeAsync(accountId, cancellationToken).ConfigureAwait(false);
            if (outcome == PinterestDisconnectOutcome.NotConnected)
            {
                ConnectLog.Disconnected(_logger, accountId, outcome);
                return outcome;
            }

            await removal.RemoveTokenAsync(accountId, cancellationToken).ConfigureAwait(false);
            ConnectLog.Disconnected(_logger, accountId, outcome);
            return outcome;
        }
    }

    private async Task<PinterestDisconnectOutcome> RevokeAsync(string accountId, CancellationToken cancellationToken)
    {
        PinterestToken? token;
        try
        {
            token = await tokenStore.GetTokenAsync(accountId, cancellationToken).ConfigureAwait(false);
        }
        catch (PinterestReauthorizationRequiredException)
        {
            // The stored token cannot be decrypted (its key is revoked or lost): Pinterest cannot be asked to revoke a
            // token nobody can read, but the row must still go, or the account could never be disconnected.
            ConnectLog.TokenUnreadableOnDisconnect(_logger, accountId);
            return PinterestDisconnectOutcome.RemovedUnreadable;
        }

        if (token is null)
        {
            return PinterestDisconnectOutcome.NotConnected;
        }

        try
        {
            await services.GetRequiredService<PinterestClient>().OAuth.RevokeTokensAsync(token, cancellationToken).ConfigureAwait(false);
            return PinterestDisconnectOutcome.Revoked;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is PinterestException or HttpRequestException or TimeoutException or OperationCanceledException)
        {
            // Pinterest documents revocation for system users' tokens only: the tokens leave the store whatever it says.
            ConnectLog.RevocationRefused(_logger, accountId, ex.GetType().Name);
            return PinterestDisconnectOutcome.RemovedWithoutRevocation;
        }
    }
}
