using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
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
    private readonly CapturingLoggerProvider _logs = new();
    private ILoggerFactory _loggers = null!;
    private StoreDatabase _database = null!;
    private EfPinScheduleStore _store = null!;

    public override async Task InitializeAsync()
    {
        _loggers = LoggerFactory.Create(builder => builder.AddProvider(_logs));
        _database = await StoreDatabase.CreateAsync(postgres ? StoreProvider.PostgreSql : StoreProvider.Sqlite);
        Store = _store = new EfPinScheduleStore(_database.NewContexts(), _loggers);
    }

    public override async Task DisposeAsync()
    {
        _loggers.Dispose();
        await _database.DisposeAsync();
    }

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
    public async Task A_row_whose_request_cannot_be_read_is_given_back_with_an_error_and_the_claim_is_filled_with_due_rows()
    {
        var first = await _store.ScheduleAsync(Request("first"), T0.AddMinutes(-2));
        var damaged = await _store.ScheduleAsync(Request("damaged"), T0.AddMinutes(-1));
        var third = await _store.ScheduleAsync(Request("third"), T0);
        var id = long.Parse(damaged.Id, System.Globalization.CultureInfo.InvariantCulture);
        await SetRequestAsync(id, "{\"v\":1,\"title\":\"PRIVATE-PAYLOAD\"");

        // Two asked for: the damaged row takes a place in the first pick, so the claim picks again (the dispatcher
        // reads fewer Pins than it asked for as "nothing more is due").
        var claimed = await _store.ClaimDueAsync(T0, 2, Lease);

        Assert.Equal([first.Id, third.Id], claimed.Select(p => p.Id));
        Assert.Null(await _store.GetOutcomeAsync(damaged.Id));
        var error = Assert.Single(_logs.Entries, e => e.Contains("[6008]", StringComparison.Ordinal));
        Assert.StartsWith("Error", error, StringComparison.Ordinal);
        Assert.Contains(damaged.Id, error, StringComparison.Ordinal);
        Assert.Contains("upgrade every instance", error, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE-PAYLOAD", error, StringComparison.Ordinal);

        // Given back, not lost: due again after the delay (not before), its attempt not spent; an instance that can
        // read it (upgraded, here the row mended) claims it then.
        Assert.Empty(await _store.ClaimDueAsync(T0 + EfPinScheduleStore.UnreadableDelay - TimeSpan.FromSeconds(1), 10, Lease));
        await SetRequestAsync(id, PublishPinRequestJson.Serialize(Request("damaged")));
        var again = Assert.Single(await _store.ClaimDueAsync(T0 + EfPinScheduleStore.UnreadableDelay, 10, Lease));
        Assert.Equal(damaged.Id, again.Id);
        Assert.Equal(1, again.Attempt);
        Assert.Equal("damaged", again.Request.Title);
    }

    [StoreFact]
    public Task A_refill_round_that_fails_returns_the_pins_the_first_round_claimed() => RefillFailsAsync(cancel: false);

    [StoreFact]
    public Task A_refill_round_the_host_stops_returns_the_pins_the_first_round_claimed() => RefillFailsAsync(cancel: true);

    [StoreFact]
    public async Task A_backlog_of_unreadable_rows_is_given_back_a_few_rounds_at_a_time()
    {
        for (var i = 0; i < EfPinScheduleStore.MaxClaimRounds + 2; i++)
        {
            var damaged = await _store.ScheduleAsync(Request("damaged"), T0.AddMinutes(-10 + i));
            await SetRequestAsync(long.Parse(damaged.Id, System.Globalization.CultureInfo.InvariantCulture), "{\"v\":1");
        }

        var readable = await _store.ScheduleAsync(Request("readable"), T0);

        // One row asked for: every round takes one unreadable row and gives it back; the claim stops after the cap.
        Assert.Empty(await _store.ClaimDueAsync(T0, 1, Lease));
        Assert.Equal(EfPinScheduleStore.MaxClaimRounds, _logs.Entries.Count(e => e.Contains("[6008]", StringComparison.Ordinal)));

        // The next claim works through the rest, then reaches the readable row.
        Assert.Equal(readable.Id, Assert.Single(await _store.ClaimDueAsync(T0, 1, Lease)).Id);
        Assert.Equal(EfPinScheduleStore.MaxClaimRounds + 2, _logs.Entries.Count(e => e.Contains("[6008]", StringComparison.Ordinal)));
    }

    // Two asked for: the first round claims a readable row and a damaged one, gives the damaged one back, and the
    // round refilling its place fails. The readable row is leased to this claim already: it must be returned, not left
    // to wait out the lease unpublished.
    private async Task RefillFailsAsync(bool cancel)
    {
        var first = await _store.ScheduleAsync(Request("first"), T0.AddMinutes(-2));
        var damaged = await _store.ScheduleAsync(Request("damaged"), T0.AddMinutes(-1));
        var third = await _store.ScheduleAsync(Request("third"), T0);
        await SetRequestAsync(long.Parse(damaged.Id, System.Globalization.CultureInfo.InvariantCulture), "{\"v\":1");

        using var stopping = new CancellationTokenSource();
        var created = 0;
        var failFrom = int.MaxValue;
        var faulty = new EfPinScheduleStore(
            new PinterestDbContexts(_ =>
            {
                created++;
                if (created == failFrom - 1 && cancel)
                {
                    stopping.Cancel(); // while the damaged row is given back, between the rounds
                }
                else if (created >= failFrom && !cancel)
                {
                    throw new InvalidOperationException("The database is unreachable.");
                }

                return Task.FromResult<DbContext>(new StoreTestDbContext(_database.Options));
            }),
            _loggers);
        await faulty.GetOldestDueAsync(T0); // the model check, done once

        // From here: the first round's claim, the give-back, then the refill round.
        failFrom = created + 3;
        var claimed = await faulty.ClaimDueAsync(T0, 2, Lease, stopping.Token);

        Assert.Equal([first.Id], claimed.Select(p => p.Id));
        Assert.True(cancel ? stopping.IsCancellationRequested : created == failFrom);
        Assert.Single(_logs.Entries, e => e.Contains("[6010]", StringComparison.Ordinal));

        // The returned row stays leased to this claim; the refill's row is still free, the damaged one given back.
        Assert.Equal([third.Id], (await _store.ClaimDueAsync(T0, 10, Lease)).Select(p => p.Id));
        await SetRequestAsync(long.Parse(damaged.Id, System.Globalization.CultureInfo.InvariantCulture), PublishPinRequestJson.Serialize(Request("damaged")));
        Assert.Equal([damaged.Id], (await _store.ClaimDueAsync(T0 + EfPinScheduleStore.UnreadableDelay, 10, Lease)).Select(p => p.Id));
    }

    private async Task SetRequestAsync(long id, string json)
    {
        await using var context = new StoreTestDbContext(_database.Options);
        await context.Set<ScheduledPinRow>().Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Request, json));
    }
}

public sealed class SqliteScheduleStoreTests() : EfScheduleStoreContract(postgres: false);

public sealed class PostgresScheduleStoreTests() : EfScheduleStoreContract(postgres: true), INeedsPostgres;
