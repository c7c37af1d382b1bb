using Pinterest.Publishing.Preflight;
using static Pinterest.Publishing.Tests.TestSupport.PreflightTestKit;

namespace Pinterest.Publishing.Tests.Preflight.Internal;

public sealed class VideoPreflightTests : IDisposable
{
    private readonly MediaWireMock _server = new();

    public void Dispose() => _server.Dispose();

    [Theory]
    [InlineData("video-5s.mp4")]
    [InlineData("video-5s.mov")]
    [InlineData("video-5s.m4v")]
    [InlineData("video-5s-moov-at-end.mp4")]
    public async Task A_five_second_file_is_valid(string file)
    {
        var result = await ValidateAsync(Request(PinMedia.Video(VideoSource.FromFile(TestMedia.PathOf(file)))));

        Assert.Empty(result.Issues);
    }

    [Fact]
    public async Task A_two_second_video_is_too_short()
    {
        var result = await ValidateAsync(Request(PinMedia.Video(VideoSource.FromFile(TestMedia.PathOf("video-2s.mp4")))));

        var issue = Single(result, PreflightCodes.VideoDurationRange);
        Assert.Contains("2 s", issue.Message, StringComparison.Ordinal);
        Assert.Single(result.Issues);
    }

    [Fact]
    public async Task A_video_longer_than_15_minutes_is_out_of_range()
    {
        // The 5 s fixture with its movie header's duration field set to 16 minutes.
        var bytes = TestMedia.Bytes("video-5s.mp4");
        var mvhd = bytes.AsSpan().IndexOf("mvhd"u8);
        Assert.Equal(0, bytes[mvhd + 4]);
        var timescale = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(mvhd + 16));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(mvhd + 20), timescale * 16 * 60);
        using var stream = new MemoryStream(bytes);

        var result = await ValidateAsync(Request(PinMedia.Video(VideoSource.FromStream(stream, "video/mp4"))));

        Assert.Contains("960 s", Single(result, PreflightCodes.VideoDurationRange).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wide_video_is_an_aspect_warning()
    {
        var result = await ValidateAsync(Request(PinMedia.Video(VideoSource.FromFile(TestMedia.PathOf("video-wide-5s.mp4")))));

        var issue = Single(result, PreflightCodes.VideoAspectRange);
        Assert.Equal(PreflightSeverity.Warning, issue.Severity);
        Assert.True(result.IsValid);
    }

    [Fact]
    public async Task A_webm_is_not_an_allowed_format()
    {
        var result = await ValidateAsync(Request(PinMedia.Video(VideoSource.FromFile(TestMedia.PathOf("video-5s.webm")))));

        Assert.Equal([PreflightCodes.VideoFormatAllowed], Codes(result));
    }

    [Fact]
    public async Task A_video_over_the_size_limit_is_an_error()
    {
        var path = TestMedia.PathOf("video-5s.mp4");

        var result = await ValidateAsync(Request(PinMedia.Video(VideoSource.FromFile(path))), o => o.MaxVideoBytes = new FileInfo(path).Length - 1);

        Assert.Equal([PreflightCodes.VideoSizeMax], Codes(result));
    }

    [Fact]
    public async Task A_missing_file_is_unreadable_not_an_exception()
    {
        var result = await ValidateAsync(Request(PinMedia.Video(VideoSource.FromFile(TestMedia.PathOf("nope.mp4")))));

        Assert.Contains("does not exist", Single(result, PreflightCodes.VideoUnreadable).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_seekable_stream_is_read_and_its_position_restored()
    {
        var bytes = TestMedia.Bytes("video-2s.mp4");
        using var stream = new MemoryStream([.. new byte[10], .. bytes]);
        stream.Position = 10;

        var result = await ValidateAsync(Request(PinMedia.Video(VideoSource.FromStream(stream, "video/mp4"))));

        Assert.Equal([PreflightCodes.VideoDurationRange], Codes(result));
        Assert.Equal(10, stream.Position);
    }

    [Fact]
    public async Task A_non_seekable_stream_is_not_consumed_and_only_its_declared_type_is_checked()
    {
        using var inner = new MemoryStream(TestMedia.Bytes("video-2s.mp4"));
        using var stream = new NonSeekableStream(inner);

        var valid = await ValidateAsync(Request(PinMedia.Video(VideoSource.FromStream(stream, "video/mp4"))));
        var wrongType = await ValidateAsync(Request(PinMedia.Video(VideoSource.FromStream(stream, "video/webm"))));

        Assert.Empty(valid.Issues);
        Assert.Equal([PreflightCodes.VideoFormatAllowed], Codes(wrongType));
        Assert.Equal(0, inner.Position);
    }

    [Fact]
    public async Task A_video_url_is_probed_with_a_range_and_checked()
    {
        var good = _server.ServeFixture("/v/ok.mp4", "video-5s.mp4", "video/mp4");
        var shortOne = _server.ServeFixture("/v/short.mp4", "video-2s.mp4", "video/mp4");
        var wide = _server.ServeFixture("/v/wide.mp4", "video-wide-5s.mp4", "video/mp4");
        var webm = _server.ServeFixture("/v/clip.webm", "video-5s.webm", "video/webm");
        var missing = _server.Serve("/v/missing.mp4", [], "text/plain", 404);

        Assert.Empty((await ValidateAsync(Request(PinMedia.Video(VideoSource.FromUrl(good))))).Issues);
        Assert.Equal([PreflightCodes.VideoDurationRange], Codes(await ValidateAsync(Request(PinMedia.Video(VideoSource.FromUrl(shortOne))))));
        Assert.Equal([PreflightCodes.VideoAspectRange], Codes(await ValidateAsync(Request(PinMedia.Video(VideoSource.FromUrl(wide))))));
        Assert.Equal([PreflightCodes.VideoFormatAllowed], Codes(await ValidateAsync(Request(PinMedia.Video(VideoSource.FromUrl(webm))))));
        Assert.Equal([PreflightCodes.VideoUrlReachable], Codes(await ValidateAsync(Request(PinMedia.Video(VideoSource.FromUrl(missing))))));
        Assert.All(_server.Server.LogEntries, e => Assert.Equal("GET", e.RequestMessage.Method));
    }

    [Fact]
    public async Task A_video_url_larger_than_the_limit_is_an_error()
    {
        var bytes = TestMedia.Bytes("video-5s.mp4");
        var url = _server.Serve("/v/big.mp4", bytes, "video/mp4");

        var result = await ValidateAsync(Request(PinMedia.Video(VideoSource.FromUrl(url))), o => o.MaxVideoBytes = bytes.Length - 1);

        Assert.Equal([PreflightCodes.VideoSizeMax], Codes(result));
    }

    [Fact]
    public async Task A_cover_url_must_answer_2xx_with_an_image_type()
    {
        var video = VideoSource.FromFile(TestMedia.PathOf("video-5s.mp4"));
        var ok = _server.ServeFixture("/cover/ok.jpg", "large-1000x1500.jpg", "image/jpeg");
        var missing = _server.Serve("/cover/missing.jpg", [], "text/plain", 404);
        var page = _server.Serve("/cover/page", "<html></html>"u8.ToArray(), "text/html");

        Assert.Empty((await ValidateAsync(Request(PinMedia.Video(video, VideoCover.FromUrl(ok))))).Issues);

        var unreachable = Single(await ValidateAsync(Request(PinMedia.Video(video, VideoCover.FromUrl(missing)))), PreflightCodes.CoverImageUrlReachable);
        Assert.Equal("cover", unreachable.Target);
        Single(await ValidateAsync(Request(PinMedia.Video(video, VideoCover.FromUrl(page)))), PreflightCodes.CoverImageUrlReachable);
    }

    [Fact]
    public async Task An_unusable_cover_is_reported_as_cover_required()
    {
        var video = VideoSource.FromFile(TestMedia.PathOf("video-5s.mp4"));
        var broken = _server.Serve("/cover/broken.jpg", "not an image"u8.ToArray(), "image/jpeg");

        var relative = await ValidateAsync(Request(PinMedia.Video(video, VideoCover.FromUrl(new Uri("/cover.jpg", UriKind.Relative)))));
        var unreadable = await ValidateAsync(Request(PinMedia.Video(video, VideoCover.FromUrl(broken))));
        var pastTheEnd = await ValidateAsync(Request(PinMedia.Video(video, VideoCover.FromKeyFrame(TimeSpan.FromSeconds(7)))));
        var inside = await ValidateAsync(Request(PinMedia.Video(video, VideoCover.FromKeyFrame(TimeSpan.FromSeconds(2)))));

        Assert.Equal([PreflightCodes.VideoCoverRequired], Codes(relative));
        Assert.Equal([PreflightCodes.VideoCoverRequired], Codes(unreadable));
        // A key frame past the end is not an unusable cover: Pinterest uses the last frame (a warning of its own).
        Assert.Equal([PreflightCodes.VideoCoverKeyFrameAfterEnd], Codes(pastTheEnd));
        Assert.Empty(inside.Issues);
    }

    [Fact]
    public async Task An_already_uploaded_video_is_not_read_but_its_cover_is_checked()
    {
        var video = VideoSource.FromUploadedMedia("895675442034933911");
        var broken = _server.Serve("/cover/broken-too.jpg", "not an image"u8.ToArray(), "image/jpeg");

        var keyFrame = await ValidateAsync(Request(PinMedia.Video(video, VideoCover.FromKeyFrame(TimeSpan.FromMinutes(20)))));
        var badCover = await ValidateAsync(Request(PinMedia.Video(video, VideoCover.FromUrl(broken))));

        // Pinterest holds the bytes, so duration, size and format cannot be known here; a key frame is not judged.
        Assert.Empty(keyFrame.Issues);
        Assert.Equal([PreflightCodes.VideoCoverRequired], Codes(badCover));
    }

    [Fact]
    public async Task A_cover_served_with_the_wrong_type_is_a_mismatch_warning()
    {
        var video = VideoSource.FromFile(TestMedia.PathOf("video-5s.mp4"));
        var cover = _server.ServeFixture("/cover/png.jpg", "large-1000x1500.png", "image/jpeg");

        var result = await ValidateAsync(Request(PinMedia.Video(video, VideoCover.FromUrl(cover))));

        Assert.Equal("cover", Single(result, PreflightCodes.ImageMimeMismatch).Target);
        Assert.True(result.IsValid);
    }
}
