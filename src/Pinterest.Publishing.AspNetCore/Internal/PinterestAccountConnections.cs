using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Authentication;

namespace Pinterest.Publishing.AspNetCore.Internal;

/// <summary>Revokes an account's tokens at Pinterest and removes them from the store.</summary>
internal sealed class PinterestAccountConnections(IServiceProvider services, IPinterestTokenStore tokenStore, ILoggerFactory loggerFactory) : IPinterestAccountConnections
{
    private readonly ILogger _logger = loggerFactory.CreateLogger(ConnectLog.CategoryName);

    public async Task<PinterestDisconnectOutcome> DisconnectAsync(string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        if (tokenStore is not IPinterestTokenStoreRemoval removal)
        {
            throw new InvalidOperationException(
                $"The registered token store ({tokenStore.GetType().Name}) cannot delete tokens: implement {nameof(IPinterestTokenStoreRemoval)} on it so that disconnecting an account removes its tokens.");
        }

        var token = await tokenStore.GetTokenAsync(accountId, cancellationToken).ConfigureAwait(false);
        if (token is null)
        {
            ConnectLog.Disconnected(_logger, accountId, PinterestDisconnectOutcome.NotConnected);
            return PinterestDisconnectOutcome.NotConnected;
        }

        var outcome = PinterestDisconnectOutcome.Revoked;
        try
        {
            await services.GetRequiredService<PinterestClient>().OAuth.RevokeTokensAsync(token, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is PinterestException or HttpRequestException or TimeoutException or OperationCanceledException)
        {
            // Pinterest documents revocation for system users' tokens only: the tokens leave the store whatever it says.
            ConnectLog.RevocationRefused(_logger, accountId, ex.GetType().Name);
            outcome = PinterestDisconnectOutcome.RemovedWithoutRevocation;
        }

        await removal.RemoveTokenAsync(accountId, cancellationToken).ConfigureAwait(false);
        ConnectLog.Disconnected(_logger, accountId, outcome);
        return outcome;
    }
}
