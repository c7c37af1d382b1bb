using Microsoft.EntityFrameworkCore;
using Pinterest.Publishing.EntityFrameworkCore.Internal;
using Pinterest.Publishing.Scheduling;

namespace Pinterest.Publishing.Tests.EntityFrameworkCore;

/// <summary>The contract on the in-memory store: the reference the durable stores are held to.</summary>
public sealed class InMemoryScheduleStoreContractTests : ScheduleStoreContract
{
    private readonly InMemoryPinScheduleStore _store = new();

    public override Task InitializeAsync()
    {
        Store = _store;
        return Task.CompletedTask;
    }

    public override Task DisposeAsync() => Task.CompletedTask;

    protected override Task<ScheduledPin> ScheduleAsync(PublishPinRequest request, DateTimeOffset dueAt) => Task.FromResult(_store.Schedule(request, dueAt));

    protected override Task<PinPublishOutcome?> GetOutcomeAsync(string id) => Task.FromResult(_store.GetOutcome(id));
}

/// <summary>The contract on the EF Core store, over one engine.</summary>
public abstract class EfScheduleStoreContract(bool postgres) : ScheduleStoreContract
{
    private StoreDatabase _database = null!;
    private EfPinScheduleStore _store = null!;

    public override async Task InitializeAsync()
    {
        _database = await StoreDatabase.CreateAsync(postgres ? StoreProvider.PostgreSql : StoreProvider.Sqlite);
        Store = _store = new EfPinScheduleStore(_database.NewContexts());
    }

    public override async Task DisposeAsync() => await _database.DisposeAsync();

    protected override Task<ScheduledPin> ScheduleAsync(PublishPinRequest request, DateTimeOffset dueAt) => _store.ScheduleAsync(request, dueAt);

    protected override Task<PinPublishOutcome?> GetOutcomeAsync(string id) => _store.GetOutcomeAsync(id);

    [StoreFact]
    public async Task Scheduling_refuses_what_cannot_be_kept_and_keeps_every_member_of_the_rest()
    {
        using var stream = new MemoryStream([1, 2, 3]);
        var refused = Request() with { Media = PinMedia.Video(VideoSource.FromStream(stream, "video/mp4")) };
        await Assert.ThrowsAsync<ArgumentException>(() => _store.ScheduleAsync(refused, T0));

        var full = PublishPinRequestSamples.Full;
        var pin = await _store.ScheduleAsync(full, T0);
        var claimed = Assert.Single(await _store.ClaimDueAsync(T0, 10, Lease));
        Assert.Equal(pin.Id, claimed.Id);
        Assert.Equal(PublishPinRequestJson.Serialize(full), PublishPinRequestJson.Serialize(claimed.Request));
        Assert.Null(await _store.GetOutcomeAsync("not-a-number"));
    }

    [StoreFact]
    public async Task Two_instances_over_one_database_share_the_schedule()
    {
        var other = new EfPinScheduleStore(_database.NewContexts());
        var pin = await _store.ScheduleAsync(Request(), T0);

        var claimed = Assert.Single(await other.ClaimDueAsync(T0, 10, Lease));
        Assert.Empty(await _store.ClaimDueAsync(T0, 10, Lease));
        await _store.CompleteAsync(claimed, new PinPublishOutcome.Published("p-1"));

        Assert.IsType<PinPublishOutcome.Published>(await other.GetOutcomeAsync(pin.Id));
    }

    [StoreFact]
    public async Task A_row_whose_request_cannot_be_read_is_rejected_and_the_others_are_claimed()
    {
        var first = await _store.ScheduleAsync(Request("first"), T0.AddMinutes(-2));
        var damaged = await _store.ScheduleAsync(Request("damaged"), T0.AddMinutes(-1));
        var third = await _store.ScheduleAsync(Request("third"), T0);
        var id = long.Parse(damaged.Id, System.Globalization.CultureInfo.InvariantCulture);
        await using (var context = new StoreTestDbContext(_database.Options))
        {
            await context.Set<ScheduledPinRow>().Where(r => r.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Request, "{\"v\":1,\"title\":\"PRIVATE-PAYLOAD\""));
        }

        var claimed = await _store.ClaimDueAsync(T0, 10, Lease);

        Assert.Equal([first.Id, third.Id], claimed.Select(p => p.Id));
        var rejected = Assert.IsType<PinPublishOutcome.Rejected>(await _store.GetOutcomeAsync(damaged.Id));
        Assert.Contains(damaged.Id, rejected.Reason, StringComparison.Ordinal);
        Assert.Contains("stored request could not be read", rejected.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE-PAYLOAD", rejected.Reason, StringComparison.Ordinal);

        // It is final: once the leases run out, a later claim takes the other two again, never it.
        Assert.Equal([first.Id, third.Id], (await _store.ClaimDueAsync(T0.AddHours(1), 10, Lease)).Select(p => p.Id));
    }
}

public sealed class SqliteScheduleStoreTests() : EfScheduleStoreContract(postgres: false);

public sealed class PostgresScheduleStoreTests() : EfScheduleStoreContract(postgres: true), INeedsPostgres;
