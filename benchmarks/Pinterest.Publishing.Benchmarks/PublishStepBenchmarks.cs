using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Api.Models;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Preflight;
using Pinterest.Publishing.Testing;
using Pinterest.Publishing.Tests.TestSupport;

namespace Pinterest.Publishing.Benchmarks;

/// <summary>
/// One image Pin, step by step, on the emulator without latency (through DI, as in
/// <see cref="PublishingThroughputBenchmarks"/>): the whole publish, its preflight, its create call, and a plain GET of
/// the hosted image as the floor of one in-memory exchange. Explains where the throughput benchmark's CPU goes; the
/// figures include the emulator's own work, which runs in this process.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class PublishStepBenchmarks
{
    private PinterestEmulator _emulator = null!;
    private ServiceProvider _sp = null!;
    private IPinPublisher _publisher = null!;
    private IPinPreflightValidator _validator = null!;
    private PinterestClient _client = null!;
    private PublishPinRequest _request = null!;
    private CreatePinRequest _create = null!;
    private HttpClient _raw = null!;
    private Uri _image = null!;
    private int _n;

    [GlobalSetup]
    public async Task Setup()
    {
        _emulator = new PinterestEmulator(new PinterestEmulatorOptions { RecordRequests = false });
        var services = new ServiceCollection();
        services.AddPinterestPublishing(_ => { }).UsePinterestEmulator(_emulator);
        _sp = services.BuildServiceProvider();
        _image = _emulator.HostMedia("a.jpg", TestMedia.Bytes("large-1000x1500.jpg"), "image/jpeg");
        var user = _emulator.AddAccount("u");
        var board = _emulator.AddBoard(user, "b");
        await _sp.GetRequiredService<IPinterestTokenStore>().StoreTokenAsync("acct", _emulator.IssueTokens(user));
        _publisher = _sp.GetRequiredService<IPinPublisher>();
        _validator = _sp.GetRequiredService<IPinPreflightValidator>();
        _client = _sp.GetRequiredService<PinterestClient>().ForAccount("acct");
        _request = new PublishPinRequest { AccountId = "acct", BoardId = board.Id, Title = "t", Media = PinMedia.Image(_image) };
        _create = new CreatePinRequest { BoardId = board.Id, Title = "t", MediaSource = new ImageUrlMediaSource { Url = _image.ToString() } };
        _raw = _emulator.CreateHttpClient();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _raw.Dispose();
        await _sp.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    [Benchmark(Description = "IPinPublisher.PublishAsync (image)")]
    public Task<PublishPinResult> Publish() => _publisher.PublishAsync(_request with { Title = "t" + _n++ });

    [Benchmark(Description = "Preflight of the image")]
    public Task<PreflightResult> Validate() => _validator.ValidateAsync(_request);

    [Benchmark(Description = "client.Pins.CreateAsync")]
    public Task<Pin> Create()
    {
        _create.Title = "c" + _n++;
        return _client.Pins.CreateAsync(_create);
    }

    [Benchmark(Description = "Plain GET of the hosted image")]
    public Task<byte[]> RawMediaGet() => _raw.GetByteArrayAsync(_image);

    private sealed class Config : ManualConfig
    {
        public Config() => Add(BenchmarkJobs.Config(BenchmarkJobs.Micro()));
    }
}
