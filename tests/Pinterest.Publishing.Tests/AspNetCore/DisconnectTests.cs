using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Publishing.AspNetCore;
using Pinterest.Publishing.Authentication;

namespace Pinterest.Publishing.Tests.AspNetCore;

public class DisconnectTests
{
    [Fact]
    public async Task Disconnect_endpoint_revokes_at_Pinterest_and_removes_the_token()
    {
        await using var host = await ConnectTestHost.StartAsync();
        var account = host.Emulator.AddAccount();
        await host.ConnectEndToEndAsync(account);
        var token = (await host.TokenStore.GetTokenAsync("host-account-1"))!;

        using var request = new HttpRequestMessage(HttpMethod.Post, "/pinterest/disconnect?returnUrl=/settings");
        request.Headers.Add(ConnectTestHost.UserHeader, "host-account-1");
        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/settings", response.Headers.Location!.OriginalString);
        Assert.Null(await host.TokenStore.GetTokenAsync("host-account-1"));
        using var me = new HttpRequestMessage(HttpMethod.Get, "v5/user_account");
        me.Headers.Authorization = new("Bearer", token.AccessToken);
        using var answer = await host.EmulatorClient.SendAsync(me);
        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
    }

    [Fact]
    public async Task DisconnectAsync_removes_the_token_even_when_Pinterest_refuses_the_revocation()
    {
        await using var host = await ConnectTestHost.StartAsync();
        await host.ConnectEndToEndAsync(host.Emulator.AddAccount());
        host.Emulator.InjectFault("POST /v5/oauth/token/revoke", Pinterest.Publishing.Testing.EmulatorFault.Status(HttpStatusCode.Forbidden, 403, "Not allowed."), count: 10);

        var outcome = await host.Services.GetRequiredService<IPinterestAccountConnections>().DisconnectAsync("host-account-1");

        Assert.Equal(PinterestDisconnectOutcome.RemovedWithoutRevocation, outcome);
        Assert.Null(await host.TokenStore.GetTokenAsync("host-account-1"));
    }

    [Fact]
    public async Task DisconnectAsync_of_an_account_without_a_token_is_NotConnected()
    {
        await using var host = await ConnectTestHost.StartAsync();
        var outcome = await host.Services.GetRequiredService<IPinterestAccountConnections>().DisconnectAsync("nobody");
        Assert.Equal(PinterestDisconnectOutcome.NotConnected, outcome);
    }

    [Fact]
    public async Task DisconnectAsync_over_a_store_that_cannot_delete_says_what_to_implement()
    {
        await using var host = await ConnectTestHost.StartAsync(publishing: p => p.AddTokenStore<ReadWriteOnlyStore>());
        await host.TokenStore.StoreTokenAsync("a", new PinterestToken { AccessToken = "x", ExpiresAt = DateTimeOffset.MaxValue });
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.Services.GetRequiredService<IPinterestAccountConnections>().DisconnectAsync("a"));
        Assert.Contains(nameof(IPinterestTokenStoreRemoval), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_memory_store_removes_a_token_once()
    {
        var store = new InMemoryPinterestTokenStore();
        await store.StoreTokenAsync("a", new PinterestToken { AccessToken = "x", ExpiresAt = DateTimeOffset.MaxValue });
        Assert.True(await store.RemoveTokenAsync("a"));
        Assert.False(await store.RemoveTokenAsync("a"));
        Assert.Null(await store.GetTokenAsync("a"));
    }

    private sealed class ReadWriteOnlyStore : IPinterestTokenStore
    {
        private readonly Dictionary<string, PinterestToken> _tokens = [];

        public Task<PinterestToken?> GetTokenAsync(string accountId, CancellationToken cancellationToken = default) =>
            Task.FromResult(_tokens.GetValueOrDefault(accountId));

        public Task StoreTokenAsync(string accountId, PinterestToken token, CancellationToken cancellationToken = default)
        {
            _tokens[accountId] = token;
            return Task.CompletedTask;
        }
    }
}
