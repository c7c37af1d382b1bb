using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Pinterest.Publishing.EntityFrameworkCore;
using Pinterest.Publishing.EntityFrameworkCore.Internal;

namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>A host context holding only the library's tables, as a host would declare it.</summary>
internal sealed class StoreTestDbContext(DbContextOptions<StoreTestDbContext> options) : DbContext(options), IPinterestPublishingDbContext
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyPinterestPublishing();
}

/// <summary>
/// A fresh database for one test: a SQLite file in a temp folder, or a PostgreSQL database of a random name on the
/// server of <see cref="ExternalServices.PostgresConnectionString"/>, dropped (WITH (FORCE)) at dispose.
/// </summary>
internal sealed class StoreDatabase : IAsyncDisposable
{
    private readonly string? _postgresAdmin;
    private readonly string? _postgresName;
    private readonly TempDirectory? _folder;

    private StoreDatabase(DbContextOptions<StoreTestDbContext> options, string? postgresAdmin, string? postgresName, TempDirectory? folder)
    {
        Options = options;
        _postgresAdmin = postgresAdmin;
        _postgresName = postgresName;
        _folder = folder;
    }

    public DbContextOptions<StoreTestDbContext> Options { get; }

    public string ConnectionString { get; private init; } = "";

    /// <summary>A new context source, as one DI container (one app instance) would have.</summary>
    public PinterestDbContexts NewContexts() => new(_ => Task.FromResult<DbContext>(new StoreTestDbContext(Options)));

    public static async Task<StoreDatabase> CreateAsync(StoreProvider provider) =>
        provider == StoreProvider.Sqlite ? await CreateSqliteAsync() : await CreatePostgresAsync();

    public static async Task<StoreDatabase> CreateSqliteAsync()
    {
        var folder = new TempDirectory();
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder.Path, "store.db"), Pooling = false }.ToString();
        var database = new StoreDatabase(new DbContextOptionsBuilder<StoreTestDbContext>().UseSqlite(connectionString).Options, null, null, folder)
        {
            ConnectionString = connectionString,
        };
        await using var context = new StoreTestDbContext(database.Options);
        await context.Database.EnsureCreatedAsync();
        return database;
    }

    public static async Task<StoreDatabase> CreatePostgresAsync()
    {
        var admin = ExternalServices.PostgresConnectionString;
        var name = "pp_efcore_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
        var database = new StoreDatabase(new DbContextOptionsBuilder<StoreTestDbContext>().UseNpgsql(connectionString).Options, admin, name, null)
        {
            ConnectionString = connectionString,
        };
        await using var context = new StoreTestDbContext(database.Options);
        await context.Database.EnsureCreatedAsync();
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgresAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        _folder?.Dispose();
    }
}
