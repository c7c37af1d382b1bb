using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Pinterest.Publishing.Benchmarks.Stores;

/// <summary>
/// Fills the schedule table in one SQL statement per group, by copying the earliest or the latest scheduled Pin (its request, account and
/// state) with new keys: the table and its columns are read from the EF Core model, so the copy follows the store's
/// schema without naming it here.
/// </summary>
internal static class ScheduleTableCopier
{
    public static async Task CopyAsync(DbContext context, BenchmarkDatabase database, int dueCopies, int futureCopies)
    {
        var entity = context.Model.GetEntityTypes().Single(e => e.GetProperties().Any(p => p.Name == "DueAt"));
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var key = entity.FindPrimaryKey()!.Properties.Single();
        var dueAt = entity.FindProperty("DueAt")!.GetColumnName(table)!;
        // An integer key is the database's identity; xmin (a concurrency token on PostgreSQL) is a system column.
        var columns = entity.GetProperties()
            .Where(p => !(p == key && (p.ClrType == typeof(int) || p.ClrType == typeof(long))) && p.GetColumnName(table) != "xmin")
            .ToList();
        var names = string.Join(", ", columns.Select(p => Quote(p.GetColumnName(table)!)));
        var values = string.Join(", ", columns.Select(p => p == key ? NewKey(p) : Quote(p.GetColumnName(table)!)));
        var name = entity.GetSchema() is { } schema ? $"{Quote(schema)}.{Quote(table.Name)}" : Quote(table.Name);

        foreach (var (count, future) in new[] { (dueCopies, false), (futureCopies, true) })
        {
            var pick = $"ORDER BY {Quote(dueAt)} {(future ? "DESC" : "ASC")}";
            await database.ExecuteAsync(string.Create(CultureInfo.InvariantCulture,
                $"INSERT INTO {name} ({names}) SELECT {values} FROM (SELECT * FROM {name} {pick} LIMIT 1) AS template, generate_series(1, {count})"));
        }
    }

    private static string NewKey(IProperty key) =>
        key.ClrType == typeof(Guid) ? "gen_random_uuid()"
        : key.ClrType == typeof(string) ? "replace(gen_random_uuid()::text, '-', '')"
        : throw new InvalidOperationException($"The schedule table's key {key.Name} is a {key.ClrType.Name} the copier does not generate.");

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
