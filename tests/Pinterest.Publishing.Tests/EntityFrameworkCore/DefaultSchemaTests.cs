using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Pinterest.Publishing.Coordination;
using Pinterest.Publishing.EntityFrameworkCore;
using Pinterest.Publishing.EntityFrameworkCore.Internal;
using Pinterest.Publishing.Scheduling;

namespace Pinterest.Publishing.Tests.EntityFrameworkCore;

/// <summary>A host context whose model puts every table in a schema of its own (<c>HasDefaultSchema</c>).</summary>
internal sealed class SchemaStoreTestDbContext(DbContextOptions<SchemaStoreTestDbContext> options) : DbContext(options), IPinterestPublishingDbContext
{
    public const string Schema = "host_app";

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.HasDefaultSchema(Schema).ApplyPinterestPublishing();
}

/// <summary>
/// The stores' hand-written SQL names the tables the host's model names, schema included. The database also holds
/// the same tables in <c>public</c> (where unqualified names land), so a statement that ignores the schema misses.
/// </summary>
public sealed class DefaultSchemaTests : IAsyncLifetime, INeedsPostgres
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private StoreDatabase _database = null!;
    private DbContextOptions<SchemaStoreTestDbContext> _options = null!;

    public async Task InitializeAsync()
    {
        _database = await StoreDatabase.CreatePostgresAsync();
        _options = new DbContextOptionsBuilder<SchemaStoreTestDbContext>().UseNpgsql(_database.ConnectionString).Options;
        await using var context = new SchemaStoreTestDbContext(_options);
        await context.GetService<IRelationalDatabaseCreator>().CreateTablesAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [StoreFact]
    public async Task Claims_and_cooldowns_use_the_tables_of_the_hosts_default_schema()
    {
        var contexts = new PinterestDbContexts(_ => Task.FromResult<DbContext>(new SchemaStoreTestDbContext(_options)));
        var store = new EfPinScheduleStore(contexts);
        var pin = await store.ScheduleAsync(new PublishPinRequest
        {
            AccountId = "acct-1",
            BoardId = "1234567890",
            Title = "A Pin",
            Media = PinMedia.Image(new Uri("https://example.com/a.jpg")),
        }, T0);

        var claimed = Assert.Single(await store.ClaimDueAsync(T0, 10, TimeSpan.FromMinutes(5)));
        Assert.Equal(pin.Id, claimed.Id);

        var coordinator = AccountCoordinatorContract.Coordinator(contexts, new ObservableTimeProvider(T0));
        var cooldown = new PinterestAccountCooldown { AccountId = "acct-1", Category = "org_write", Until = T0.AddMinutes(1), InARow = 1 };
        await coordinator.SetCooldownAsync(cooldown);
        Assert.Equal([cooldown], await coordinator.GetCooldownsAsync("acct-1"));

        // Nothing reached the unqualified tables.
        await using var plain = new StoreTestDbContext(_database.Options);
        Assert.Empty(await plain.Set<CooldownRow>().ToListAsync());
    }

    [StoreFact]
    public async Task The_ledgers_upload_upsert_and_pin_claim_use_the_tables_of_the_hosts_default_schema()
    {
        var contexts = new PinterestDbContexts(_ => Task.FromResult<DbContext>(new SchemaStoreTestDbContext(_options)));
        var ledger = new EfPublishLedger(contexts, new ObservableTimeProvider(T0));

        await ledger.SetProcessingUploadAsync("op-1", "media-1");
        Assert.Equal("media-1", await ledger.GetProcessingUploadAsync("op-1"));
        Assert.True(await ledger.TryClaimPinAsync("pin-1", "op-1", T0));

        await using var hosted = new SchemaStoreTestDbContext(_options);
        Assert.Equal("op-1", Assert.Single(await hosted.Set<ClaimedPinRow>().ToListAsync()).OperationId);

        // Nothing reached the unqualified tables.
        await using var plain = new StoreTestDbContext(_database.Options);
        Assert.Empty(await plain.Set<ProcessingUploadRow>().ToListAsync());
        Assert.Empty(await plain.Set<ClaimedPinRow>().ToListAsync());
    }
}
