using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Scheduling;
using Pinterest.Publishing.Testing;
using Pinterest.Publishing.Tests.TestSupport;

namespace Pinterest.Publishing.Benchmarks.Stores;

/// <summary>
/// Claim + complete throughput of the PostgreSQL schedule store (Pinterest.Publishing.EntityFrameworkCore) with 1, 2
/// and 4 dispatchers draining a backlog of <see cref="Jobs"/> due Pins, against Hangfire.Core + Hangfire.PostgreSql
/// draining as many no-op jobs with as many servers, on the same PostgreSQL server, in the same run.
/// </summary>
/// <remarks>
/// Three rows per dispatcher count, each timed from the start of the dispatchers (or servers) to the last job done:
/// the library's dispatcher (<c>AddPinScheduling</c>, one DI host per dispatcher) publishing image Pins over 100
/// accounts to the emulator in memory without latency; the library's store alone (each dispatcher a loop of
/// <c>ClaimDueAsync</c> 10 + <c>CompleteAsync</c>, the publish a no-op); and Hangfire, the baseline, with each server's
/// <c>WorkerCount</c> equal to the dispatcher's <c>MaxConcurrentPublishes</c> (10) and long polling (LISTEN/NOTIFY) on,
/// its fastest setting. The backlog is written before each iteration and not timed.
/// </remarks>
[Config(typeof(Config))]
public class ScheduleThroughputBenchmarks
{
    private const int Accounts = 100;
    private const int Concurrency = 10;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private BenchmarkDatabase _database = null!;
    private PinterestEmulator _emulator = null!;
    private ServiceProvider _services = null!;
    private PostgreSqlStorage _hangfire = null!;
    private List<(string AccountId, string BoardId)> _accounts = [];
    private Uri _image = null!;

    [Params(1, 2, 4)]
    public int Dispatchers { get; set; }

    public static int Jobs => BenchmarkJobs.Quick ? 500 : 1_000;

    [GlobalSetup]
    public async Task Setup()
    {
        _database = await BenchmarkDatabase.CreateAsync("pinterest_bench");
        _emulator = new PinterestEmulator(new PinterestEmulatorOptions { RecordRequests = false });
        _image = _emulator.HostMedia("pin.jpg", TestMedia.Bytes("large-1000x1500.jpg"), "image/jpeg");
        _services = BuildServices();
        await using var scope = _services.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<IPinterestTokenStore>();
        for (var a = 0; a < Accounts; a++)
        {
            var user = _emulator.AddAccount($"bench{a}");
            _accounts.Add(($"account-{a}", _emulator.AddBoard(user, "Bench").Id));
            await tokens.StoreTokenAsync($"account-{a}", _emulator.IssueTokens(user));
        }

        var options = new PostgreSqlStorageOptions { EnableLongPolling = true, QueuePollInterval = TimeSpan.FromMilliseconds(50), PrepareSchemaIfNecessary = true };
        _hangfire = new PostgreSqlStorage(new NpgsqlConnectionFactory(_database.ConnectionString, options), options);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _services.DisposeAsync();
        await _emulator.DisposeAsync();
        await _database.DisposeAsync();
    }

    [IterationSetup(Targets = [nameof(LibraryDispatchers), nameof(LibraryStoreOnly)])]
    public void ScheduleBacklog() => ScheduleBacklogAsync().GetAwaiter().GetResult();

    [IterationSetup(Target = nameof(Hangfire))]
    public void EnqueueBacklog()
    {
        var client = new BackgroundJobClient(_hangfire);
        NoOpJob.Reset(Jobs);
        for (var i = 0; i < Jobs; i++)
        {
            client.Enqueue(() => NoOpJob.Run());
        }
    }

    [Benchmark(Description = "Library dispatchers, emulator (publish image Pins)")]
    public async Task LibraryDispatchers()
    {
        var done = new CountdownEvent(Jobs);
        var hosts = Enumerable.Range(0, Dispatchers).Select(_ => BuildHost(done)).ToList();
        await Task.WhenAll(hosts.Select(h => h.StartAsync()));
        await Task.Run(() => done.Wait(TimeSpan.FromMinutes(5)));
        await Task.WhenAll(hosts.Select(h => h.StopAsync()));
        hosts.ForEach(h => h.Dispose());
        ThrowIfNotDone(done.CurrentCount, "library dispatchers");
    }

    [Benchmark(Description = "Library store alone, no-op publish")]
    public async Task LibraryStoreOnly()
    {
        var completed = 0;
        await Task.WhenAll(Enumerable.Range(0, Dispatchers).Select(_ => Task.Run(async () =>
        {
            await using var scope = _services.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<IPinScheduleStore>();
            while (await store.ClaimDueAsync(DateTimeOffset.UtcNow, Concurrency, Lease) is { Count: > 0 } claimed)
            {
                foreach (var pin in claimed)
                {
                    await store.CompleteAsync(pin, new PinPublishOutcome.Published("1"));
                    Interlocked.Increment(ref completed);
                }
            }
        })));
        ThrowIfNotDone(Jobs - completed, "library store");
    }

    [Benchmark(Baseline = true, Description = "Hangfire.PostgreSql, no-op jobs")]
    public async Task Hangfire()
    {
        var servers = Enumerable.Range(0, Dispatchers)
            .Select(_ => new BackgroundJobServer(new BackgroundJobServerOptions { WorkerCount = Concurrency }, _hangfire))
            .ToList();
        await Task.Run(() => NoOpJob.Done.Wait(TimeSpan.FromMinutes(5)));
        foreach (var server in servers)
        {
            server.SendStop();
        }

        servers.ForEach(s => s.Dispose());
        ThrowIfNotDone(NoOpJob.Done.CurrentCount, "Hangfire");
    }

    private async Task ScheduleBacklogAsync()
    {
        var due = DateTimeOffset.UtcNow.AddSeconds(-1);
        await Parallel.ForEachAsync(Enumerable.Range(0, Jobs), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            await using var scope = _services.CreateAsyncScope();
            var (accountId, boardId) = _accounts[i % Accounts];
            var request = new PublishPinRequest { AccountId = accountId, BoardId = boardId, Title = $"Pin {i}", Media = PinMedia.Image(_image) };
            await scope.ServiceProvider.GetRequiredService<IPinScheduler>().ScheduleAsync(request, due, ct);
        });
    }

    private ServiceProvider BuildServices()
    {
        var services = new ServiceCollection();
        var builder = services.AddPinterestPublishing(_ => { }).UsePinterestEmulator(_emulator);
        _database.AddStores(services, builder);
        return services.BuildServiceProvider();
    }

    private IHost BuildHost(CountdownEvent done)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        var publishing = builder.Services.AddPinterestPublishing(_ => { }).UsePinterestEmulator(_emulator);
        _database.AddStores(builder.Services, publishing);
        publishing.AddPinScheduling(o =>
        {
            o.PollInterval = TimeSpan.FromMilliseconds(50);
            o.MaxConcurrentPublishes = Concurrency;
            o.BatchSize = Concurrency;
            o.Lease = Lease;
        });
        CountingScheduleStore.Decorate(builder.Services, done);
        return builder.Build();
    }

    private static void ThrowIfNotDone(int remaining, string what)
    {
        if (remaining != 0)
        {
            throw new InvalidOperationException($"{what}: {remaining} of {Jobs} jobs not done within 5 minutes.");
        }
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            Add(BenchmarkJobs.Config(BenchmarkJobs.Macro(warmupCount: 1, iterationCount: 5)));
            AddColumn(FigureColumn.FromMean("Jobs/s", "Jobs done per second (backlog / mean)", (_, mean) => Jobs / (mean / 1e9), "F0"));
        }
    }
}
