using Microsoft.Extensions.Time.Testing;
using Pinterest.Publishing.Coordination;
using Pinterest.Publishing.EntityFrameworkCore.Internal;

namespace Pinterest.Publishing.Tests.EntityFrameworkCore;

/// <summary>
/// The publish ledger's contract, run on every ledger: in-process (one instance), SQLite and PostgreSQL (two instances
/// over one database).
/// </summary>
public abstract class PublishLedgerContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    // The in-flight bound the library gives an attempt (3 × a 30 s request timeout).
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    // Every ledger keeps ended attempts and claims for an hour.
    private static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    private IPinterestPublishLedger _a = null!;
    private IPinterestPublishLedger _b = null!;

    protected FakeTimeProvider Time { get; } = new(T0);

    public async Task InitializeAsync() => (_a, _b) = await CreateLedgersAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Two instances over one store (the same ledger where it lives in one process).</summary>
    protected abstract Task<(IPinterestPublishLedger A, IPinterestPublishLedger B)> CreateLedgersAsync();

    /// <summary>Forgets, as of <see cref="Time"/>'s now, what the contract no longer needs.</summary>
    protected abstract Task PruneAsync();

    [StoreFact]
    public async Task A_processing_upload_set_by_one_instance_is_seen_replaced_and_forgotten_by_another()
    {
        Assert.Null(await _b.GetProcessingUploadAsync("op-1"));
        await _a.SetProcessingUploadAsync("op-1", "media-1");
        Assert.Equal("media-1", await _b.GetProcessingUploadAsync("op-1"));

        await _b.SetProcessingUploadAsync("op-1", "media-2");
        Assert.Equal("media-2", await _a.GetProcessingUploadAsync("op-1"));

        await _a.SetProcessingUploadAsync("op-1", null);
        Assert.Null(await _b.GetProcessingUploadAsync("op-1"));
    }

    [StoreFact]
    public async Task An_attempt_in_flight_or_ended_ambiguously_is_an_unresolved_twin_across_instances()
    {
        _ = await _a.BeginCreateAttemptAsync("mine", "draft", T0, T0 + Bound);
        Assert.False(await _a.HasUnresolvedTwinAsync("mine", "draft", T0));

        var other = await _b.BeginCreateAttemptAsync("other", "draft", T0.AddSeconds(1), T0.AddSeconds(1) + Bound);
        Assert.True(await _a.HasUnresolvedTwinAsync("mine", "draft", T0));
        Assert.False(await _a.HasUnresolvedTwinAsync("mine", "another draft", T0));

        await _b.EndCreateAttemptAsync(other, resolved: false, T0.AddSeconds(5));
        await _b.EndCreateAttemptAsync(other, resolved: false, T0.AddSeconds(9));
        Assert.True(await _a.HasUnresolvedTwinAsync("mine", "draft", T0.AddSeconds(5)));
        Assert.False(await _a.HasUnresolvedTwinAsync("mine", "draft", T0.AddSeconds(6)));

        var third = await _b.BeginCreateAttemptAsync("third", "draft", T0.AddSeconds(7), T0.AddSeconds(7) + Bound);
        await _b.EndCreateAttemptAsync(third, resolved: true, T0.AddSeconds(8));
        Assert.False(await _a.HasUnresolvedTwinAsync("mine", "draft", T0.AddSeconds(6)));
    }

    [StoreFact]
    public async Task An_operations_own_attempts_are_never_its_twins_and_resolving_one_resolves_those_that_ended()
    {
        var first = await _a.BeginCreateAttemptAsync("op", "draft", T0, T0 + Bound);
        await _a.EndCreateAttemptAsync(first, resolved: false, T0.AddSeconds(5));
        var second = await _b.BeginCreateAttemptAsync("op", "draft", T0.AddSeconds(10), T0.AddSeconds(10) + Bound);
        var stranger = await _b.BeginCreateAttemptAsync("stranger", "draft", T0.AddSeconds(11), T0.AddSeconds(11) + Bound);

        Assert.Equal(T0, await _b.GetUnresolvedCreateAttemptStartAsync("op"));
        Assert.True(await _b.HasUnresolvedTwinAsync("op", "draft", T0));
        Assert.Null(await _a.GetUnresolvedCreateAttemptStartAsync("nobody"));

        // Another instance picks the publish up, finds nothing on the board, and resolves its own attempt: the op's
        // ended attempts go; the one still in flight (a live instance's create of the same op) stays until it ends.
        var recovery = await _b.BeginCreateAttemptAsync("op", "draft", T0.AddSeconds(20), T0.AddSeconds(20) + Bound);
        await _b.EndCreateAttemptAsync(recovery, resolved: true, T0.AddSeconds(21));

        Assert.Equal(T0.AddSeconds(10), await _a.GetUnresolvedCreateAttemptStartAsync("op"));
        Assert.True(await _a.HasUnresolvedTwinAsync("stranger", "draft", T0));
        await _a.EndCreateAttemptAsync(second, resolved: true, T0.AddSeconds(25));
        Assert.Null(await _a.GetUnresolvedCreateAttemptStartAsync("op"));
        Assert.False(await _a.HasUnresolvedTwinAsync("stranger", "draft", T0));
        Assert.True(await _a.HasUnresolvedTwinAsync("op", "draft", T0));
        await _a.EndCreateAttemptAsync(stranger, resolved: true, T0.AddSeconds(22));
        Assert.False(await _a.HasUnresolvedTwinAsync("op", "draft", T0));
    }

    [StoreFact]
    public async Task An_attempt_whose_instance_died_in_flight_counts_as_ended_at_its_bound_and_is_then_forgotten()
    {
        // Never ended: its instance was killed with the create in flight.
        _ = await _a.BeginCreateAttemptAsync("dead", "draft", T0, T0 + Bound);

        Assert.True(await _b.HasUnresolvedTwinAsync("asking", "draft", T0 + Bound));
        Assert.False(await _b.HasUnresolvedTwinAsync("asking", "draft", T0 + Bound + TimeSpan.FromTicks(1)));
        Assert.Equal(T0, await _b.GetUnresolvedCreateAttemptStartAsync("dead"));

        Time.Advance(Bound + Retention - TimeSpan.FromMinutes(1));
        await PruneAsync();
        Assert.Equal(T0, await _b.GetUnresolvedCreateAttemptStartAsync("dead"));

        Time.Advance(TimeSpan.FromMinutes(2));
        await PruneAsync();
        Assert.Null(await _b.GetUnresolvedCreateAttemptStartAsync("dead"));
        Assert.False(await _b.HasUnresolvedTwinAsync("asking", "draft", DateTimeOffset.MinValue));
    }

    [StoreFact]
    public async Task A_pin_is_claimed_once_across_instances_even_when_they_race_and_again_only_by_its_operation()
    {
        var wins = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
            await (i % 2 == 0 ? _a : _b).TryClaimPinAsync("pin-1", $"op-{i}", T0))));

        Assert.Equal(1, wins.Count(w => w));
        var owner = $"op-{Array.IndexOf(wins, true)}";
        Assert.False(await _a.TryClaimPinAsync("pin-1", "op-other", T0));
        Assert.True(await _b.TryClaimPinAsync("pin-1", owner, T0.AddMinutes(1)));
        Assert.True(await _b.TryClaimPinAsync("pin-2", "op-other", T0));
    }

    [StoreFact]
    public async Task The_pin_an_operation_claimed_is_found_by_that_operation_on_another_instance()
    {
        Assert.Null(await _b.GetClaimedPinAsync("op-1"));
        Assert.True(await _a.TryClaimPinAsync("pin-1", "op-1", T0));
        Assert.False(await _a.TryClaimPinAsync("pin-1", "op-2", T0));

        Assert.Equal("pin-1", await _b.GetClaimedPinAsync("op-1"));
        Assert.Null(await _b.GetClaimedPinAsync("op-2"));

        Time.Advance((2 * Retention) + TimeSpan.FromMinutes(1));
        await PruneAsync();
        Assert.Null(await _b.GetClaimedPinAsync("op-1"));
    }

    [StoreFact]
    public async Task Pruning_forgets_rows_only_after_the_contract_no_longer_needs_them()
    {
        await _a.SetProcessingUploadAsync("op-1", "media-1");
        Assert.True(await _a.TryClaimPinAsync("pin-1", "op-1", T0));
        var ambiguous = await _a.BeginCreateAttemptAsync("op-2", "draft", T0, T0 + Bound);
        await _a.EndCreateAttemptAsync(ambiguous, resolved: false, T0);

        Time.Advance(TimeSpan.FromMinutes(59));
        await PruneAsync();
        Assert.False(await _a.TryClaimPinAsync("pin-1", "op-3", Time.GetUtcNow()));
        Assert.True(await _a.HasUnresolvedTwinAsync("asking", "draft", T0));

        Time.Advance(TimeSpan.FromMinutes(2));
        await PruneAsync();
        Assert.False(await _a.HasUnresolvedTwinAsync("asking", "draft", T0));
        Assert.Equal("media-1", await _a.GetProcessingUploadAsync("op-1"));

        // A claim outlives the attempts whose searches it could answer: twice their retention.
        Assert.False(await _a.TryClaimPinAsync("pin-1", "op-3", Time.GetUtcNow()));
        Time.Advance(TimeSpan.FromHours(1));
        await PruneAsync();
        Assert.True(await _a.TryClaimPinAsync("pin-1", "op-3", Time.GetUtcNow()));

        Time.Advance(TimeSpan.FromDays(1));
        await PruneAsync();
        Assert.Null(await _a.GetProcessingUploadAsync("op-1"));
    }
}

/// <summary>The durable ledger: two instances over one database.</summary>
public abstract class EfPublishLedgerContract(bool postgres) : PublishLedgerContract
{
    private StoreDatabase _database = null!;
    private EfPublishLedger _a = null!;

    public override async Task DisposeAsync() => await _database.DisposeAsync();

    protected override async Task<(IPinterestPublishLedger A, IPinterestPublishLedger B)> CreateLedgersAsync()
    {
        _database = await StoreDatabase.CreateAsync(postgres ? StoreProvider.PostgreSql : StoreProvider.Sqlite);
        _a = new EfPublishLedger(_database.NewContexts(), Time);
        return (_a, new EfPublishLedger(_database.NewContexts(), Time));
    }

    protected override Task PruneAsync() => _a.PruneAsync(CancellationToken.None, force: true);
}

public sealed class SqlitePublishLedgerTests() : EfPublishLedgerContract(postgres: false);

public sealed class PostgresPublishLedgerTests() : EfPublishLedgerContract(postgres: true), INeedsPostgres;
