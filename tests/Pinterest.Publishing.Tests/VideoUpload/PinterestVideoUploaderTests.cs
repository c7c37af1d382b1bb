using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Api.Models;
using Pinterest.Publishing.VideoUpload;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Pinterest.Publishing.Tests.VideoUpload;

public sealed class PinterestVideoUploaderTests : IDisposable
{
    private readonly ObservableTimeProvider _clock = new();
    private readonly TempDirectory _files = new();
    private readonly TempDirectory _spool = new();
    private readonly HttpClient _uploadClient = new();
    private readonly HttpClient _downloadClient = new();

    public void Dispose()
    {
        _files.Dispose();
        _spool.Dispose();
        _uploadClient.Dispose();
        _downloadClient.Dispose();
    }

    private PinterestVideoUploader CreateUploader(FakeMediaClient api, Microsoft.Extensions.Logging.ILogger? logger = null) =>
        new(api, _uploadClient, new VideoUploadOptions(), _clock, logger ?? NullLogger.Instance, _downloadClient, _spool.Path);

    [Fact]
    public async Task FileUpload_RegistersOnce_SendsTheSignedFieldsInOrderThenTheFile_ThenWaits()
    {
        await using var host = new LoopbackHttpServer();
        var api = new FakeMediaClient(_clock) { UploadUrl = new Uri(host.BaseUri, "bucket") }
            .Then(MediaUploadStatus.Processing).Then(MediaUploadStatus.Succeeded);
        var bytes = TestBytes.Create(1_200_000);
        var path = _files.WriteFile("clip.mov", bytes);
        var progress = new RecordingProgress();

        var operation = await CreateUploader(api).StartUploadAsync(VideoSource.FromFile(path), progress);

        Assert.Equal(api.MediaId, operation.MediaId);
        Assert.Equal(1, api.RegisterCalls);
        var request = Assert.Single(host.Requests);
        Assert.Equal("/bucket", request.Target);
        Assert.Null(request.Header("authorization"));
        Assert.False(request.WasChunked);
        Assert.Equal(request.Body.LongLength.ToString(System.Globalization.CultureInfo.InvariantCulture), request.Header("content-length"));
        var parts = MultipartBody.Parse(request.Body, MultipartBody.BoundaryOf(request.Header("content-type")!));
        Assert.Equal(api.UploadParameters.Keys.Append("file"), parts.Select(p => p.Name));
        Assert.Equal(api.UploadParameters.Values, parts.SkipLast(1).Select(p => p.Text));
        Assert.Equal("video/quicktime", parts[^1].ContentType);
        Assert.Equal(bytes, parts[^1].Data);
        Assert.Equal(bytes.Length, progress.Values[^1]);
        Assert.Empty(api.PollTimes);

        _clock.DiscardPendingTimers();
        var details = await _clock.DriveAsync(operation.WaitForCompletionAsync());
        Assert.Equal(MediaUploadStatus.Succeeded, details.Status);
        Assert.Equal(1, api.RegisterCalls);
        Assert.Single(host.Requests);
    }

    [Fact]
    public async Task Logs_NeverContainTheSignedFieldsOrTheUploadQuery()
    {
        await using var host = new LoopbackHttpServer();
        var api = new FakeMediaClient(_clock) { UploadUrl = new Uri(host.BaseUri, "bucket?X-Amz-Signature=QUERY-SECRET") }.Then(MediaUploadStatus.Succeeded);
        var logger = new FakeLogger();

        var operation = await CreateUploader(api, logger).StartUploadAsync(VideoSource.FromFile(_files.WriteFile("a.mp4", new byte[1000])));
        _clock.DiscardPendingTimers();
        await _clock.DriveAsync(operation.WaitForCompletionAsync());

        var records = logger.Collector.GetSnapshot();
        Assert.Contains(records, r => r.Id.Id == 5001);
        Assert.Contains(records, r => r.Id.Id == 5002);
        Assert.Contains(records, r => r.Id.Id == 5003 && r.Message.Contains("1000 bytes", StringComparison.Ordinal));
        Assert.All(records, r =>
        {
            Assert.DoesNotContain("SECRET", r.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("AKIAEXAMPLE", r.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("SECRET", string.Join(",", r.StructuredState?.Select(s => s.Value) ?? []), StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Resume_or_an_uploaded_media_source_polls_the_media_id_without_registering_or_uploading(bool asSource)
    {
        await using var host = new LoopbackHttpServer();
        var api = new FakeMediaClient(_clock) { UploadUrl = host.BaseUri }.Then(MediaUploadStatus.Processing, 2).Then(MediaUploadStatus.Succeeded);
        var uploader = CreateUploader(api);

        var operation = asSource ? await uploader.StartUploadAsync(VideoSource.FromUploadedMedia(api.MediaId)) : uploader.Resume(api.MediaId);
        var details = await _clock.DriveAsync(operation.WaitForCompletionAsync());

        Assert.Equal(api.MediaId, operation.MediaId);
        Assert.Equal(MediaUploadStatus.Succeeded, details.Status);
        Assert.Equal(0, api.RegisterCalls);
        Assert.Empty(host.Requests);
        Assert.Equal(3, api.PollTimes.Count);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_spool.Path));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("media-123")]
    [InlineData("12 34")]
    public void An_uploaded_media_id_must_be_digits(string mediaId)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => VideoSource.FromUploadedMedia(mediaId));

        Assert.Equal("mediaId", ex.ParamName);
    }

    [Fact]
    public async Task ResumedOperation_TimesOut_FromItsFirstWait()
    {
        var api = new FakeMediaClient(_clock).Then(MediaUploadStatus.Processing);
        var operation = CreateUploader(api).Resume(api.MediaId);
        _clock.Advance(TimeSpan.FromHours(1)); // a restart much later must still get a full deadline

        var ex = await Assert.ThrowsAsync<PinterestMediaProcessingException>(() => _clock.DriveAsync(operation.WaitForCompletionAsync()));

        Assert.Equal(PinterestMediaProcessingException.TranscodeTimeoutCode, ex.Code);
        Assert.Equal(TimeSpan.FromMinutes(70), _clock.Elapsed);
    }

    [Fact]
    public async Task UrlSource_TemporaryFileIsRemoved_AfterSuccess()
    {
        using var origin = LoopbackWireMock.Start();
        var bytes = TestBytes.Create(700_000);
        origin.Given(Request.Create().WithPath("/v.mp4").UsingGet()).RespondWith(Response.Create().WithHeader("Content-Type", "video/mp4").WithBody(bytes));
        await using var host = new LoopbackHttpServer();
        var api = new FakeMediaClient(_clock) { UploadUrl = host.BaseUri };

        await CreateUploader(api).StartUploadAsync(VideoSource.FromUrl(LoopbackWireMock.Url(origin, "/v.mp4")));

        var parts = MultipartBody.Parse(host.Requests[0].Body, MultipartBody.BoundaryOf(host.Requests[0].Header("content-type")!));
        Assert.Equal(bytes, parts[^1].Data);
        Assert.Empty(_spool.Files);
    }

    [Fact]
    public async Task UrlSource_TemporaryFileIsRemoved_AfterUploadFailure()
    {
        using var origin = LoopbackWireMock.Start();
        origin.Given(Request.Create().WithPath("/v.mp4").UsingGet()).RespondWith(Response.Create().WithHeader("Content-Type", "video/mp4").WithBody(new byte[50_000]));
        await using var host = new LoopbackHttpServer((_, stream, ct) => LoopbackHttpServer.WriteResponseAsync(stream, 403, "<Error><Code>AccessDenied</Code></Error>", "application/xml", ct));
        var api = new FakeMediaClient(_clock) { UploadUrl = host.BaseUri };

        var ex = await Assert.ThrowsAsync<PinterestVideoUploadException>(() =>
            CreateUploader(api).StartUploadAsync(VideoSource.FromUrl(LoopbackWireMock.Url(origin, "/v.mp4"))));

        Assert.Equal(HttpStatusCode.Forbidden, ex.StatusCode);
        Assert.Equal(api.MediaId, ex.MediaId);
        Assert.DoesNotContain("SECRET", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_spool.Files);
    }

    [Fact]
    public async Task UrlSource_TemporaryFileIsRemoved_AfterCancellationDuringTheUpload()
    {
        using var origin = LoopbackWireMock.Start();
        origin.Given(Request.Create().WithPath("/v.mp4").UsingGet()).RespondWith(Response.Create().WithHeader("Content-Type", "video/mp4").WithBody(new byte[50_000]));
        await using var host = new LoopbackHttpServer(async (_, _, ct) => await Task.Delay(Timeout.Infinite, ct));
        var api = new FakeMediaClient(_clock) { UploadUrl = host.BaseUri };
        using var cts = new CancellationTokenSource();

        var start = CreateUploader(api).StartUploadAsync(VideoSource.FromUrl(LoopbackWireMock.Url(origin, "/v.mp4")), cancellationToken: cts.Token);
        await host.FirstRequestHeaders.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Single(_spool.Files);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => start.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Empty(_spool.Files);
    }

    [Fact]
    public async Task NonSeekableStream_IsSpooled_Uploaded_AndTheSpoolRemoved()
    {
        await using var host = new LoopbackHttpServer();
        var api = new FakeMediaClient(_clock) { UploadUrl = host.BaseUri };
        var bytes = TestBytes.Create(400_000);

        await CreateUploader(api).StartUploadAsync(VideoSource.FromStream(new NonSeekableStream(new MemoryStream(bytes)), "video/mp4"));

        var request = Assert.Single(host.Requests);
        Assert.False(request.WasChunked);
        var parts = MultipartBody.Parse(request.Body, MultipartBody.BoundaryOf(request.Header("content-type")!));
        Assert.Equal(bytes, parts[^1].Data);
        Assert.Empty(_spool.Files);
    }

    [Fact]
    public async Task RegistrationWithoutUploadUrl_IsRefusedBeforeUploading()
    {
        var api = new FakeMediaClient(_clock) { UploadUrl = new Uri("/relative", UriKind.Relative) };

        await Assert.ThrowsAsync<PinterestVideoUploadException>(() =>
            CreateUploader(api).StartUploadAsync(VideoSource.FromFile(_files.WriteFile("a.mp4", new byte[10]))));
    }

    [Fact]
    public async Task An_uploader_built_from_only_a_client_downloads_url_sources_through_the_guarded_client()
    {
        // No download client given: FromUrl must not fail for want of one, nor go out unguarded. The URL is the user's,
        // so a loopback one is refused before any connection, before anything is registered.
        await using var listener = ConnectionCountingListener.Start(IPAddress.Loopback);
        using var apiClient = new HttpClient();
        var client = new PinterestClient(apiClient, "pina_token", new PinterestClientOptions { ApiBaseAddress = new Uri("http://127.0.0.1:9/") });
        var uploader = new PinterestVideoUploader(client, uploadClient: null);

        var ex = await Assert.ThrowsAsync<PinterestVideoUploadException>(() =>
            uploader.StartUploadAsync(VideoSource.FromUrl(new Uri($"http://127.0.0.1:{listener.Port}/v.mp4"))));

        Assert.Contains("loopback, private, link-local or reserved", ex.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, listener.Accepted);
    }

    [Fact]
    public async Task An_uploader_built_from_a_test_double_client_registers_and_polls_through_its_media_client()
    {
        await using var host = new LoopbackHttpServer();
        var media = new FakeMediaClient(_clock) { UploadUrl = new Uri(host.BaseUri, "bucket") }.Then(MediaUploadStatus.Processing).Then(MediaUploadStatus.Succeeded);
        var uploader = new PinterestVideoUploader(new MediaOnlyClient(media), _uploadClient, timeProvider: _clock);

        var operation = await uploader.StartUploadAsync(VideoSource.FromFile(_files.WriteFile("a.mp4", TestBytes.Create(1000))));
        _clock.DiscardPendingTimers();
        var details = await _clock.DriveAsync(operation.WaitForCompletionAsync());

        Assert.Equal(1, media.RegisterCalls);
        Assert.Single(host.Requests);
        Assert.Equal(MediaUploadStatus.Succeeded, details.Status);
        Assert.Equal(2, media.PollTimes.Count);
    }

    [Fact]
    public void UploadClientWithABearer_IsRefused()
    {
        using var client = new HttpClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "pina_x");

        Assert.Throws<ArgumentException>(() => new PinterestVideoUploader(new FakeMediaClient(_clock), client));
    }

    private sealed class MediaOnlyClient(MediaClient media) : PinterestClient
    {
        public override MediaClient Media => media;
    }
}
