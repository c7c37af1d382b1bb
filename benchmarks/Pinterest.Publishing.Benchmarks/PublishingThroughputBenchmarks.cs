using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Testing;
using Pinterest.Publishing.Tests.TestSupport;

namespace Pinterest.Publishing.Benchmarks;

/// <summary>
/// 1,000 image Pins over 100 accounts published at once through dependency injection onto the emulator (20 ms latency
/// per request, in memory), with the default limit of 3 concurrent publishes per account. Reports Pins/s and the ratio
/// of the measured wall time to the ideal schedule.
/// </summary>
/// <remarks>
/// Each image Pin makes <see cref="RoundTripsPerPin"/> round trips, checked in setup on a recording emulator: the
/// preflight probe of the image (one ranged GET; preflight runs before the per-account slot is taken) and
/// <c>POST /v5/pins</c> (inside the slot). With every Pin started at once, the ideal is one probe latency followed by
/// ⌈10 / 3⌉ = 4 waves of creates per account, all accounts in parallel: 20 ms × (1 + 4) = 100 ms.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class PublishingThroughputBenchmarks
{
    private const int Accounts = 100;
    private const int PinsPerAccount = 10;
    private const int Pins = Accounts * PinsPerAccount;
    private const int RoundTripsPerPin = 2;
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(20);

    private PinterestEmulator _emulator = null!;
    private ServiceProvider _services = null!;
    private IPinPublisher _publisher = null!;
    private PublishPinRequest[] _requests = null!;
    private PinterestEmulator _instantEmulator = null!;
    private ServiceProvider _instantServices = null!;
    private IPinPublisher _instantPublisher = null!;
    private PublishPinRequest[] _instantRequests = null!;
    private int _iteration;

    /// <summary>The ideal wall time: probes all at once, then the creates of each account in waves of the limit.</summary>
    public static TimeSpan IdealWallTime(int maxConcurrentPerAccount) =>
        Latency * (1 + (int)Math.Ceiling(PinsPerAccount / (double)maxConcurrentPerAccount));

    [GlobalSetup]
    public async Task Setup()
    {
        await CheckRoundTripsPerPinAsync();

        _emulator = new PinterestEmulator(new PinterestEmulatorOptions { Latency = Latency, RecordRequests = false });
        (_services, _publisher, _requests) = await CreatePublisherAsync(_emulator);
        _instantEmulator = new PinterestEmulator(new PinterestEmulatorOptions { RecordRequests = false });
        (_instantServices, _instantPublisher, _instantRequests) = await CreatePublisherAsync(_instantEmulator);
        if (_services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PinterestPublishingOptions>>().Value.MaxConcurrentPublishesPerAccount != 3)
        {
            throw new InvalidOperationException("The default per-account limit is no longer 3: update the ideal schedule.");
        }
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _services.DisposeAsync();
        await _emulator.DisposeAsync();
        await _instantServices.DisposeAsync();
        await _instantEmulator.DisposeAsync();
    }

    [Benchmark(Description = "1,000 Pins / 100 accounts, 20 ms latency")]
    public Task PublishThousandPins() => PublishAllAsync(_publisher, _requests, nameof(PublishThousandPins));

    /// <summary>The same without latency: the CPU cost of library and emulator, which the ideal schedule ignores.</summary>
    [Benchmark(Description = "Same, emulator without latency (CPU cost)")]
    public Task PublishThousandPinsWithoutLatency() => PublishAllAsync(_instantPublisher, _instantRequests, nameof(PublishThousandPinsWithoutLatency));

    private async Task PublishAllAsync(IPinPublisher publisher, PublishPinRequest[] requests, string method)
    {
        var iteration = Interlocked.Increment(ref _iteration);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var results = await Task.WhenAll(requests.Select(r => publisher.PublishAsync(r with { Title = $"{r.Title} #{iteration}" })));
        if (results.Length != Pins || results.Any(r => string.IsNullOrEmpty(r.PinId)))
        {
            throw new InvalidOperationException("A Pin was not published.");
        }

        RecordedFigures.Set(nameof(PublishingThroughputBenchmarks), method, "cpu", (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
    }

    private static async Task<(ServiceProvider, IPinPublisher, PublishPinRequest[])> CreatePublisherAsync(PinterestEmulator emulator)
    {
        var services = new ServiceCollection();
        services.AddPinterestPublishing(_ => { }).UsePinterestEmulator(emulator);
        var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IPinterestTokenStore>();
        var image = emulator.HostMedia("pin-1000x1500.jpg", TestMedia.Bytes("large-1000x1500.jpg"), "image/jpeg");
        var requests = new List<PublishPinRequest>(Pins);
        for (var a = 0; a < Accounts; a++)
        {
            var user = emulator.AddAccount($"bench_user_{a}");
            var board = emulator.AddBoard(user, "Benchmark board");
            var accountId = $"account-{a}";
            await store.StoreTokenAsync(accountId, emulator.IssueTokens(user));
            for (var p = 0; p < PinsPerAccount; p++)
            {
                requests.Add(new PublishPinRequest
                {
                    AccountId = accountId,
                    BoardId = board.Id,
                    Title = $"Pin {p} of account {a}",
                    Media = PinMedia.Image(image),
                });
            }
        }

        // Spread each account's Pins through the batch, as a scheduler claiming due Pins would.
        var ordered = requests.OrderBy(r => r.Title![4..]).ThenBy(r => r.AccountId, StringComparer.Ordinal).ToArray();
        return (provider, provider.GetRequiredService<IPinPublisher>(), ordered);
    }

    /// <summary>Publishes one Pin on a recording emulator and checks the round trips the ideal schedule counts.</summary>
    private static async Task CheckRoundTripsPerPinAsync()
    {
        await using var emulator = new PinterestEmulator(new PinterestEmulatorOptions { RecordRequests = true });
        var (services, publisher, requests) = await CreatePublisherAsync(emulator);
        await using (services)
        {
            emulator.ResetRequests();
            await publisher.PublishAsync(requests[0]);
            var requestsMade = emulator.Requests.Select(r => $"{r.Method} {r.Path}").ToList();
            Console.WriteLine($"// One image Pin makes {requestsMade.Count} round trips: {string.Join(", ", requestsMade)}");
            if (requestsMade.Count != RoundTripsPerPin)
            {
                throw new InvalidOperationException($"Expected {RoundTripsPerPin} round trips per Pin: {string.Join(", ", requestsMade)}");
            }
        }
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            Add(BenchmarkJobs.Config(BenchmarkJobs.Macro(warmupCount: 2, iterationCount: 10)));
            AddColumn(FigureColumn.FromMean("Pins/s", "Pins published per second (1,000 / mean)", (_, mean) => Pins / (mean / 1e9), "F0"));
            AddColumn(FigureColumn.FromMean("Actual/ideal", "Mean wall time over the ideal schedule, 20 ms × (1 probe + 4 create waves) = 100 ms", (c, mean) => c.Descriptor.WorkloadMethod.Name == nameof(PublishThousandPins) ? mean / IdealWallTime(3).TotalNanoseconds : double.NaN, "F2"));
            AddColumn(FigureColumn.Recorded("cpu", "CPU ms/op", "Process CPU time (all threads) of the last iteration, in ms", "F0"));
        }
    }
}
