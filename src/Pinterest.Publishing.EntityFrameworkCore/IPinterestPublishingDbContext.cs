namespace Pinterest.Publishing.EntityFrameworkCore;

/// <summary>
/// Marks the host's <c>DbContext</c> that holds Pinterest.Publishing's tables (the <c>IDataProtectionKeyContext</c>
/// pattern): implement it and call <see cref="PinterestPublishingModelBuilderExtensions.ApplyPinterestPublishing"/> in
/// <c>OnModelCreating</c>, then register the stores with <c>AddEntityFrameworkCoreStores&lt;TContext&gt;()</c>.
/// </summary>
/// <remarks>
/// The interface has no members: the tables' entity types are internal so the schema can evolve with the library;
/// read tokens, scheduled Pins and outcomes through the stores (<c>IPinterestTokenStore</c>, <c>IPinScheduler</c>).
/// The context must use PostgreSQL (Npgsql) or SQLite; any other provider fails when the host starts.
/// </remarks>
public interface IPinterestPublishingDbContext
{
}
