using Microsoft.Extensions.Time.Testing;
using Pinterest.Publishing.EntityFrameworkCore.Internal;

namespace Pinterest.Publishing.Tests.EntityFrameworkCore;

/// <summary>The publish ledger, on SQLite and PostgreSQL, with two instances over one database.</summary>
public abstract class PublishLedgerContract(bool postgres) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(T0);
    private StoreDatabase _database = null!;
    private EfPublishLedger _a = null!;
    private EfPublishLedger _b = null!;

    public async Task InitializeAsync()
    {
        _database = await StoreDatabase.CreateAsync(postgres ? StoreProvider.PostgreSql : StoreProvider.Sqlite);
        _a = new EfPublishLedger(_database.NewContexts(), _time);
        _b = new EfPublishLedger(_database.NewContexts(), _time);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

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
        var mine = await _a.BeginCreateAttemptAsync("draft", T0);
        Assert.False(await _a.HasUnresolvedTwinAsync(mine, "draft", T0));

        var other = await _b.BeginCreateAttemptAsync("draft", T0.AddSeconds(1));
        Assert.True(await _a.HasUnresolvedTwinAsync(mine, "draft", T0));
        Assert.False(await _a.HasUnresolvedTwinAsync(mine, "another draft", T0));

        await _b.EndCreateAttemptAsync(other, resolved: false, T0.AddSeconds(5));
        Assert.True(await _a.HasUnresolvedTwinAsync(mine, "draft", T0.AddSeconds(5)));
        Assert.False(await _a.HasUnresolvedTwinAsync(mine, "draft", T0.AddSeconds(6)));

        var third = await _b.BeginCreateAttemptAsync("draft", T0.AddSeconds(7));
        await _b.EndCreateAttemptAsync(third, resolved: true, T0.AddSeconds(8));
        Assert.False(await _a.HasUnresolvedTwinAsync(mine, "draft", T0.AddSeconds(6)));
    }

    [StoreFact]
    public async Task A_pin_is_claimed_once_across_instances_even_when_they_race()
    {
        var wins = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
            await (i % 2 == 0 ? _a : _b).TryClaimPinAsync("pin-1", T0))));

        Assert.Equal(1, wins.Count(w => w));
        Assert.False(await _a.TryClaimPinAsync("pin-1", T0));
        Assert.True(await _b.TryClaimPinAsync("pin-2", T0));
    }

    [StoreFact]
    public async Task Pruning_forgets_rows_only_after_the_contract_no_longer_needs_them()
    {
        await _a.SetProcessingUploadAsync("op-1", "media-1");
        Assert.True(await _a.TryClaimPinAsync("pin-1", T0));
        var ambiguous = await _a.BeginCreateAttemptAsync("draft", T0);
        await _a.EndCreateAttemptAsync(ambiguous, resolved: false, T0);
        var asking = await _a.BeginCreateAttemptAsync("draft", T0);

        _time.Advance(TimeSpan.FromMinutes(59));
        await _a.PruneAsync(CancellationToken.None, force: true);
        Assert.False(await _a.TryClaimPinAsync("pin-1", _time.GetUtcNow()));
        Assert.True(await _a.HasUnresolvedTwinAsync(asking, "draft", T0));

        _time.Advance(TimeSpan.FromMinutes(2));
        await _a.PruneAsync(CancellationToken.None, force: true);
        Assert.False(await _a.HasUnresolvedTwinAsync(asking, "draft", T0));
        Assert.Equal("media-1", await _a.GetProcessingUploadAsync("op-1"));
        Assert.True(await _a.TryClaimPinAsync("pin-1", _time.GetUtcNow()));

        _time.Advance(TimeSpan.FromDays(1));
        await _a.PruneAsync(CancellationToken.None, force: true);
        Assert.Null(await _a.GetProcessingUploadAsync("op-1"));
    }
}

public sealed class SqlitePublishLedgerTests() : PublishLedgerContract(postgres: false);

public sealed class PostgresPublishLedgerTests() : PublishLedgerContract(postgres: true), INeedsPostgres;
