using Npgsql;

namespace Pinterest.Publishing.Tests.MultiInstance;

/// <summary>A database of its own on the shared PostgreSQL server, dropped (with its connections) at the end.</summary>
internal sealed class ProofDatabase : IAsyncDisposable
{
    private readonly string _server;

    private ProofDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<ProofDatabase> CreateAsync(string prefix)
    {
        var database = new ProofDatabase(ExternalServices.PostgresConnectionString, $"{prefix}_{Guid.NewGuid():N}");
        await database.ExecuteOnServerAsync($"CREATE DATABASE \"{database.Name}\"");
        return database;
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
