using Microsoft.EntityFrameworkCore;
using Pinterest.Publishing.EntityFrameworkCore;

namespace Pinterest.Publishing.ProofWorker;

/// <summary>The host's own context, with the library's entities added as a host adds them.</summary>
internal sealed class ProofDbContext(DbContextOptions<ProofDbContext> options) : DbContext(options), IPinterestPublishingDbContext
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyPinterestPublishing();
}
