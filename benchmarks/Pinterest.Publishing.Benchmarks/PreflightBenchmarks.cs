using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.Logging.Abstractions;
using Pinterest.Publishing.Preflight.Internal;
using Pinterest.Publishing.Testing;
using Pinterest.Publishing.Tests.TestSupport;

namespace Pinterest.Publishing.Benchmarks;

/// <summary>
/// Preflight against the emulator's loopback server (real sockets) with 100 ms latency per request.
/// <list type="bullet">
/// <item>Latency: one image vs a 5-image carousel; the carousel's probes run concurrently, so its wall time must stay
/// within 1.3× the single image.</item>
/// <item>20 MB JPEG and PNG: preflight reads a ranged prefix only (≤ 128 KiB on the wire) vs a naive full GET of the
/// file. The "Received/op" column counts every byte read from the sockets, headers included; "Requests/op" the GETs.
/// By default one GET of the 64 KiB prefix; with <c>VerifyImageEndOverHttp</c> a second GET of the last 2 KiB is sent
/// beside it (two requests, one round trip).</item>
/// <item>Deep frame header: a 20 MB JPEG whose frame header lies behind 300 KB of Photoshop extended XMP (issue 13): the
/// prefix and one ranged read from the first segment past the prefix to the frame header.</item>
/// </list>
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class PreflightBenchmarks
{
    private const int LargeImageBytes = 20_000_000;
    private const int DeepHeaderXmpBytes = 300_000;

    private PinterestEmulator _emulator = null!;
    private CountingConnections _connections = null!;
    private HttpClient _httpClient = null!;
    private PinPreflightValidator _validator = null!;
    private PinPreflightValidator _endVerifyingValidator = null!;
    private PublishPinRequest _single = null!;
    private PublishPinRequest _carousel = null!;
    private PublishPinRequest _largeJpeg = null!;
    private PublishPinRequest _largePng = null!;
    private PublishPinRequest _deepJpeg = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _emulator = new PinterestEmulator(new PinterestEmulatorOptions { Latency = TimeSpan.FromMilliseconds(100), RecordRequests = false });
        var server = await _emulator.StartServerAsync();
        var jpeg = TestMedia.Bytes("large-1000x1500.jpg");
        Uri Host(string name, byte[] content, string contentType)
        {
            _emulator.HostMedia(name, content, contentType);
            return new Uri(server, "media/" + name);
        }

        _connections = new CountingConnections();
        _httpClient = new HttpClient(_connections.CreateCountingHandler()) { Timeout = Timeout.InfiniteTimeSpan };
        _validator = new PinPreflightValidator(
            _httpClient,
            new PreflightOptions { AllowPrivateNetworks = true },
            defaultBoards: null,
            TimeProvider.System,
            NullLogger<PinPreflightValidator>.Instance);
        _endVerifyingValidator = new PinPreflightValidator(
            _httpClient,
            new PreflightOptions { AllowPrivateNetworks = true, VerifyImageEndOverHttp = true },
            defaultBoards: null,
            TimeProvider.System,
            NullLogger<PinPreflightValidator>.Instance);

        _single = Request(PinMedia.Image(Host("single.jpg", jpeg, "image/jpeg")));
        _carousel = Request(PinMedia.Carousel(Enumerable.Range(0, 5).Select(i => new CarouselItem(Host($"carousel-{i}.jpg", jpeg, "image/jpeg")))));
        _largeJpeg = Request(PinMedia.Image(Host("large.jpg", TestMedia.PadJpegAfterFrameHeader(jpeg, LargeImageBytes), "image/jpeg")));
        _largePng = Request(PinMedia.Image(Host("large.png", TestMedia.PadPng(TestMedia.Bytes("large-1000x1500.png"), LargeImageBytes), "image/png")));
        var deep = TestMedia.PadJpegAfterFrameHeader(TestImages.WithExtendedXmp(jpeg, DeepHeaderXmpBytes), LargeImageBytes);
        _deepJpeg = Request(PinMedia.Image(Host("deep.jpg", deep, "image/jpeg")));
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _validator.Dispose();
        _endVerifyingValidator.Dispose();
        _httpClient.Dispose();
        await _emulator.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "Preflight, 1 image")]
    [BenchmarkCategory("Latency 100 ms")]
    public Task SingleImage() => ValidateAsync(_single, nameof(SingleImage));

    [Benchmark(Description = "Preflight, 5-image carousel")]
    [BenchmarkCategory("Latency 100 ms")]
    public Task Carousel() => ValidateAsync(_carousel, nameof(Carousel));

    [Benchmark(Baseline = true, Description = "Naive full GET, 20 MB JPEG")]
    [BenchmarkCategory("20 MB JPEG")]
    public Task NaiveJpeg() => NaiveGetAsync(_largeJpeg, nameof(NaiveJpeg));

    [Benchmark(Description = "Preflight, 20 MB JPEG")]
    [BenchmarkCategory("20 MB JPEG")]
    public Task PreflightJpeg() => ValidateAsync(_largeJpeg, nameof(PreflightJpeg));

    [Benchmark(Description = "Preflight, 20 MB JPEG, VerifyImageEndOverHttp")]
    [BenchmarkCategory("20 MB JPEG")]
    public Task PreflightJpegEndVerified() => ValidateAsync(_largeJpeg, nameof(PreflightJpegEndVerified), _endVerifyingValidator);

    [Benchmark(Baseline = true, Description = "Naive full GET, 20 MB PNG")]
    [BenchmarkCategory("20 MB PNG")]
    public Task NaivePng() => NaiveGetAsync(_largePng, nameof(NaivePng));

    [Benchmark(Description = "Preflight, 20 MB PNG")]
    [BenchmarkCategory("20 MB PNG")]
    public Task PreflightPng() => ValidateAsync(_largePng, nameof(PreflightPng));

    [Benchmark(Description = "Preflight, 20 MB PNG, VerifyImageEndOverHttp")]
    [BenchmarkCategory("20 MB PNG")]
    public Task PreflightPngEndVerified() => ValidateAsync(_largePng, nameof(PreflightPngEndVerified), _endVerifyingValidator);

    [Benchmark(Description = "Preflight, 20 MB JPEG, frame header past 300 KB of XMP")]
    [BenchmarkCategory("Deep frame header")]
    public Task PreflightDeepJpeg() => ValidateAsync(_deepJpeg, nameof(PreflightDeepJpeg));

    private static PublishPinRequest Request(PinMedia media) => new() { AccountId = "bench", BoardId = "1234567890", Media = media };

    private async Task ValidateAsync(PublishPinRequest request, string method, PinPreflightValidator? validator = null)
    {
        var before = _connections.BytesReceived;
        var requestsBefore = _connections.Requests;
        var result = await (validator ?? _validator).ValidateAsync(request);
        if (!result.IsValid)
        {
            throw new InvalidOperationException("Preflight failed: " + string.Join(", ", result.Errors.Select(e => e.Code)));
        }

        Record(method, before);
        RecordedFigures.Set(nameof(PreflightBenchmarks), method, "requests", _connections.Requests - requestsBefore);
    }

    private async Task NaiveGetAsync(PublishPinRequest request, string method)
    {
        var before = _connections.BytesReceived;
        var requestsBefore = _connections.Requests;
        var url = ((ImageUrlPinMedia)request.Media).Url;
        var bytes = await _httpClient.GetByteArrayAsync(url);
        if (bytes.Length != LargeImageBytes)
        {
            throw new InvalidOperationException($"Got {bytes.Length} bytes.");
        }

        Record(method, before);
        RecordedFigures.Set(nameof(PreflightBenchmarks), method, "requests", _connections.Requests - requestsBefore);
    }

    private void Record(string method, long before) =>
        RecordedFigures.Set(nameof(PreflightBenchmarks), method, "received", (_connections.BytesReceived - before) / 1024.0);

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            Add(BenchmarkJobs.Config(BenchmarkJobs.Macro(warmupCount: 2, iterationCount: 10)));
            AddColumn(FigureColumn.Recorded("received", "Received/op (KiB)", "Bytes read from the sockets in the last invocation, headers included, in KiB", "F1"));
            AddColumn(FigureColumn.Recorded("requests", "Requests/op", "HTTP requests sent in the last invocation", "F0"));
        }
    }
}
