using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Publishing.AspNetCore;
using Pinterest.Publishing.Authentication;

namespace Pinterest.Publishing.Tests.AspNetCore;

/// <summary>
/// Disconnecting removes the token from the store before it revokes it at Pinterest: a store that fails leaves a
/// working token in place (nothing revoked), and once the removal has started the request's cancellation no longer
/// stops the revocation, so the store never keeps a revoked token.
/// </summary>
public class DisconnectOrderTests
{
    [Fact]
    public async Task A_store_that_fails_to_remove_the_token_ends_in_the_hook_as_StoreFailed_and_nothing_is_revoked()
    {
        var store = new RemovalProbeStore { BeforeRemove = _ => throw new InvalidOperationException("The store is down.") };
        await using var host = await ConnectTestHost.StartAsync(publishing: p => p.Services.AddSingleton<IPinterestTokenStore>(store));
        await host.ConnectEndToEndAsync(host.Emulator.AddAccount());
        var token = (await host.TokenStore.GetTokenAsync("host-account-1"))!;

        using var response = await host.DisconnectAsync();

        var failed = Assert.Single(host.Hook.Failed);
        Assert.Equal(PinterestConnectFailureReason.StoreFailed, failed.Reason);
        Assert.Empty(host.Hook.Disconnected);
        Assert.NotNull(await host.TokenStore.GetTokenAsync("host-account-1"));
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(host, token.AccessToken));
        Assert.Equal(PinterestConnectOperation.Disconnect, failed.Operation);
    }

    [Fact]
    public async Task A_request_aborted_once_the_removal_started_still_revokes_and_leaves_the_store_without_the_token()
    {
        using var aborted = new CancellationTokenSource();

        // The request is aborted while the store deletes the row; a store honouring the token it is given would stop.
        var store = new RemovalProbeStore
        {
            BeforeRemove = cancellationToken =>
            {
                aborted.Cancel();
                cancellationToken.ThrowIfCancellationRequested();
            },
        };
        await using var host = await ConnectTestHost.StartAsync(publishing: p => p.Services.AddSingleton<IPinterestTokenStore>(store));
        await host.ConnectEndToEndAsync(host.Emulator.AddAccount());
        var token = (await host.TokenStore.GetTokenAsync("host-account-1"))!;

        var outcome = await host.Services.GetRequiredService<IPinterestAccountConnections>().DisconnectAsync("host-account-1", aborted.Token);

        Assert.Equal(PinterestDisconnectOutcome.Revoked, outcome);
        Assert.Null(await host.TokenStore.GetTokenAsync("host-account-1"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(host, token.AccessToken));
    }

    [Fact]
    public async Task A_refused_revocation_after_the_removal_is_RemovedWithoutRevocation_not_a_failure()
    {
        await using var host = await ConnectTestHost.StartAsync();
        await host.ConnectEndToEndAsync(host.Emulator.AddAccount());
        host.Emulator.InjectFault("POST /v5/oauth/token/revoke", Pinterest.Publishing.Testing.EmulatorFault.Status(HttpStatusCode.Forbidden, 403, "Not allowed."), count: 10);

        using var response = await host.DisconnectAsync();

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(host.Hook.Failed);
        Assert.Equal(PinterestDisconnectOutcome.RemovedWithoutRevocation, Assert.Single(host.Hook.Disconnected).Outcome);
        Assert.Null(await host.TokenStore.GetTokenAsync("host-account-1"));
    }

    internal static async Task<HttpStatusCode> StatusWithAsync(ConnectTestHost host, string accessToken)
    {
        using var me = new HttpRequestMessage(HttpMethod.Get, "v5/user_account");
        me.Headers.Authorization = new("Bearer", accessToken);
        using var answer = await host.EmulatorClient.SendAsync(me);
        return answer.StatusCode;
    }

    /// <summary>An in-memory store that runs <see cref="BeforeRemove"/> (with the token the removal was given) before deleting.</summary>
    private sealed class RemovalProbeStore : IPinterestTokenStore, IPinterestTokenStoreRemoval
    {
        private readonly InMemoryPinterestTokenStore _inner = new();

        public Action<CancellationToken> BeforeRemove { get; init; } = static _ => { };

        public Task<PinterestToken?> GetTokenAsync(string accountId, CancellationToken cancellationToken = default) =>
            _inner.GetTokenAsync(accountId, cancellationToken);

        public Task StoreTokenAsync(string accountId, PinterestToken token, CancellationToken cancellationToken = default) =>
            _inner.StoreTokenAsync(accountId, token, cancellationToken);

        public Task<bool> RemoveTokenAsync(string accountId, CancellationToken cancellationToken = default)
        {
            BeforeRemove(cancellationToken);
            return _inner.RemoveTokenAsync(accountId, cancellationToken);
        }
    }
}
