using Microsoft.Extensions.Options;
using Npgsql;
using Pinterest.Publishing.Coordination;
using Pinterest.Publishing.EntityFrameworkCore.Internal;
using Pinterest.Publishing.Scheduling;

namespace Pinterest.Publishing.Tests.EntityFrameworkCore;

/// <summary>
/// The coordinator: two instances (two context sources, so two connections) over one database contend for the refresh
/// lock and the publish slots and share cool-downs. On PostgreSQL the locks are the server's; on SQLite the process's.
/// </summary>
public abstract class AccountCoordinatorContract(bool postgres) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);
    private readonly ObservableTimeProvider _time = new(T0);
    private StoreDatabase _database = null!;
    private EfAccountCoordinator _a = null!;
    private EfAccountCoordinator _b = null!;

    public async Task InitializeAsync()
    {
        _database = await StoreDatabase.CreateAsync(postgres ? StoreProvider.PostgreSql : StoreProvider.Sqlite);
        _a = Coordinator(_database.NewContexts(), _time);
        _b = Coordinator(_database.NewContexts(), _time);
    }

    /// <summary>A coordinator as the DI extension builds it, with the options' delays that decide what it keeps.</summary>
    internal static EfAccountCoordinator Coordinator(PinterestDbContexts contexts, TimeProvider time, TimeSpan? maxRateLimitDelay = null, TimeSpan? spamBlockDelay = null)
    {
        var publishing = new PinterestPublishingOptions();
        publishing.Retry.MaxRateLimitDelay = maxRateLimitDelay ?? publishing.Retry.MaxRateLimitDelay;
        var scheduling = new PinSchedulingOptions { SpamBlockDelay = spamBlockDelay ?? new PinSchedulingOptions().SpamBlockDelay };
        return new EfAccountCoordinator(contexts, time, Options.Create(publishing), Options.Create(scheduling));
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [StoreFact]
    public async Task The_refresh_lock_keeps_the_second_instance_waiting_until_the_first_releases_it()
    {
        var held = await _a.AcquireRefreshLockAsync("acct-1");
        var waiting = _b.AcquireRefreshLockAsync("acct-1").AsTask();
        await WhenWaitingAsync(waiting);
        Assert.False(waiting.IsCompleted);

        // Another account's lock is independent.
        await (await _b.AcquireRefreshLockAsync("acct-2")).DisposeAsync();

        await held.DisposeAsync();
        var second = await waiting.WaitAsync(Hang);
        var third = _a.AcquireRefreshLockAsync("acct-1").AsTask();
        await WhenWaitingAsync(third);
        Assert.False(third.IsCompleted);
        await second.DisposeAsync();
        await (await third.WaitAsync(Hang)).DisposeAsync();
    }

    [StoreFact]
    public async Task Publish_slots_count_every_instance_and_a_given_back_slot_goes_to_a_waiter()
    {
        var first = await _a.AcquirePublishSlotAsync("acct-1", 2);
        var second = await _b.AcquirePublishSlotAsync("acct-1", 2);
        var waiting = _a.AcquirePublishSlotAsync("acct-1", 2).AsTask();
        await WhenWaitingAsync(waiting);
        Assert.False(waiting.IsCompleted);

        await second.DisposeAsync();
        if (postgres)
        {
            // The waiter polls: it takes the slot at its next try.
            _time.Advance(PostgresAdvisoryLocks.SlotPollInterval);
        }

        var third = await waiting.WaitAsync(Hang);
        await first.DisposeAsync();
        await third.DisposeAsync();
    }

    [StoreFact]
    public async Task Cooldowns_are_shared_and_replaced_per_category()
    {
        Assert.Empty(await _b.GetCooldownsAsync("acct-1"));
        var write = new PinterestAccountCooldown { AccountId = "acct-1", Category = "org_write", Until = T0.AddMinutes(1), InARow = 1 };
        var spam = new PinterestAccountCooldown { AccountId = "acct-1", Until = T0.AddHours(6), IsSpamBlock = true, InARow = 1 };
        await _a.SetCooldownAsync(write);
        await _a.SetCooldownAsync(spam);
        await _b.SetCooldownAsync(new PinterestAccountCooldown { AccountId = "acct-2", Category = "org_read", Until = T0.AddMinutes(1) });

        var again = write with { Until = T0.AddMinutes(2), InARow = 2 };
        await _b.SetCooldownAsync(again);

        var read = await _a.GetCooldownsAsync("acct-1");
        Assert.Equal(2, read.Count);
        Assert.Contains(spam, read);
        Assert.Contains(again, read);
    }

    [StoreFact]
    public async Task Cooldowns_are_kept_while_they_can_continue_a_run_and_forgotten_after()
    {
        // A 429 within MaxRateLimitDelay after a cool-down ended continues its run, so the row must outlive its end by
        // that long (here 3 h, longer than the spam block's 2 h), not by a fixed hour.
        var coordinator = Coordinator(_database.NewContexts(), _time, maxRateLimitDelay: TimeSpan.FromHours(3), spamBlockDelay: TimeSpan.FromHours(2));
        var ended = new PinterestAccountCooldown { AccountId = "acct-1", Category = "org_write", Until = T0, InARow = 3 };
        await coordinator.SetCooldownAsync(ended);

        _time.Advance(TimeSpan.FromHours(2.5));
        await coordinator.SetCooldownAsync(new PinterestAccountCooldown { AccountId = "acct-1", Category = "org_read", Until = _time.GetUtcNow() });
        Assert.Contains(ended, await _b.GetCooldownsAsync("acct-1"));

        _time.Advance(TimeSpan.FromHours(1));
        await coordinator.SetCooldownAsync(new PinterestAccountCooldown { AccountId = "acct-1", Category = "org_read", Until = _time.GetUtcNow() });
        Assert.Equal(["org_read"], (await _b.GetCooldownsAsync("acct-1")).Select(c => c.Category));
    }

    [StoreFact]
    public async Task A_stale_rate_limit_never_shortens_a_spam_block_in_either_order()
    {
        var spam = new PinterestAccountCooldown { AccountId = "acct-1", Until = T0.AddHours(6), IsSpamBlock = true, InARow = 1 };
        var stale = new PinterestAccountCooldown { AccountId = "acct-1", Until = T0.AddMinutes(1), InARow = 1 };

        // Spam block first, then another instance's 429 computed from an older read.
        await _a.SetCooldownAsync(spam);
        await _b.SetCooldownAsync(stale);
        Assert.Equal([spam], await _a.GetCooldownsAsync("acct-1"));

        // The other order, on another account.
        await _b.SetCooldownAsync(stale with { AccountId = "acct-2" });
        await _a.SetCooldownAsync(spam with { AccountId = "acct-2" });
        Assert.Equal([spam with { AccountId = "acct-2" }], await _a.GetCooldownsAsync("acct-2"));

        // Once the block is over, a new 429 is no spam block and may end before the old block's end would have.
        _time.Advance(TimeSpan.FromHours(7));
        var later = new PinterestAccountCooldown { AccountId = "acct-1", Until = _time.GetUtcNow().AddMinutes(1), InARow = 1 };
        await _b.SetCooldownAsync(later);
        Assert.Equal([later], await _a.GetCooldownsAsync("acct-1"));
    }

    // Proof that the waiter is really waiting (not merely slow): on PostgreSQL, its advisory lock request is in
    // pg_locks ungranted, or its poll timer started; in process, the semaphore wait is synchronous to reach.
    private async Task WhenWaitingAsync(Task waiter)
    {
        if (!postgres)
        {
            await Task.Yield();
            return;
        }

        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        var deadline = DateTime.UtcNow + Hang;
        while (DateTime.UtcNow < deadline && !waiter.IsCompleted)
        {
            await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted", connection);
            if ((long)(await command.ExecuteScalarAsync())! > 0 || _time.HasPendingTimer)
            {
                return;
            }
        }
    }
}

public sealed class SqliteAccountCoordinatorTests() : AccountCoordinatorContract(postgres: false);

public sealed class PostgresAccountCoordinatorTests() : AccountCoordinatorContract(postgres: true), INeedsPostgres;
