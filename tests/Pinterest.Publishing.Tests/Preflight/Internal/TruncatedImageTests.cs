using Microsoft.Extensions.Logging.Abstractions;
using Pinterest.Publishing.Internal.SafeHttp;
using Pinterest.Publishing.Preflight;
using Pinterest.Publishing.Preflight.Internal;
using static Pinterest.Publishing.Tests.TestSupport.PreflightTestKit;

namespace Pinterest.Publishing.Tests.Preflight.Internal;

/// <summary>
/// Truncated JPEG and PNG files, told from their last bytes without decoding where that is reliable (issue 13 item 11):
/// read whole when small; when larger than the prefix, only with <see cref="PreflightOptions.VerifyImageEndOverHttp"/>,
/// from a suffix range sent beside the prefix's when the host honours <c>Range</c>. A host that ignores <c>Range</c> for a
/// large file cannot show its end without a download: it is not judged.
/// </summary>
public sealed class TruncatedImageTests : ImageServingTestBase
{
    public static TheoryData<ServingMode> Modes => ImageServing.AllModes;

    private static void VerifyEnd(PreflightOptions options) => options.VerifyImageEndOverHttp = true;

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_small_png_or_jpeg_cut_short_is_unreadable_as_truncated(ServingMode mode)
    {
        var png = TestMedia.Bytes("large-1000x1500.png");
        var jpeg = TestMedia.Bytes("large-1000x1500.jpg");

        var cutPng = await ValidatePubliclyAsync(PinMedia.Image(Server.Serve("/cut.png", png.AsSpan(0, png.Length - 20).ToArray(), "image/png", mode)));
        var cutJpeg = await ValidatePubliclyAsync(PinMedia.Image(Server.Serve("/cut.jpg", jpeg.AsSpan(0, jpeg.Length - 100).ToArray(), "image/jpeg", mode)));

        Assert.Contains("IEND", Single(cutPng, PreflightCodes.ImageUnreadable).Message, StringComparison.Ordinal);
        Assert.Contains("truncated", Single(cutJpeg, PreflightCodes.ImageUnreadable).Message, StringComparison.Ordinal);
        Assert.Single(cutPng.Issues);
        Assert.Single(cutJpeg.Issues);
    }

    [Fact]
    public async Task Inline_bytes_cut_short_are_unreadable_as_truncated()
    {
        var png = TestMedia.Bytes("large-1000x1500.png");
        var jpeg = TestMedia.Bytes("large-1000x1500.jpg");

        Assert.Equal([PreflightCodes.ImageUnreadable], Codes(await ValidatePubliclyAsync(PinMedia.Image(png.AsSpan(0, png.Length - 12).ToArray(), "image/png"))));
        Assert.Equal([PreflightCodes.ImageUnreadable], Codes(await ValidatePubliclyAsync(PinMedia.Image(jpeg.AsSpan(0, jpeg.Length - 2).ToArray(), "image/jpeg"))));
        Assert.Empty((await ValidatePubliclyAsync(PinMedia.Image(jpeg, "image/jpeg"))).Issues);
    }

    [Theory]
    [InlineData(ServingMode.RangeHonoured, true)]
    [InlineData(ServingMode.HeadRefused, true)]
    [InlineData(ServingMode.RangeIgnored, false)]
    public async Task With_VerifyImageEndOverHttp_a_large_png_cut_before_iend_is_found_from_a_suffix_range(ServingMode mode, bool judged)
    {
        var png = TestMedia.PadPng(TestMedia.Bytes("large-1000x1500.png"), 3_000_000)[..2_500_000];

        var result = await ValidatePubliclyAsync(PinMedia.Image(Server.Serve("/big.png", png, "image/png", mode)), VerifyEnd);

        Assert.Equal(judged ? [PreflightCodes.ImageUnreadable] : [], Codes(result));
        var ranges = Server.Requests.Select(r => r.Range!).ToArray();
        Assert.Equal(["bytes=-2048", "bytes=0-65535"], ranges.Order(StringComparer.Ordinal).ToArray());
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task By_default_a_large_png_or_jpeg_cut_short_is_not_judged_and_costs_one_request(ServingMode mode)
    {
        var png = TestMedia.PadPng(TestMedia.Bytes("large-1000x1500.png"), 3_000_000)[..2_500_000];
        var jpeg = LargeJpeg(out var scanEnd)[..(scanEnd - 1000)];

        var pngResult = await ValidatePubliclyAsync(PinMedia.Image(Server.Serve("/big.png", png, "image/png", mode)));
        var jpegResult = await ValidatePubliclyAsync(PinMedia.Image(Server.Serve("/big.jpg", jpeg, "image/jpeg", mode)));

        // Not judged: neither an error nor a false "corrupt"; the end was never asked for.
        Assert.Empty(pngResult.Issues);
        Assert.Empty(jpegResult.Issues);
        Assert.Equal(["bytes=0-65535", "bytes=0-65535"], Server.Requests.Select(r => r.Range!));
    }

    [Theory]
    [InlineData("png")]
    [InlineData("jpg")]
    public async Task With_VerifyImageEndOverHttp_the_end_request_is_in_flight_together_with_the_prefix_request(string kind)
    {
        // The server answers neither request until both have arrived: an end request sent only after the prefix's
        // answer (a second, sequential round trip) would never be sent, and the probe would time out.
        var body = kind == "png"
            ? TestMedia.PadPng(TestMedia.Bytes("large-1000x1500.png"), 3_000_000)[..2_500_000]
            : LargeJpeg(out var scanEnd)[..(scanEnd - 1000)];
        Server.Map("/gated", new LoopbackRoute { Body = body, ContentType = kind == "png" ? "image/png" : "image/jpeg", Gate = Server.WhenInFlightAsync(2) });

        var result = await ValidatePubliclyAsync(PinMedia.Image(Server.Url("/gated")), VerifyEnd);

        Assert.Equal([PreflightCodes.ImageUnreadable], Codes(result));
        Assert.Contains("truncated", result.Issues[0].Message, StringComparison.Ordinal);
        Assert.Equal(2, Server.MaxInFlight);
        Assert.Equal(["bytes=-2048", "bytes=0-65535"], Server.Requests.Select(r => r.Range!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task With_VerifyImageEndOverHttp_a_server_ignoring_range_sends_the_whole_file_for_the_end_and_none_of_it_is_read()
    {
        var png = TestMedia.PadPng(TestMedia.Bytes("large-1000x1500.png"), 3_000_000)[..2_500_000];
        var options = new PreflightOptions { AllowPrivateNetworks = true, VerifyImageEndOverHttp = true };
        var connections = new System.Collections.Concurrent.ConcurrentBag<ProbeConnection>();
        var handler = ProbeHttpHandlerFactory.Create(options);
        var connect = handler.ConnectCallback!;
        handler.ConnectCallback = async (context, cancellationToken) =>
        {
            var connection = new ProbeConnection();
            connections.Add(connection);
            return new ReadCountingStream(await connect(context, cancellationToken), connection.Received, connection.Sent);
        };
        using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        using var validator = new PinPreflightValidator(client, options, defaultBoards: null, TimeProvider.System, NullLogger.Instance);

        var result = await validator.ValidateAsync(Request(PinMedia.Image(Server.Serve("/big.png", png, "image/png", ServingMode.RangeIgnored))));

        // Judged from the prefix only: no error, no false "corrupt".
        Assert.Empty(result.Issues);
        Assert.Equal(["bytes=-2048", "bytes=0-65535"], Server.Requests.Select(r => r.Range!).Order(StringComparer.Ordinal));

        // The end request's answer is the whole 2.5 MB file: read from its socket are its headers and what the handler
        // buffered with them before the answer was dropped (a few KiB), not its body.
        var end = Assert.Single(connections, c => c.Request.Contains("Range: bytes=-2048", StringComparison.Ordinal));
        Assert.InRange(end.BytesReceived, 1, 8 * 1024);
    }

    /// <summary>One probe connection: the bytes read from it and the request text sent on it.</summary>
    private sealed class ProbeConnection
    {
        private readonly System.Text.StringBuilder _sent = new();
        private long _received;

        public long BytesReceived => Interlocked.Read(ref _received);

        public string Request
        {
            get
            {
                lock (_sent)
                {
                    return _sent.ToString();
                }
            }
        }

        public void Received(int count) => Interlocked.Add(ref _received, count);

        public void Sent(ReadOnlyMemory<byte> bytes)
        {
            lock (_sent)
            {
                _sent.Append(System.Text.Encoding.ASCII.GetString(bytes.Span));
            }
        }
    }

    /// <summary>
    /// A 600 KB JPEG whose scan is long: the fixture's scan followed by entropy-coded bytes (every FF stuffed with 00),
    /// then the end-of-image marker. <paramref name="scanEnd"/> is the offset of that marker.
    /// </summary>
    private static byte[] LargeJpeg(out int scanEnd)
    {
        var jpeg = TestMedia.Bytes("large-1000x1500.jpg");
        var random = new Random(42);
        var scan = new List<byte>(600_000);
        while (scan.Count < 600_000)
        {
            var b = (byte)random.Next(256);
            scan.Add(b);
            if (b == 0xFF)
            {
                scan.Add(0x00);
            }
        }

        scanEnd = jpeg.Length - 2 + scan.Count;
        return [.. jpeg.AsSpan(0, jpeg.Length - 2), .. scan, 0xFF, 0xD9];
    }
}
