using Microsoft.EntityFrameworkCore;
using Pinterest.Publishing.EntityFrameworkCore;

namespace Pinterest.Publishing.Tests.MultiInstance;

/// <summary>The test's side of the workers' database: the same model as the worker's context, to create the schema, store tokens and schedule.</summary>
internal sealed class ProofStoreContext(DbContextOptions<ProofStoreContext> options) : DbContext(options), IPinterestPublishingDbContext
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyPinterestPublishing();
}
