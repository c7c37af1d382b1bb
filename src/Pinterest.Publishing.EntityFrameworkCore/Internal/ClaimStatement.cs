using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Pinterest.Publishing.EntityFrameworkCore.Internal;

/// <summary>
/// The claim, one statement on both engines: pending rows due at <c>@now</c> whose lease is absent or expired, earliest
/// due first, get a new lease and one more attempt. On PostgreSQL the subquery locks the rows it picks with
/// <c>FOR UPDATE SKIP LOCKED</c>, so concurrent claimers pick disjoint rows without waiting on each other; SQLite has
/// no row locks and runs it under the process's one writer. The partial index on pending rows by due time serves the
/// subquery, so a claim does not slow down as done rows accumulate.
/// </summary>
internal static class ClaimStatement
{
    // The table comes from the host's model (its schema included), so the text is built per store, not a constant.
    public static string Sql(StoreTables tables, StoreProvider provider) =>
        "UPDATE " + tables.ScheduledPins + " SET lease_token = @lease_token, lease_expires_at = @lease_expires_at, attempt = attempt + 1 "
        + "WHERE id IN (SELECT id FROM " + tables.ScheduledPins + " WHERE " + PinterestTables.PendingFilter
        + " AND due_at <= @now AND (lease_expires_at IS NULL OR lease_expires_at <= @now) ORDER BY due_at, id LIMIT @max_count"
        + (provider == StoreProvider.PostgreSql ? " FOR UPDATE SKIP LOCKED" : "")
        + ") RETURNING id, request, due_at, attempt";

    public static async Task<List<ClaimedRow>> RunAsync(
        DbContext context, string sql, DateTimeOffset now, int maxCount, string leaseToken, DateTimeOffset leaseExpiresAt, CancellationToken cancellationToken)
    {
        var connection = context.Database.GetDbConnection();
        await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = sql;
                Add(command, "lease_token", leaseToken);
                Add(command, "lease_expires_at", UtcTicks.From(leaseExpiresAt));
                Add(command, "now", UtcTicks.From(now));
                Add(command, "max_count", maxCount);
                var rows = new List<ClaimedRow>(maxCount);
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        rows.Add(new ClaimedRow(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt32(3)));
                    }
                }

                return rows;
            }
        }
        finally
        {
            await context.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    internal readonly record struct ClaimedRow(long Id, string Request, long DueAt, int Attempt);
}
