using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Publishing.AspNetCore;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Coordination;

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

        using var response = await host.DisconnectAsync(returnUrl: "/settings");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var disconnected = Assert.Single(host.Hook.Disconnected);
        Assert.Equal(("host-account-1", PinterestDisconnectOutcome.Revoked, "/settings"), (disconnected.AccountId, disconnected.Outcome, disconnected.ReturnUrl));
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
    public async Task Under_ProtectTokens_a_store_that_cannot_delete_is_refused_before_anything_is_revoked()
    {
        await using var host = await ConnectTestHost.StartAsync(publishing: p => p.AddTokenStore<ReadWriteOnlyStore>().ProtectTokens());
        await host.ConnectEndToEndAsync(host.Emulator.AddAccount());
        var token = (await host.TokenStore.GetTokenAsync("host-account-1"))!;

        Assert.False(host.TokenStore is IPinterestTokenStoreRemoval);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.Services.GetRequiredService<IPinterestAccountConnections>().DisconnectAsync("host-account-1"));

        Assert.Contains(nameof(ReadWriteOnlyStore), error.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(host, token.AccessToken));
    }

    [Fact]
    public async Task Disconnect_of_a_token_that_cannot_be_decrypted_removes_it_and_says_it_was_not_revoked()
    {
        var inner = new InMemoryPinterestTokenStore();
        await using var host = await ConnectTestHost.StartAsync(publishing: p =>
        {
            p.Services.AddSingleton<IPinterestTokenStore>(inner);
            p.ProtectTokens();
        });

        // Protected by a key ring this app no longer has (lost, or revoked by the host).
        var lost = new EphemeralDataProtectionProvider().CreateProtector("Pinterest.Publishing.Tokens.v1");
        await inner.StoreTokenAsync("host-account-1", new PinterestToken { AccessToken = "pdp1:" + lost.Protect("pina_lost"), ExpiresAt = DateTimeOffset.MaxValue });
        await Assert.ThrowsAsync<PinterestReauthorizationRequiredException>(() => host.TokenStore.GetTokenAsync("host-account-1"));

        using var response = await host.DisconnectAsync(returnUrl: "/settings");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Null(await inner.GetTokenAsync("host-account-1"));
        var disconnected = Assert.Single(host.Hook.Disconnected);
        Assert.Equal(PinterestDisconnectOutcome.RemovedUnreadable, disconnected.Outcome);
        Assert.Empty(host.Hook.Failed);
    }

    [Fact]
    public async Task A_store_failure_on_disconnect_ends_in_the_hook_not_a_500()
    {
        await using var host = await ConnectTestHost.StartAsync(publishing: p => p.AddTokenStore<ReadWriteOnlyStore>());

        using var response = await host.DisconnectAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var failed = Assert.Single(host.Hook.Failed);
        Assert.Equal(PinterestConnectFailureReason.StoreFailed, failed.Reason);
        Assert.Equal("host-account-1", failed.AccountId);
        Assert.IsType<InvalidOperationException>(failed.Exception);
    }

    [Fact]
    public async Task Disconnect_revokes_and_removes_under_the_account_refresh_lock()
    {
        await using var host = await ConnectTestHost.StartAsync(publishing: p => p.Services.AddSingleton<IPinterestAccountCoordinator, LockProbe>());
        await host.ConnectEndToEndAsync(host.Emulator.AddAccount());
        var token = (await host.TokenStore.GetTokenAsync("host-account-1"))!;
        var probe = (LockProbe)host.Services.GetRequiredService<IPinterestAccountCoordinator>();
        probe.Events.Clear();
        probe.OnRelease = async () => probe.Events.Add($"released: stored={await host.TokenStore.GetTokenAsync("host-account-1") is not null} revoked={await StatusWithAsync(host, token.AccessToken) == HttpStatusCode.Unauthorized}");

        await host.Services.GetRequiredService<IPinterestAccountConnections>().DisconnectAsync("host-account-1");

        Assert.Equal(["locked host-account-1", "released: stored=False revoked=True"], probe.Events);
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

    private static async Task<HttpStatusCode> StatusWithAsync(ConnectTestHost host, string accessToken)
    {
        using var me = new HttpRequestMessage(HttpMethod.Get, "v5/user_account");
        me.Headers.Authorization = new("Bearer", accessToken);
        using var answer = await host.EmulatorClient.SendAsync(me);
        return answer.StatusCode;
    }

    /// <summary>Records when the refresh lock is taken and what the release finds; the other members are not used by disconnecting.</summary>
    private sealed class LockProbe : IPinterestAccountCoordinator
    {
        public List<string> Events { get; } = [];

        public Func<Task> OnRelease { get; set; } = () => Task.CompletedTask;

        public ValueTask<IAsyncDisposable> AcquireRefreshLockAsync(string accountId, CancellationToken cancellationToken = default)
        {
            Events.Add("locked " + accountId);
            return ValueTask.FromResult<IAsyncDisposable>(new Release(this));
        }

        public ValueTask<IAsyncDisposable> AcquirePublishSlotAsync(string accountId, int maxConcurrency, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<IAsyncDisposable>(new Release(null));

        public ValueTask<IReadOnlyList<PinterestAccountCooldown>> GetCooldownsAsync(string accountId, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<IReadOnlyList<PinterestAccountCooldown>>([]);

        public ValueTask SetCooldownAsync(PinterestAccountCooldown cooldown, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        private sealed class Release(LockProbe? probe) : IAsyncDisposable
        {
            public async ValueTask DisposeAsync()
            {
                if (probe is not null)
                {
                    await probe.OnRelease();
                }
            }
        }
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
