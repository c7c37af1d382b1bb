using Microsoft.EntityFrameworkCore;
using Pinterest.Publishing.EntityFrameworkCore.Internal;

namespace Pinterest.Publishing.EntityFrameworkCore;

/// <summary>Adds Pinterest.Publishing's tables to the host's model.</summary>
public static class PinterestPublishingModelBuilderExtensions
{
    /// <summary>
    /// Adds the tables the stores use, all named <c>pinterest_*</c>: tokens, scheduled Pins (with a partial index on
    /// pending rows by due time), processing uploads, create attempts, claimed Pins and cool-downs. Call it from
    /// <c>OnModelCreating</c> of the context that implements <see cref="IPinterestPublishingDbContext"/>; the tables
    /// then come with the host's own migrations (<c>dotnet ef migrations add</c>) or <c>EnsureCreated</c>.
    /// </summary>
    /// <param name="modelBuilder">The host context's model builder.</param>
    /// <returns>The same model builder.</returns>
    public static ModelBuilder ApplyPinterestPublishing(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        PinterestTables.Apply(modelBuilder);
        return modelBuilder;
    }
}
