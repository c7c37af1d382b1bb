using System.Buffers.Binary;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Pinterest.Publishing.Internal.PublishPath;
using Pinterest.Publishing.Preflight;
using Pinterest.Publishing.Preflight.Internal;
using static Pinterest.Publishing.Tests.TestSupport.PreflightTestKit;

namespace Pinterest.Publishing.Tests.Preflight.Internal;

/// <summary>How much is read, how often and how concurrently: measured server-side on a counting loopback server.</summary>
public sealed class ProbeBehaviourTests : IAsyncLifetime
{
    private const int OneMegabyte = 1_000_000;
    private LoopbackHttpServer _server = null!;

    public Task InitializeAsync()
    {
        _server = new LoopbackHttpServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, bool> BigImages => new()
    {
        { "jpg", true }, { "jpg", false }, { "png", true }, { "png", false },
    };

    [Theory]
    [MemberData(nameof(BigImages))]
    public async Task A_20_MB_image_is_validated_while_the_server_sends_under_1_MB(string kind, bool honourRange)
    {
        var small = TestMedia.Bytes("large-1000x1500." + kind);
        var big = kind == "png" ? TestMedia.PadPng(small, 20_000_000) : TestMedia.PadJpegAfterFrameHeader(small, 20_000_000);
        _server.Map("/big", new LoopbackRoute { Body = big, ContentType = "image/" + (kind == "png" ? "png" : "jpeg"), HonourRange = honourRange });

        var result = await ValidateAsync(Request(PinMedia.Image(_server.Url("/big"))), o => o.MaxImageBytes = 25_000_000);

        Assert.Empty(result.Issues);
        await _server.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.InRange(_server.BodyBytesWritten, 1, OneMegabyte - 1);
        if (honourRange)
        {
            // One ranged request answered with at most the 64 KiB prefix; the end of a file longer than the prefix is
            // not asked for by default (VerifyImageEndOverHttp). The reader stops as soon as the dimensions are known
            // and drops the connection, so how much of the prefix the server wrote is a race.
            Assert.Equal("bytes=0-65535", Assert.Single(_server.Requests).Range);
            Assert.InRange(_server.BodyBytesWritten, 1, 65_536);
        }
    }

    [Fact]
    public async Task The_size_limit_is_found_from_content_range_without_downloading()
    {
        var big = TestMedia.PadPng(TestMedia.Bytes("large-1000x1500.png"), 20_000_001);
        _server.Map("/big.png", new LoopbackRoute { Body = big, ContentType = "image/png" });

        var result = await ValidateAsync(Request(PinMedia.Image(_server.Url("/big.png"))));

        Assert.Contains("20,000,001", Single(result, PreflightCodes.ImageSizeMax).Message, StringComparison.Ordinal);
        await _server.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        // The size is known from Content-Range before the body is read, so the client may drop the connection before
        // the server has written its whole 64 KiB answer: at most the requested prefix, never the 20 MB.
        Assert.InRange(_server.BodyBytesWritten, 0, MediaHeaderReader.DefaultPrefixLength);
        Assert.Equal("bytes=0-65535", Assert.Single(_server.Requests).Range);
    }

    [Fact]
    public async Task Without_a_declared_length_the_body_is_counted_up_to_the_limit_and_no_further()
    {
        var big = TestMedia.PadPng(TestMedia.Bytes("large-1000x1500.png"), 3_000_000);
        _server.Map("/chunked.png", new LoopbackRoute { Body = big, ContentType = "image/png", HonourRange = false, DeclareLength = false });
        _server.Map("/small.png", new LoopbackRoute { Body = TestMedia.Bytes("large-1000x1500.png"), ContentType = "image/png", HonourRange = false, DeclareLength = false });

        var tooBig = await ValidateAsync(Request(PinMedia.Image(_server.Url("/chunked.png"))), o => o.MaxImageBytes = 1_000_000);
        Assert.Equal([PreflightCodes.ImageSizeMax], Codes(tooBig));
        await _server.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.InRange(_server.BodyBytesWritten, 1_000_000, 2_000_000);

        var fine = await ValidateAsync(Request(PinMedia.Image(_server.Url("/small.png"))), o => o.MaxImageBytes = 1_000_000);
        Assert.Empty(fine.Issues);
    }

    [Fact]
    public async Task A_jpeg_with_its_frame_header_past_64_KiB_is_read_with_a_second_bounded_range()
    {
        var jpeg = TestMedia.PadJpegBeforeFrameHeader(TestMedia.Bytes("large-1000x1500.jpg"), 150_000);
        var withTail = TestMedia.PadJpegAfterFrameHeader(jpeg, 5_000_000);
        _server.Map("/exif.jpg", new LoopbackRoute { Body = withTail, ContentType = "image/jpeg" });

        var result = await ValidateAsync(Request(PinMedia.Image(_server.Url("/exif.jpg"))));

        Assert.Empty(result.Issues);
        // The prefix and one more range for the frame header (no longer up to eight 64 KiB steps).
        var ranges = _server.Requests.Select(r => r.Range).ToArray();
        Assert.Equal("bytes=0-65535", ranges[0]);
        Assert.Equal(2, ranges.Length);
        await _server.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.InRange(_server.BodyBytesWritten, 150_000, MediaHeaderReader.MaxHeaderLength);
    }

    [Fact]
    public async Task A_jpeg_with_its_frame_header_past_64_KiB_is_read_from_a_server_ignoring_range()
    {
        var jpeg = TestMedia.PadJpegAfterFrameHeader(TestMedia.PadJpegBeforeFrameHeader(TestMedia.Bytes("large-1000x1500.jpg"), 150_000), 5_000_000);
        _server.Map("/exif.jpg", new LoopbackRoute { Body = jpeg, ContentType = "image/jpeg", HonourRange = false });

        var result = await ValidateAsync(Request(PinMedia.Image(_server.Url("/exif.jpg"))));

        Assert.Empty(result.Issues);
        Assert.Single(_server.Requests);
        await _server.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.InRange(_server.BodyBytesWritten, 150_000, OneMegabyte);
    }

    [Fact]
    public async Task Five_slow_urls_are_probed_concurrently()
    {
        // The server holds every answer until all five requests are in flight at once. If probes ran one after
        // another, the first answer would never come and the probes would end in issues.
        var allInFlight = _server.WhenInFlightAsync(5);
        var body = TestMedia.Bytes("large-1000x1000.jpg");
        for (var i = 0; i < 5; i++)
        {
            _server.Map($"/slow{i}.jpg", new LoopbackRoute { Body = body, ContentType = "image/jpeg", Gate = allInFlight });
        }

        using var validator = Validator();
        var result = await validator.ValidateAsync(Request(PinMedia.Carousel(Enumerable.Range(0, 5).Select(i => new CarouselItem(_server.Url($"/slow{i}.jpg"))))));

        Assert.Equal(5, _server.MaxInFlight);
        Assert.Empty(result.Issues);
    }

    [Fact]
    public async Task Concurrency_is_bounded_by_the_option()
    {
        var body = TestMedia.Bytes("large-1000x1000.jpg");
        for (var i = 0; i < 5; i++)
        {
            _server.Map($"/img{i}.jpg", new LoopbackRoute { Body = body, ContentType = "image/jpeg" });
        }

        var result = await ValidateAsync(
            Request(PinMedia.Carousel(Enumerable.Range(0, 5).Select(i => new CarouselItem(_server.Url($"/img{i}.jpg"))))),
            o => o.MaxConcurrentProbes = 2);

        Assert.Empty(result.Issues);
        Assert.InRange(_server.MaxInFlight, 1, 2);
        Assert.Equal(5, _server.Requests.Count);
    }

    [Fact]
    public async Task A_probe_that_does_not_answer_times_out_on_the_test_clock()
    {
        var never = new TaskCompletionSource();
        _server.Map("/hang.jpg", new LoopbackRoute { Body = TestMedia.Bytes("large-1000x1000.jpg"), ContentType = "image/jpeg", Gate = never.Task });
        var time = new FakeTimeProvider();
        using var validator = Validator(o => o.ProbeTimeout = TimeSpan.FromSeconds(10), time: time);

        var validation = validator.ValidateAsync(Request(PinMedia.Image(_server.Url("/hang.jpg"))));
        await _server.WhenRequestsAsync(1).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(validation.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(validation.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        var result = await validation.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains("10 s", Single(result, PreflightCodes.ImageUrlReachable).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reset_connection_or_garbage_answer_is_unreachable_not_an_exception()
    {
        _server.Map("/reset.jpg", new LoopbackRoute { Body = TestMedia.PadJpegAfterFrameHeader(TestMedia.Bytes("square-100.jpg"), 200_000), ContentType = "image/jpeg", HonourRange = false, ResetAfterBytes = 100 });
        _server.Map("/garbage.jpg", new LoopbackRoute { SendGarbage = true });

        var reset = await ValidateAsync(Request(PinMedia.Image(_server.Url("/reset.jpg"))));
        var garbage = await ValidateAsync(Request(PinMedia.Image(_server.Url("/garbage.jpg"))));

        Single(reset, PreflightCodes.ImageUrlReachable);
        Assert.Contains("not valid HTTP", Single(garbage, PreflightCodes.ImageUrlReachable).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_video_url_whose_moov_is_past_the_prefix_is_read_by_range_or_else_not_downloaded()
    {
        // video-2s.mp4 with a 1 MB free atom before its moov: the first 64 KiB hold only ftyp and free.
        var video = TestMedia.Bytes("video-2s.mp4");
        var ftypLength = BinaryPrimitives.ReadInt32BigEndian(video);
        var free = new byte[1_000_000];
        BinaryPrimitives.WriteInt32BigEndian(free, free.Length);
        "free"u8.CopyTo(free.AsSpan(4));
        byte[] padded = [.. video.AsSpan(0, ftypLength), .. free, .. video.AsSpan(ftypLength)];
        _server.Map("/late-moov.mp4", new LoopbackRoute { Body = padded, ContentType = "video/mp4" });
        _server.Map("/late-moov-200.mp4", new LoopbackRoute { Body = padded, ContentType = "video/mp4", HonourRange = false });
        Assert.Equal(TimeSpan.FromSeconds(2), MediaHeaderReader.Read(padded, true).Duration);

        // Issue 13 item 3: the moov is read where it lies with one ranged GET (it was left unread, and the 2 s video
        // passed), and the 1 MB before it is never downloaded.
        var ranged = await ValidateAsync(Request(PinMedia.Video(VideoSource.FromUrl(_server.Url("/late-moov.mp4")))));
        Assert.Equal([PreflightCodes.VideoDurationRange], Codes(ranged));
        await _server.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.InRange(_server.BodyBytesWritten, MediaHeaderReader.DefaultPrefixLength + 1, 2 * MediaHeaderReader.DefaultPrefixLength);
        Assert.Equal(2, _server.Hits("/late-moov.mp4"));

        // Range ignored: the prefix only; the duration is a warning until the download is checked before upload.
        var whole = await ValidateAsync(Request(PinMedia.Video(VideoSource.FromUrl(_server.Url("/late-moov-200.mp4")))), o => o.MaxVideoBytes = 1_000_000);
        Assert.Equal([PreflightCodes.VideoSizeMax, PreflightCodes.VideoDurationUnknown], Codes(whole));
        await _server.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.InRange(_server.BodyBytesWritten, MediaHeaderReader.DefaultPrefixLength, 900_000);
    }

    [Fact]
    public async Task Logs_name_scheme_host_and_path_but_never_the_query()
    {
        _server.Map("/signed.jpg", new LoopbackRoute { Status = 403, Body = [] });
        var collector = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(collector)));
        using var validator = Validator(loggerFactory: loggerFactory);

        await validator.ValidateAsync(Request(PinMedia.Image(new Uri(_server.Url("/signed.jpg") + "?X-Amz-Signature=SECRET123&token=abc"))));
        await validator.ValidateAsync(Request(PinMedia.Image(new Uri($"http://127.0.0.1:1/refused.jpg?sig=SECRET456"))));

        var messages = collector.GetSnapshot().Select(r => r.Message).ToArray();
        Assert.Contains(messages, m => m.Contains("/signed.jpg", StringComparison.Ordinal));
        Assert.DoesNotContain(messages, m => m.Contains("SECRET", StringComparison.Ordinal) || m.Contains('?', StringComparison.Ordinal));
    }
}
