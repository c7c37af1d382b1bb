using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Pinterest.Publishing.EntityFrameworkCore.Internal;

/// <summary>
/// The library's tables as the hand-written SQL must name them: read from the host's model (so a default schema set
/// with <c>modelBuilder.HasDefaultSchema</c>, or a schema given to a table, is honoured) and quoted by the provider.
/// </summary>
internal sealed record StoreTables(string ScheduledPins, string Cooldowns, string ProcessingUploads, string ClaimedPins, string CreateAttempts)
{
    public static StoreTables From(DbContext context)
    {
        var sql = context.GetService<ISqlGenerationHelper>();
        var model = context.Model;
        return new StoreTables(
            Name(model.FindEntityType(typeof(ScheduledPinRow)), sql),
            Name(model.FindEntityType(typeof(CooldownRow)), sql),
            Name(model.FindEntityType(typeof(ProcessingUploadRow)), sql),
            Name(model.FindEntityType(typeof(ClaimedPinRow)), sql),
            Name(model.FindEntityType(typeof(CreateAttemptRow)), sql));
    }

    // SQLite's helper leaves the schema out (SQLite has none), PostgreSQL's writes "schema"."table".
    private static string Name(IEntityType? entity, ISqlGenerationHelper sql) => entity is null
        ? throw new InvalidOperationException("The context's model lacks a Pinterest.Publishing table: call modelBuilder.ApplyPinterestPublishing() in its OnModelCreating.")
        : sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
}
