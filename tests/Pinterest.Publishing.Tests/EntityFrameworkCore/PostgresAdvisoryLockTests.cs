using Microsoft.EntityFrameworkCore;
using Npgsql;
using Pinterest.Publishing.EntityFrameworkCore.Internal;

namespace Pinterest.Publishing.Tests.EntityFrameworkCore;

/// <summary>
/// The advisory locks against the host's connection pool: no lock rides along on a pooled connection to its next user,
/// whatever happened to the acquisition or the release, and waiters for a slot hold no pooled connection.
/// </summary>
public sealed class PostgresAdvisoryLockTests : IAsyncLifetime, INeedsPostgres
{
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);
    private readonly ObservableTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private StoreDatabase _database = null!;

    public async Task InitializeAsync() => _database = await StoreDatabase.CreatePostgresAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [StoreFact]
    public async Task A_slot_acquisition_cancelled_after_the_server_granted_the_lock_leaves_no_lock_on_the_pooled_connection()
    {
        // pg_try_advisory_lock takes the lock and then hangs (a slow answer), so the caller is cancelled holding a lock
        // it never saw. The search path puts the test's function before pg_catalog's, on a pool of its own.
        await ExecuteAsync(
            "CREATE FUNCTION public.pg_try_advisory_lock(k bigint) RETURNS boolean LANGUAGE plpgsql AS "
            + "$$ BEGIN PERFORM pg_catalog.pg_try_advisory_lock(k); PERFORM pg_catalog.pg_sleep(60); RETURN true; END $$;");
        var coordinator = Coordinator("Search Path=public,pg_catalog");
        using var cancel = new CancellationTokenSource();

        var acquiring = coordinator.AcquirePublishSlotAsync("acct-1", 1, cancel.Token).AsTask();
        await WhenAsync(async () => await CountAdvisoryLocksAsync() > 0);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => acquiring.WaitAsync(Hang));
        Assert.Equal(0, await CountAdvisoryLocksAsync());
    }

    [StoreFact]
    public async Task A_release_whose_unlock_fails_leaves_no_lock_on_the_pooled_connection()
    {
        await ExecuteAsync(
            "CREATE FUNCTION public.pg_advisory_unlock(k bigint) RETURNS boolean LANGUAGE plpgsql AS "
            + "$$ BEGIN RAISE EXCEPTION 'unlock refused by the test'; END $$;");
        var coordinator = Coordinator("Search Path=public,pg_catalog");

        var held = await coordinator.AcquireRefreshLockAsync("acct-1");
        Assert.Equal(1, await CountAdvisoryLocksAsync());
        try
        {
            await held.DisposeAsync();
        }
        catch (PostgresException)
        {
            // The release may report the failure; what matters is what the pool is left with.
        }

        Assert.Equal(0, await CountAdvisoryLocksAsync());
    }

    [StoreFact]
    public async Task More_slot_waiters_than_the_pool_has_connections_leave_the_pool_to_others()
    {
        // A pool of 3 connections; one holds the account's only slot and 5 wait for it.
        var coordinator = Coordinator("Maximum Pool Size=3;Timeout=5");
        var held = await coordinator.AcquirePublishSlotAsync("acct-1", 1);
        using var stop = new CancellationTokenSource();
        var waiters = Enumerable.Range(0, 5).Select(_ => coordinator.AcquirePublishSlotAsync("acct-1", 1, stop.Token).AsTask()).ToArray();
        await WhenAsync(() => Task.FromResult(_time.AllTimers.Count >= waiters.Length));
        Assert.All(waiters, w => Assert.False(w.IsCompleted));

        // Every waiter is between two tries: the pool still serves the rest of the store.
        Assert.Empty(await coordinator.GetCooldownsAsync("acct-1"));

        await held.DisposeAsync();
        _time.Fake.Advance(PostgresAdvisoryLocks.SlotPollInterval);
        var next = await Task.WhenAny(waiters).WaitAsync(Hang);
        await stop.CancelAsync();
        await (await next).DisposeAsync();
        foreach (var waiter in waiters.Where(w => w != next))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiter.WaitAsync(Hang));
        }

        Assert.Equal(0, await CountAdvisoryLocksAsync());
    }

    private EfAccountCoordinator Coordinator(string connectionOptions)
    {
        var connectionString = _database.ConnectionString + ";" + connectionOptions;
        var options = new DbContextOptionsBuilder<StoreTestDbContext>().UseNpgsql(connectionString).Options;
        return AccountCoordinatorContract.Coordinator(new PinterestDbContexts(_ => Task.FromResult<DbContext>(new StoreTestDbContext(options))), _time);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    // Granted advisory locks in this test's database, from a connection of its own (not of the pools under test).
    private async Task<long> CountAdvisoryLocksAsync()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    // Polls the server (real time only as a guard against a hang) until the condition holds.
    private static async Task WhenAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Hang;
        while (DateTime.UtcNow < deadline && !await condition())
        {
            await Task.Yield();
        }
    }
}
