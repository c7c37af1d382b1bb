namespace Pinterest.Publishing.EntityFrameworkCore.Internal;

/// <summary>The database engines the stores support, each with its own implementation of claims and locks.</summary>
internal enum StoreProvider
{
    /// <summary>PostgreSQL through Npgsql: several instances (SKIP LOCKED claims, advisory locks).</summary>
    PostgreSql,

    /// <summary>SQLite: one process (one writer, in-process locks).</summary>
    Sqlite,
}

/// <summary>Maps an EF Core provider name to a <see cref="StoreProvider"/>, refusing any other provider.</summary>
internal static class StoreProviders
{
    public const string NpgsqlProviderName = "Npgsql.EntityFrameworkCore.PostgreSQL";
    public const string SqliteProviderName = "Microsoft.EntityFrameworkCore.Sqlite";

    public static StoreProvider From(string? providerName) => providerName switch
    {
        NpgsqlProviderName => StoreProvider.PostgreSql,
        SqliteProviderName => StoreProvider.Sqlite,
        _ => throw new InvalidOperationException(
            "Pinterest.Publishing.EntityFrameworkCore supports PostgreSQL (Npgsql) and SQLite; the context uses "
            + (providerName ?? "no provider") + ". Configure the context with UseNpgsql (several instances) or UseSqlite (one machine)."),
    };
}
