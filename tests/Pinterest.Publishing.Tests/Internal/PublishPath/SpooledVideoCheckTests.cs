using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Pinterest.Publishing.Api.Models;
using Pinterest.Publishing.Preflight;
using Pinterest.Publishing.VideoUpload;

namespace Pinterest.Publishing.Tests.Internal.PublishPath;

/// <summary>
/// What preflight cannot read before upload (a forward-only stream; a URL whose moov is past the prefix on a server
/// that ignores Range) is checked by the publish path once spooled, with the same rules, before anything is sent.
/// </summary>
public sealed class SpooledVideoCheckTests : IAsyncLifetime
{
    private readonly ObservableTimeProvider _clock = new();
    private readonly TempDirectory _spool = new();
    private readonly HttpClient _downloadClient = new();
    private readonly HttpClient _uploadClient = new();
    private readonly VideoSources _sources = new();
    private readonly LoopbackHttpServer _uploadHost = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _uploadHost.DisposeAsync();
        await _sources.DisposeAsync();
        _downloadClient.Dispose();
        _uploadClient.Dispose();
        _spool.Dispose();
    }

    [Fact]
    public async Task A_forward_only_stream_of_webm_declared_as_mp4_is_refused_as_format_allowed_before_anything_is_sent()
    {
        await using var h = await PublishingHarness.CreateAsync();
        using var stream = new NonSeekableStream(new MemoryStream(TestMedia.Bytes("video-5s.webm")));
        var request = h.VideoRequest() with { Media = PinMedia.Video(VideoSource.FromStream(stream, "video/mp4")) };

        var ex = await Assert.ThrowsAsync<PinPreflightException>(() => h.DriveAsync(h.Publisher.PublishAsync(request), TimeSpan.FromSeconds(1)));

        Assert.Equal([PreflightCodes.VideoFormatAllowed], ex.Result.Errors.Select(e => e.Code));
        Assert.DoesNotContain(h.Emulator.Requests, r => r.Path.StartsWith("/v5/media", StringComparison.Ordinal) || r.Path == "/v5/pins");
    }

    [Theory]
    [InlineData("cut inside its mdat", PreflightCodes.VideoUnreadable)]
    [InlineData("without a moov", PreflightCodes.VideoUnreadable)]
    [InlineData("3 s, moov at the end", PreflightCodes.VideoDurationRange)]
    public async Task A_forward_only_stream_breaking_a_video_rule_is_refused_before_its_upload_is_registered(string shape, string code)
    {
        await using var h = await PublishingHarness.CreateAsync();
        using var stream = new NonSeekableStream(new MemoryStream(Bytes(shape)));
        var request = h.VideoRequest() with { Media = PinMedia.Video(VideoSource.FromStream(stream, "video/mp4")) };

        var ex = await Assert.ThrowsAsync<PinPreflightException>(() => h.DriveAsync(h.Publisher.PublishAsync(request), TimeSpan.FromSeconds(1)));

        Assert.Equal([code], ex.Result.Errors.Select(e => e.Code));
        Assert.DoesNotContain(h.Emulator.Requests, r => r.Path.StartsWith("/v5/media", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_url_whose_moov_preflight_could_not_reach_is_checked_once_downloaded_and_not_uploaded()
    {
        var api = new FakeMediaClient(_clock) { UploadUrl = _uploadHost.BaseUri };
        var source = _sources.Create(VideoSources.UrlRangeIgnored, Mp4Shapes.MoovAtEnd(3));

        var logger = new FakeLogger();

        var ex = await Assert.ThrowsAsync<PinPreflightException>(() => CreateUploader(api, checkSpooledCopy: true, logger).StartUploadAsync(source));

        Assert.Equal([PreflightCodes.VideoDurationRange], ex.Result.Errors.Select(e => e.Code));
        Assert.Equal(0, api.RegisterCalls);
        Assert.Empty(_uploadHost.Requests);
        Assert.Empty(_spool.Files);
        var refused = Assert.Single(logger.Collector.GetSnapshot(), r => r.Id.Name == "VideoSpooledCopyRefused");
        Assert.Contains(PreflightCodes.VideoDurationRange, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_valid_url_video_is_uploaded_after_the_check_and_the_uploader_alone_does_not_judge()
    {
        var checkedApi = new FakeMediaClient(_clock) { UploadUrl = _uploadHost.BaseUri }.Then(MediaUploadStatus.Succeeded);
        var aloneApi = new FakeMediaClient(_clock) { UploadUrl = _uploadHost.BaseUri }.Then(MediaUploadStatus.Succeeded);

        await CreateUploader(checkedApi, checkSpooledCopy: true).StartUploadAsync(_sources.Create(VideoSources.UrlRangeIgnored, Mp4Shapes.MoovAtEnd(5)));
        await CreateUploader(aloneApi, checkSpooledCopy: false).StartUploadAsync(_sources.Create(VideoSources.UrlRangeIgnored, Mp4Shapes.MoovAtEnd(3)));

        Assert.Equal(1, checkedApi.RegisterCalls);
        Assert.Equal(1, aloneApi.RegisterCalls);
    }

    private static byte[] Bytes(string shape) => shape switch
    {
        "cut inside its mdat" => Mp4Shapes.CutInsideMdat(),
        "without a moov" => Mp4Shapes.WithoutMoov(),
        _ => Mp4Shapes.MoovAtEnd(3),
    };

    private PinterestVideoUploader CreateUploader(FakeMediaClient api, bool checkSpooledCopy, ILogger? logger = null) =>
        new(api, _uploadClient, new VideoUploadOptions(), _clock, logger ?? NullLogger.Instance, _downloadClient, _spool.Path)
        {
            CheckSpooledCopy = checkSpooledCopy,
        };
}
