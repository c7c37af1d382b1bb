using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Publishing.AspNetCore;
using Pinterest.Publishing.Authentication;

namespace Pinterest.Publishing.Tests.AspNetCore;

/// <summary>
/// A connect replaces the account's token even when the store keeps the token that expires later (as the EF store does)
/// and a refresh of the previous grant, run while the callback waited for the refresh lock, stored a token that expires
/// after the new one: the account must end with the grant just connected, never the old one kept silently.
/// </summary>
public class ConnectReplacesTokenTests
{
    private static readonly PinterestToken OldGrant = new()
    {
        AccessToken = "pina_old-grant-refreshed",
        RefreshToken = "pinr_old-grant",
        ExpiresAt = DateTimeOffset.UtcNow.AddDays(365),
    };

    [Fact]
    public async Task A_refreshed_old_grant_that_expires_later_is_replaced_by_the_grant_just_connected()
    {
        var store = new KeepsLaterExpiryStore();
        await store.StoreTokenAsync("host-account-1", OldGrant);
        await using var host = await ConnectTestHost.StartAsync(publishing: p => p.Services.AddSingleton<IPinterestTokenStore>(store));

        using var response = await host.ConnectEndToEndAsync(host.Emulator.AddAccount());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(host.Hook.Failed);
        var stored = await store.GetTokenAsync("host-account-1");
        Assert.NotNull(stored);
        Assert.NotEqual(OldGrant.AccessToken, stored.AccessToken);
    }

    [Fact]
    public async Task A_store_that_keeps_the_old_grant_and_cannot_remove_it_ends_in_the_hook_as_StoreFailed()
    {
        var store = new KeepsLaterExpiryStore();
        await store.StoreTokenAsync("host-account-1", OldGrant);
        await using var host = await ConnectTestHost.StartAsync(publishing: p => p.Services.AddSingleton<IPinterestTokenStore>(store.WithoutRemoval()));

        using var response = await host.ConnectEndToEndAsync(host.Emulator.AddAccount());

        var failed = Assert.Single(host.Hook.Failed);
        Assert.Equal((PinterestConnectFailureReason.StoreFailed, PinterestConnectOperation.Connect), (failed.Reason, failed.Operation));
        Assert.Empty(host.Hook.Connected);
    }

    /// <summary>A store that, like the EF store, never replaces a token by one that expires earlier.</summary>
    private sealed class KeepsLaterExpiryStore : IPinterestTokenStore, IPinterestTokenStoreRemoval
    {
        private readonly ConcurrentDictionary<string, PinterestToken> _tokens = new(StringComparer.Ordinal);

        public IPinterestTokenStore WithoutRemoval() => new NoRemoval(this);

        public Task<PinterestToken?> GetTokenAsync(string accountId, CancellationToken cancellationToken = default) =>
            Task.FromResult(_tokens.GetValueOrDefault(accountId));

        public Task StoreTokenAsync(string accountId, PinterestToken token, CancellationToken cancellationToken = default)
        {
            _tokens.AddOrUpdate(accountId, token, (_, stored) => token.ExpiresAt >= stored.ExpiresAt ? token : stored);
            return Task.CompletedTask;
        }

        public Task<bool> RemoveTokenAsync(string accountId, CancellationToken cancellationToken = default) =>
            Task.FromResult(_tokens.TryRemove(accountId, out _));

        private sealed class NoRemoval(IPinterestTokenStore inner) : IPinterestTokenStore
        {
            public Task<PinterestToken?> GetTokenAsync(string accountId, CancellationToken cancellationToken = default) =>
                inner.GetTokenAsync(accountId, cancellationToken);

            public Task StoreTokenAsync(string accountId, PinterestToken token, CancellationToken cancellationToken = default) =>
                inner.StoreTokenAsync(accountId, token, cancellationToken);
        }
    }
}
