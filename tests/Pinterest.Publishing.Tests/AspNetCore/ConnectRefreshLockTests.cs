using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Publishing.AspNetCore;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Coordination;

namespace Pinterest.Publishing.Tests.AspNetCore;

/// <summary>
/// The callback stores the new token under the account's refresh lock: a refresh that read the old grant under the lock
/// (in any instance) stores its rotation before the callback's token, never after it. A lock that fails to be given
/// back does not turn a done connect or disconnect into a failure.
/// </summary>
public class ConnectRefreshLockTests
{
    [Fact]
    public async Task The_callback_stores_the_token_while_it_holds_the_account_refresh_lock()
    {
        var coordinator = new HeldLocks();
        var store = new LockCheckingStore(coordinator);
        await using var host = await ConnectTestHost.StartAsync(publishing: p =>
        {
            p.Services.AddSingleton<IPinterestAccountCoordinator>(coordinator);
            p.Services.AddSingleton<IPinterestTokenStore>(store);
        });

        using var response = await host.ConnectEndToEndAsync(host.Emulator.AddAccount(), "host-account-3");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["host-account-3 stored, lock held: True"], store.Stores);
        Assert.False(coordinator.IsHeld("host-account-3"));
    }

    [Fact]
    public async Task A_refresh_lock_that_cannot_be_taken_ends_in_the_hook_as_StoreFailed_and_stores_nothing()
    {
        var coordinator = new HeldLocks { Fault = new InvalidOperationException("The coordinator's database is down.") };
        await using var host = await ConnectTestHost.StartAsync(publishing: p => p.Services.AddSingleton<IPinterestAccountCoordinator>(coordinator));

        using var response = await host.ConnectEndToEndAsync(host.Emulator.AddAccount());

        var failed = Assert.Single(host.Hook.Failed);
        Assert.Equal((PinterestConnectFailureReason.StoreFailed, PinterestConnectOperation.Connect), (failed.Reason, failed.Operation));
        Assert.Null(await host.TokenStore.GetTokenAsync("host-account-1"));
    }

    [Fact]
    public async Task A_refresh_lock_that_fails_to_be_given_back_after_the_callback_stored_the_token_still_connects()
    {
        var coordinator = new HeldLocks { ReleaseFault = new InvalidOperationException("The lock's connection dropped.") };
        await using var host = await ConnectTestHost.StartAsync(publishing: p => p.Services.AddSingleton<IPinterestAccountCoordinator>(coordinator));

        using var response = await host.ConnectEndToEndAsync(host.Emulator.AddAccount());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(host.Hook.Failed);
        Assert.Equal("host-account-1", Assert.Single(host.Hook.Connected).AccountId);
        Assert.NotNull(await host.TokenStore.GetTokenAsync("host-account-1"));
    }

    [Fact]
    public async Task A_refresh_lock_that_fails_to_be_given_back_after_a_disconnect_still_reports_the_disconnect()
    {
        var coordinator = new HeldLocks();
        await using var host = await ConnectTestHost.StartAsync(publishing: p => p.Services.AddSingleton<IPinterestAccountCoordinator>(coordinator));
        await host.ConnectEndToEndAsync(host.Emulator.AddAccount());
        coordinator.ReleaseFault = new InvalidOperationException("The lock's connection dropped.");

        using var response = await host.DisconnectAsync();

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(host.Hook.Failed);
        Assert.Equal(PinterestDisconnectOutcome.Revoked, Assert.Single(host.Hook.Disconnected).Outcome);
        Assert.Null(await host.TokenStore.GetTokenAsync("host-account-1"));
        Assert.Contains(host.Logs.Entries, e => e.Contains("[11007]", StringComparison.Ordinal));
    }

    /// <summary>
    /// A coordinator that counts the refresh locks held per account (or throws <see cref="Fault"/>); giving a lock back
    /// throws <see cref="ReleaseFault"/> after it was given back.
    /// </summary>
    private sealed class HeldLocks : IPinterestAccountCoordinator
    {
        private readonly ConcurrentDictionary<string, int> _held = new(StringComparer.Ordinal);

        public Exception? Fault { get; init; }

        public Exception? ReleaseFault { get; set; }

        public bool IsHeld(string accountId) => _held.GetValueOrDefault(accountId) > 0;

        public ValueTask<IAsyncDisposable> AcquireRefreshLockAsync(string accountId, CancellationToken cancellationToken = default)
        {
            if (Fault is not null)
            {
                throw Fault;
            }

            _held.AddOrUpdate(accountId, 1, (_, n) => n + 1);
            return ValueTask.FromResult<IAsyncDisposable>(new Held(() =>
            {
                _held.AddOrUpdate(accountId, 0, (_, n) => n - 1);
                if (ReleaseFault is { } fault)
                {
                    throw fault;
                }
            }));
        }

        public ValueTask<IAsyncDisposable> AcquirePublishSlotAsync(string accountId, int maxConcurrency, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<IAsyncDisposable>(new Held(static () => { }));

        public ValueTask<IReadOnlyList<PinterestAccountCooldown>> GetCooldownsAsync(string accountId, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<IReadOnlyList<PinterestAccountCooldown>>([]);

        public ValueTask SetCooldownAsync(PinterestAccountCooldown cooldown, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        private sealed class Held(Action release) : IAsyncDisposable
        {
            public ValueTask DisposeAsync()
            {
                release();
                return ValueTask.CompletedTask;
            }
        }
    }

    /// <summary>An in-memory store that records, at each store, whether the account's refresh lock is held.</summary>
    private sealed class LockCheckingStore(HeldLocks locks) : IPinterestTokenStore
    {
        private readonly InMemoryPinterestTokenStore _inner = new();

        public ConcurrentQueue<string> Stores { get; } = new();

        public Task<PinterestToken?> GetTokenAsync(string accountId, CancellationToken cancellationToken = default) =>
            _inner.GetTokenAsync(accountId, cancellationToken);

        public Task StoreTokenAsync(string accountId, PinterestToken token, CancellationToken cancellationToken = default)
        {
            Stores.Enqueue($"{accountId} stored, lock held: {locks.IsHeld(accountId)}");
            return _inner.StoreTokenAsync(accountId, token, cancellationToken);
        }
    }
}
