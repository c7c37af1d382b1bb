using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Authentication.Internal;
using Pinterest.Publishing.Coordination;

namespace Pinterest.Publishing.AspNetCore.Internal;

/// <summary>Removes an account's tokens from the store, then revokes them at Pinterest, under the account's refresh lock.</summary>
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
        return await RefreshLock.RunAsync(coordinator, accountId, _logger, () => RemoveThenRevokeAsync(accountId, removal, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private async Task<PinterestDisconnectOutcome> RemoveThenRevokeAsync(string accountId, IPinterestTokenStoreRemoval removal, CancellationToken cancellationToken)
    {
        var (token, unreadable) = await ReadAsync(accountId, cancellationToken).ConfigureAwait(false);
        if (token is null && !unreadable)
        {
            ConnectLog.Disconnected(_logger, accountId, PinterestDisconnectOutcome.NotConnected);
            return PinterestDisconnectOutcome.NotConnected;
        }

        // Removed first, revoked after with the copy read: a store that fails leaves a working token (nothing is
        // revoked, the user may try again), never a revoked one that would fail every later call. From the removal
        // on, the caller's cancellation (a closed tab) no longer stops anything: the removal and the revocation run
        // to their end (the revocation is bounded by Pinterest:RequestTimeout and the retry policy).
        await removal.RemoveTokenAsync(accountId, CancellationToken.None).ConfigureAwait(false);
        var outcome = token is null ? PinterestDisconnectOutcome.RemovedUnreadable : await RevokeAsync(accountId, token).ConfigureAwait(false);
        ConnectLog.Disconnected(_logger, accountId, outcome);
        return outcome;
    }

    private async Task<(PinterestToken? Token, bool Unreadable)> ReadAsync(string accountId, CancellationToken cancellationToken)
    {
        try
        {
            return (await tokenStore.GetTokenAsync(accountId, cancellationToken).ConfigureAwait(false), false);
        }
        catch (PinterestReauthorizationRequiredException)
        {
            // The stored token cannot be decrypted (its key is revoked or lost): Pinterest cannot be asked to revoke a
            // token nobody can read, but the row must still go, or the account could never be disconnected.
            ConnectLog.TokenUnreadableOnDisconnect(_logger, accountId);
            return (null, true);
        }
    }

    private async Task<PinterestDisconnectOutcome> RevokeAsync(string accountId, PinterestToken token)
    {
        try
        {
            await services.GetRequiredService<PinterestClient>().OAuth.RevokeTokensAsync(token, CancellationToken.None).ConfigureAwait(false);
            return PinterestDisconnectOutcome.Revoked;
        }
        catch (Exception ex)
        {
            // The tokens are out of the store already, so whatever went wrong here is no failure of the disconnect.
            // Pinterest documents revocation for system users' tokens only; only the exception's type is logged.
            ConnectLog.RevocationRefused(_logger, accountId, ex.GetType().Name);
            return PinterestDisconnectOutcome.RemovedWithoutRevocation;
        }
    }
}
