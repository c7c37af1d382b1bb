using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Pinterest.Publishing.Preflight;

namespace Pinterest.Publishing.Benchmarks;

/// <summary>
/// Preflight against a loopback server. "Latency": one image versus a 5-image carousel, every response delayed by
/// 100 ms (the carousel's probes run concurrently, so it should cost about one round trip, not five). "Large":
/// validating a 20 MB JPEG or PNG (64 KiB range) versus a naive full download of it.
/// Run: dotnet run -c Release --project benchmarks/Pinterest.Publishing.Benchmarks -- --filter '*PreflightBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class PreflightBenchmarks
{
    private const int LatencyMs = 100;
    private const int BigSize = 20_000_000;

    private BenchServer _server = null!;
    private PinPreflightValidator _validator = null!;
    private HttpClient _naiveClient = null!;
    private PublishPinRequest _single = null!;
    private PublishPinRequest _carousel = null!;
    private PublishPinRequest _bigJpeg = null!;
    private PublishPinRequest _bigPng = null!;

    [GlobalSetup]
    public void Setup()
    {
        var jpeg = MakeJpeg(1000, 1500, BigSize);
        var png = MakePng(1000, 1500, BigSize);
        var smallJpeg = MakeJpeg(1000, 1000, 12_000);
        _server = new BenchServer(new Dictionary<string, (byte[] Body, string Type)>
        {
            ["/img.jpg"] = (smallJpeg, "image/jpeg"),
            ["/big.jpg"] = (jpeg, "image/jpeg"),
            ["/big.png"] = (png, "image/png"),
        });

        _validator = PinPreflightValidator.Create(new PreflightOptions { AllowPrivateNetworks = true, MaxImageBytes = 25_000_000 });
        _naiveClient = new HttpClient();
        var slow = new Uri($"http://127.0.0.1:{_server.Port}/slow");
        _single = Request(PinMedia.Image(new Uri(slow + "/img.jpg?n=0")));
        _carousel = Request(PinMedia.Carousel(Enumerable.Range(0, 5).Select(i => new CarouselItem(new Uri(slow + $"/img.jpg?n={i}")))));
        _bigJpeg = Request(PinMedia.Image(_server.Url("/big.jpg")));
        _bigPng = Request(PinMedia.Image(_server.Url("/big.png")));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _validator.Dispose();
        _naiveClient.Dispose();
        _server.Dispose();
    }

    [Benchmark(Baseline = true, Description = "single image, 100 ms latency")]
    [BenchmarkCategory("Latency")]
    public Task<PreflightResult> SingleImage() => ValidateOrThrowAsync(_single);

    [Benchmark(Description = "5-image carousel, 100 ms latency")]
    [BenchmarkCategory("Latency")]
    public Task<PreflightResult> Carousel5() => ValidateOrThrowAsync(_carousel);

    [Benchmark(Baseline = true, Description = "naive full GET, 20 MB JPEG")]
    [BenchmarkCategory("LargeJpeg")]
    public Task<int> NaiveJpeg() => NaiveAsync("/big.jpg");

    [Benchmark(Description = "preflight, 20 MB JPEG")]
    [BenchmarkCategory("LargeJpeg")]
    public Task<PreflightResult> PreflightJpeg() => ValidateOrThrowAsync(_bigJpeg);

    [Benchmark(Baseline = true, Description = "naive full GET, 20 MB PNG")]
    [BenchmarkCategory("LargePng")]
    public Task<int> NaivePng() => NaiveAsync("/big.png");

    [Benchmark(Description = "preflight, 20 MB PNG")]
    [BenchmarkCategory("LargePng")]
    public Task<PreflightResult> PreflightPng() => ValidateOrThrowAsync(_bigPng);

    private static PublishPinRequest Request(PinMedia media) => new() { AccountId = "bench", BoardId = "1", Media = media };

    private async Task<PreflightResult> ValidateOrThrowAsync(PublishPinRequest request)
    {
        var result = await _validator.ValidateAsync(request).ConfigureAwait(false);
        return result.Issues.Count == 0 ? result : throw new InvalidOperationException(string.Join("; ", result.Issues));
    }

    private async Task<int> NaiveAsync(string path)
    {
        var bytes = await _naiveClient.GetByteArrayAsync(_server.Url(path)).ConfigureAwait(false);
        var header = MediaHeaderReader.Read(bytes, isComplete: true);
        return header.HasDimensions ? header.Width!.Value : throw new InvalidOperationException("unreadable");
    }

    /// <summary>A JPEG of the given size: a minimal baseline header (SOF0 with the dimensions), padded with COM segments.</summary>
    private static byte[] MakeJpeg(int width, int height, int size)
    {
        using var ms = new MemoryStream(size + 70_000);
        ms.Write([0xFF, 0xD8]);
        ms.Write([0xFF, 0xC0, 0x00, 0x11, 0x08, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 0x03,
            0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]);
        var payload = new byte[65533];
        while (ms.Length + 65537 < size)
        {
            ms.Write([0xFF, 0xFE, 0xFF, 0xFF]);
            ms.Write(payload);
        }

        ms.Write([0xFF, 0xD9]);
        return ms.ToArray();
    }

    /// <summary>A PNG of the given size: signature, IHDR, then one large private chunk and IEND (CRCs not needed by readers here).</summary>
    private static byte[] MakePng(int width, int height, int size)
    {
        var bytes = new byte[size];
        ReadOnlySpan<byte> signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        signature.CopyTo(bytes);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), 13);
        "IHDR"u8.CopyTo(bytes.AsSpan(12));
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(20), height);
        bytes[24] = 8;
        bytes[25] = 2;
        var dataLength = size - 33 - 12 - 12;
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(33), dataLength);
        "prVt"u8.CopyTo(bytes.AsSpan(37));
        "IEND"u8.CopyTo(bytes.AsSpan(size - 8));
        return bytes;
    }

    /// <summary>A loopback HTTP/1.1 server that honours Range and adds latency to paths under /slow.</summary>
    private sealed class BenchServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly Dictionary<string, (byte[] Body, string Type)> _routes;
        private readonly CancellationTokenSource _stop = new();

        public BenchServer(Dictionary<string, (byte[] Body, string Type)> routes)
        {
            _routes = routes;
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _ = Task.Run(AcceptAsync);
        }

        public int Port { get; }

        public Uri Url(string path) => new($"http://127.0.0.1:{Port}{path}");

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
                }
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                    return;
                }

                _ = Task.Run(() => ServeAsync(client));
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            {
                // Headers and body go out in two writes: without NoDelay, Nagle plus the client's delayed ACK adds ~40 ms.
                client.NoDelay = true;
                var stream = client.GetStream();
                var buffer = new byte[8192];
                var pending = new StringBuilder();
                try
                {
                    while (true)
                    {
                        var read = await stream.ReadAsync(buffer, _stop.Token).ConfigureAwait(false);
                        if (read == 0)
                        {
                            return;
                        }

                        pending.Append(Encoding.ASCII.GetString(buffer, 0, read));
                        var text = pending.ToString();
                        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                        if (end < 0)
                        {
                            continue;
                        }

                        pending.Remove(0, end + 4);
                        await RespondAsync(stream, text[..end]).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
                {
                    // Preflight closes the connection once it has the header.
                }
            }
        }

        private async Task RespondAsync(NetworkStream stream, string head)
        {
            var lines = head.Split("\r\n");
            var target = lines[0].Split(' ')[1];
            var path = target.Split('?')[0];
            if (path.StartsWith("/slow", StringComparison.Ordinal))
            {
                await Task.Delay(LatencyMs, _stop.Token).ConfigureAwait(false);
                path = path["/slow".Length..];
            }

            var (body, type) = _routes[path];
            long from = 0;
            long to = body.Length - 1;
            var status = "200 OK";
            var extra = string.Empty;
            var range = lines.FirstOrDefault(l => l.StartsWith("Range: bytes=", StringComparison.OrdinalIgnoreCase));
            if (range is not null)
            {
                var parts = range["Range: bytes=".Length..].Split('-');
                from = long.Parse(parts[0], CultureInfo.InvariantCulture);
                to = Math.Min(body.Length - 1, long.Parse(parts[1], CultureInfo.InvariantCulture));
                status = "206 Partial Content";
                extra = FormattableString.Invariant($"Content-Range: bytes {from}-{to}/{body.Length}\r\n");
            }

            var headers = FormattableString.Invariant($"HTTP/1.1 {status}\r\nContent-Type: {type}\r\nContent-Length: {to - from + 1}\r\n{extra}\r\n");
            await stream.WriteAsync(Encoding.ASCII.GetBytes(headers), _stop.Token).ConfigureAwait(false);
            await stream.WriteAsync(body.AsMemory((int)from, (int)(to - from + 1)), _stop.Token).ConfigureAwait(false);
        }
    }
}
