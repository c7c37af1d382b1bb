using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Publishing.Scheduling;

namespace Pinterest.Publishing.Benchmarks.Stores;

/// <summary>
/// The latency of one <c>ClaimDueAsync</c> (10 Pins) on the PostgreSQL schedule store with 1,000 and with 100,000
/// scheduled Pins in the table, of which 200 are due: the claim must not grow with the table (a partial index on the
/// due, pending rows).
/// </summary>
/// <remarks>
/// Each claim runs at a time 10 minutes later than the one before, so the leases (5 minutes) of earlier claims have
/// expired and the same 200 due rows can be claimed again without writing between claims; the rest of the rows are due
/// in 2100. The rows are copied in SQL from one scheduled Pin (<see cref="ScheduleTableCopier"/>), since scheduling
/// 100,000 Pins one by one would take minutes.
/// </remarks>
[Config(typeof(Config))]
public class ClaimLatencyBenchmarks
{
    private const int Due = 200;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private BenchmarkDatabase _database = null!;
    private ServiceProvider _services = null!;
    private AsyncServiceScope _scope;
    private IPinScheduleStore _store = null!;
    private DateTimeOffset _now;

    [Params(1_000, 100_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        _database = await BenchmarkDatabase.CreateAsync("pinterest_claim");
        var services = new ServiceCollection();
        var builder = services.AddPinterestPublishing(o =>
        {
            o.ClientId = "bench";
            o.ClientSecret = "bench";
        });
        _database.AddStores(services, builder);
        _services = services.BuildServiceProvider();
        _scope = _services.CreateAsyncScope();
        _store = _scope.ServiceProvider.GetRequiredService<IPinScheduleStore>();

        _now = DateTimeOffset.UtcNow;
        var scheduler = _scope.ServiceProvider.GetRequiredService<IPinScheduler>();
        var request = new PublishPinRequest { AccountId = "account", BoardId = "1", Title = "Pin", Media = PinMedia.Image(new Uri("https://img.example/a.jpg")) };
        await scheduler.ScheduleAsync(request, _now.AddMinutes(-1));
        await scheduler.ScheduleAsync(request, new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var context = _database.CreateContext();
        await ScheduleTableCopier.CopyAsync(context, _database, dueCopies: Due - 1, futureCopies: Rows - Due - 1);
        await _database.ExecuteAsync("VACUUM ANALYZE");
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _scope.DisposeAsync();
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Benchmark(Description = "ClaimDueAsync(10)")]
    public async Task<int> Claim()
    {
        _now += TimeSpan.FromMinutes(10);
        var claimed = await _store.ClaimDueAsync(_now, 10, Lease);
        return claimed.Count == 10 ? claimed.Count : throw new InvalidOperationException($"Claimed {claimed.Count} Pins, expected 10.");
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            var job = Job.Default
                .WithLaunchCount(1)
                .WithWarmupCount(BenchmarkJobs.Quick ? 1 : 3)
                .WithIterationCount(BenchmarkJobs.Quick ? 5 : 15)
                .WithInvocationCount(BenchmarkJobs.Quick ? 32 : 64)
                .WithUnrollFactor(1)
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithId(BenchmarkJobs.Quick ? "Claim-quick" : "Claim");
            Add(BenchmarkJobs.Config(job));
        }
    }
}
