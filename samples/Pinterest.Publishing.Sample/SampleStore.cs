using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Publishing.EntityFrameworkCore;

namespace Pinterest.Publishing.Sample;

/// <summary>The sample's database: the host's own context, holding the library's tables next to the host's.</summary>
internal sealed class SampleDbContext(DbContextOptions<SampleDbContext> options) : DbContext(options), IPinterestPublishingDbContext
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyPinterestPublishing();
}

/// <summary>
/// Where the sample keeps tokens and scheduled Pins: an embedded SQLite file in a temp folder by default (one process),
/// or PostgreSQL (several instances) with <c>--postgres &lt;connection string&gt;</c> or <c>PINTEREST_SAMPLE_POSTGRES</c>.
/// </summary>
internal sealed class SampleStore : IDisposable
{
    public const string PostgresVariable = "PINTEREST_SAMPLE_POSTGRES";

    private readonly string? _folder;

    private SampleStore(string description, string? folder)
    {
        Description = description;
        _folder = folder;
    }

    public string Description { get; }

    /// <summary>Registers the context factory for the store the arguments or the environment name.</summary>
    public static SampleStore Add(IServiceCollection services, string[] args)
    {
        var index = Array.IndexOf(args, "--postgres");
        var postgres = index >= 0 && index + 1 < args.Length ? args[index + 1] : Environment.GetEnvironmentVariable(PostgresVariable);
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            services.AddDbContextFactory<SampleDbContext>(options => options.UseNpgsql(postgres));
            return new SampleStore("PostgreSQL", null);
        }

        var folder = Path.Combine(Path.GetTempPath(), "pinterest-sample-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "publishing.db");

        // No pooling: the file can be deleted when the sample ends.
        services.AddDbContextFactory<SampleDbContext>(options => options.UseSqlite($"Data Source={file};Pooling=False"));
        return new SampleStore($"SQLite ({file})", folder);
    }

    /// <summary>Creates the tables when missing. A real host would use migrations (dotnet ef migrations add) instead.</summary>
    public static async Task EnsureCreatedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var context = await services.GetRequiredService<IDbContextFactory<SampleDbContext>>().CreateDbContextAsync(cancellationToken);
        await context.Database.EnsureCreatedAsync(cancellationToken);
    }

    public void Dispose()
    {
        if (_folder is not null)
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open elsewhere; the temp folder is cleaned by the system.
            }
        }
    }
}
