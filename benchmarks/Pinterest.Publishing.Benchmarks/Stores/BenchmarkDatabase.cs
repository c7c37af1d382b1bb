using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Pinterest.Publishing.EntityFrameworkCore;

namespace Pinterest.Publishing.Benchmarks.Stores;

/// <summary>
/// A database of its own on the PostgreSQL server named by <c>PINTEREST_TEST_POSTGRES</c> (see benchmarks/README.md for
/// starting one), with the library's tables; dropped at the end.
/// </summary>
internal sealed class BenchmarkDatabase : IAsyncDisposable
{
    public const string Variable = "PINTEREST_TEST_POSTGRES";

    private readonly string _server;

    private BenchmarkDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 50 }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<BenchmarkDatabase> CreateAsync(string prefix)
    {
        var server = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{Variable} is not set: start PostgreSQL as benchmarks/README.md says and export its connection string.");
        var database = new BenchmarkDatabase(server, $"{prefix}_{Guid.NewGuid():N}");
        await database.ExecuteOnServerAsync($"CREATE DATABASE \"{database.Name}\"");
        await using var context = database.CreateContext();
        await context.Database.EnsureCreatedAsync();
        return database;
    }

    public BenchmarkStoreContext CreateContext() =>
        new(new DbContextOptionsBuilder<BenchmarkStoreContext>().UseNpgsql(ConnectionString).Options);

    /// <summary>Adds the host's context over this database and the library's EF Core stores.</summary>
    public void AddStores(IServiceCollection services, IPinterestPublishingBuilder builder)
    {
        services.AddDbContextFactory<BenchmarkStoreContext>(o => o.UseNpgsql(ConnectionString));
        builder.AddEntityFrameworkCoreStores<BenchmarkStoreContext>();
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>The host's context, with the library's entities added as a host adds them.</summary>
internal sealed class BenchmarkStoreContext(DbContextOptions<BenchmarkStoreContext> options) : DbContext(options), IPinterestPublishingDbContext
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyPinterestPublishing();
}
