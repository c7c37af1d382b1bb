using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.Logging.Abstractions;
using Pinterest.Publishing.Preflight;
using Pinterest.Publishing.Preflight.Internal;
using Pinterest.Publishing.Testing;
using Pinterest.Publishing.Tests.TestSupport;
using static Pinterest.Publishing.Tests.TestSupport.IsoBoxes;

namespace Pinterest.Publishing.Benchmarks;

/// <summary>
/// Preflight of a 20 MB MP4 whose <c>moov</c> is at the end (ffmpeg without <c>+faststart</c>, phone recordings), served
/// by the emulator's loopback server (real sockets, Range honoured) with 100 ms latency per request: the 64 KiB prefix,
/// then one ranged GET where the <c>moov</c> lies, against a naive full GET of the file. "Received/op" counts every byte
/// read from the sockets, headers included; "Requests/op" the GETs sent.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class VideoPreflightBenchmarks
{
    private const int VideoBytes = 20_000_000;

    private PinterestEmulator _emulator = null!;
    private CountingConnections _connections = null!;
    private HttpClient _httpClient = null!;
    private PinPreflightValidator _validator = null!;
    private PublishPinRequest _moovAtEnd = null!;
    private Uri _url = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _emulator = new PinterestEmulator(new PinterestEmulatorOptions { Latency = TimeSpan.FromMilliseconds(100), RecordRequests = false });
        var server = await _emulator.StartServerAsync();

        // ftyp, a 20 MB mdat, then a 5 s 1080×1920 moov: what preflight needs is in the last few hundred bytes.
        var moov = Mp4Shapes.Moov(5);
        var ftyp = Ftyp();
        var video = Concat(ftyp, Box("mdat", new byte[VideoBytes - ftyp.Length - moov.Length - 8]), moov);
        _emulator.HostMedia("moov-at-end.mp4", video, "video/mp4");
        _url = new Uri(server, "media/moov-at-end.mp4");

        _connections = new CountingConnections();
        _httpClient = new HttpClient(_connections.CreateCountingHandler()) { Timeout = Timeout.InfiniteTimeSpan };
        _validator = new PinPreflightValidator(
            _httpClient,
            new PreflightOptions { AllowPrivateNetworks = true },
            defaultBoards: null,
            TimeProvider.System,
            NullLogger<PinPreflightValidator>.Instance);
        _moovAtEnd = new PublishPinRequest { AccountId = "bench", BoardId = "1234567890", Media = PinMedia.Video(VideoSource.FromUrl(_url)) };
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _validator.Dispose();
        _httpClient.Dispose();
        await _emulator.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "Naive full GET, 20 MB MP4")]
    public async Task NaiveGet()
    {
        var (bytes, requests) = Start();
        var body = await _httpClient.GetByteArrayAsync(_url);
        if (body.Length != VideoBytes)
        {
            throw new InvalidOperationException($"Got {body.Length} bytes.");
        }

        Record(nameof(NaiveGet), bytes, requests);
    }

    [Benchmark(Description = "Preflight, 20 MB MP4, moov at end")]
    public async Task PreflightMoovAtEnd()
    {
        var (bytes, requests) = Start();
        var result = await _validator.ValidateAsync(_moovAtEnd);

        // The duration must have been read from the moov: any issue (duration unknown included) means it was not.
        if (result.Issues.Count != 0)
        {
            throw new InvalidOperationException("Preflight did not read the moov: " + string.Join(", ", result.Issues.Select(e => e.Code)));
        }

        Record(nameof(PreflightMoovAtEnd), bytes, requests);
    }

    private (long Bytes, long Requests) Start() => (_connections.BytesReceived, _connections.Requests);

    private void Record(string method, long bytesBefore, long requestsBefore)
    {
        RecordedFigures.Set(nameof(VideoPreflightBenchmarks), method, "received", (_connections.BytesReceived - bytesBefore) / 1024.0);
        RecordedFigures.Set(nameof(VideoPreflightBenchmarks), method, "requests", _connections.Requests - requestsBefore);
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            Add(BenchmarkJobs.Config(BenchmarkJobs.Macro(warmupCount: 2, iterationCount: 10)));
            AddColumn(FigureColumn.Recorded("received", "Received/op (KiB)", "Bytes read from the sockets in the last invocation, headers included, in KiB", "F1"));
            AddColumn(FigureColumn.Recorded("requests", "Requests/op", "GET requests sent in the last invocation", "F0"));
        }
    }
}
