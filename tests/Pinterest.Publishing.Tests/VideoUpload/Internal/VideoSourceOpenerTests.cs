using Microsoft.Extensions.Logging.Abstractions;
using Pinterest.Publishing.Internal.SafeHttp;
using Pinterest.Publishing.VideoUpload.Internal;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Pinterest.Publishing.Tests.VideoUpload.Internal;

public sealed class VideoSourceOpenerTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly TempDirectory _spool = new();

    public void Dispose()
    {
        _temp.Dispose();
        _spool.Dispose();
    }

    private VideoSourceOpener CreateOpener(HttpClient? downloadClient = null, VideoUploadOptions? options = null) =>
        new(downloadClient ?? ProbeHttpHandlerFactory.SharedProbeClient, options ?? new VideoUploadOptions(), TimeProvider.System, NullLogger.Instance, _spool.Path);

    private static async Task<byte[]> ReadAllAsync(OpenedVideo video)
    {
        var bytes = new byte[video.Length];
        await video.Stream.ReadExactlyAsync(bytes);
        return bytes;
    }

    [Theory]
    [InlineData("clip.mp4", "video/mp4")]
    [InlineData("clip.M4V", "video/mp4")]
    [InlineData("clip.mov", "video/quicktime")]
    [InlineData("clip.bin", "application/octet-stream")]
    public async Task File_IsOpenedInPlace_WithContentTypeFromItsExtension(string name, string contentType)
    {
        var bytes = TestBytes.Create(4096);
        var path = _temp.WriteFile(name, bytes);

        await using (var video = await CreateOpener().OpenAsync(VideoSource.FromFile(path)))
        {
            Assert.Equal(bytes.Length, video.Length);
            Assert.Equal(contentType, video.ContentType);
            Assert.Null(video.TemporaryPath);
            Assert.Equal(bytes, await ReadAllAsync(video));
        }

        Assert.True(File.Exists(path), "The caller's file must not be deleted.");
        Assert.Empty(_spool.Files);
    }

    [Fact]
    public async Task MissingFile_Throws()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() => CreateOpener().OpenAsync(VideoSource.FromFile(Path.Combine(_temp.Path, "nope.mp4"))));
    }

    [Fact]
    public async Task SeekableStream_IsUsedFromItsCurrentPosition_AndNotDisposed()
    {
        var bytes = TestBytes.Create(1000);
        var stream = new MemoryStream(bytes) { Position = 100 };

        await using (var video = await CreateOpener().OpenAsync(VideoSource.FromStream(stream, "video/quicktime")))
        {
            Assert.Same(stream, video.Stream);
            Assert.Equal(900, video.Length);
            Assert.Equal("video/quicktime", video.ContentType);
            Assert.Equal(bytes[100..], await ReadAllAsync(video));
        }

        Assert.True(stream.CanRead, "The caller owns the stream.");
        Assert.Empty(_spool.Files);
    }

    [Fact]
    public async Task NonSeekableStream_IsSpooledToATemporaryFile_DeletedOnDispose()
    {
        var bytes = TestBytes.Create(3_000_000);
        var source = new NonSeekableStream(new MemoryStream(bytes));

        var video = await CreateOpener().OpenAsync(VideoSource.FromStream(source, "video/mp4"));
        Assert.Equal(bytes.Length, video.Length);
        Assert.NotNull(video.TemporaryPath);
        Assert.StartsWith(_spool.Path, video.TemporaryPath, StringComparison.Ordinal);
        Assert.Single(_spool.Files);
        Assert.Equal(bytes, await ReadAllAsync(video));
        await video.DisposeAsync();

        Assert.Empty(_spool.Files);
        Assert.False(source.WasDisposed, "The caller owns the stream.");
    }

    [Fact]
    public async Task NonSeekableStream_OverTheCap_IsRefused_AndTheSpoolDeleted()
    {
        var source = new NonSeekableStream(new MemoryStream(new byte[3_000_000]));
        var options = new VideoUploadOptions { MaxDownloadBytes = 2_000_000 };

        await Assert.ThrowsAsync<PinterestVideoUploadException>(() => CreateOpener(options: options).OpenAsync(VideoSource.FromStream(source, "video/mp4")));

        Assert.Empty(_spool.Files);
    }

    [Fact]
    public async Task Url_IsDownloadedToATemporaryFile_WithTheResponseContentType_AndDeletedOnDispose()
    {
        using var server = LoopbackWireMock.Start();
        var bytes = TestBytes.Create(1_500_000);
        server.Given(Request.Create().WithPath("/v.bin").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "video/quicktime").WithBody(bytes));
        using var client = new HttpClient();

        var video = await CreateOpener(client).OpenAsync(VideoSource.FromUrl(LoopbackWireMock.Url(server, "/v.bin")));
        Assert.Equal(bytes.Length, video.Length);
        Assert.Equal("video/quicktime", video.ContentType);
        Assert.Single(_spool.Files);
        Assert.Equal(bytes, await ReadAllAsync(video));
        await video.DisposeAsync();

        Assert.Empty(_spool.Files);
    }

    [Fact]
    public async Task Url_WithoutVideoContentType_FallsBackToTheExtension()
    {
        using var server = LoopbackWireMock.Start();
        server.Given(Request.Create().WithPath("/v.mov").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/octet-stream").WithBody(new byte[10]));
        using var client = new HttpClient();

        await using var video = await CreateOpener(client).OpenAsync(VideoSource.FromUrl(LoopbackWireMock.Url(server, "/v.mov")));

        Assert.Equal("video/quicktime", video.ContentType);
    }

    [Fact]
    public async Task Url_ErrorStatus_IsTypedFailure_AndLeavesNoFile()
    {
        using var server = LoopbackWireMock.Start();
        server.Given(Request.Create().WithPath("/gone.mp4").UsingGet()).RespondWith(Response.Create().WithStatusCode(404));
        using var client = new HttpClient();

        var ex = await Assert.ThrowsAsync<PinterestVideoUploadException>(() =>
            CreateOpener(client).OpenAsync(VideoSource.FromUrl(LoopbackWireMock.Url(server, "/gone.mp4?sig=SECRET"))));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, ex.StatusCode);
        Assert.DoesNotContain("SECRET", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_spool.Files);
    }

    [Fact]
    public async Task Url_LargerThanTheCap_IsAborted_AndTheFileDeleted()
    {
        // Chunked, so the cap is enforced while counting the bytes, not from Content-Length.
        await using var server = new LoopbackHttpServer(async (_, stream, ct) =>
        {
            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\nTransfer-Encoding: chunked\r\n\r\n"u8.ToArray(), ct);
            var chunk = new byte[100_000];
            for (var i = 0; i < 30; i++)
            {
                await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"{chunk.Length:X}\r\n"), ct);
                await stream.WriteAsync(chunk, ct);
                await stream.WriteAsync("\r\n"u8.ToArray(), ct);
            }

            await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), ct);
        });
        using var client = new HttpClient();
        var options = new VideoUploadOptions { MaxDownloadBytes = 1_000_000 };

        var ex = await Assert.ThrowsAsync<PinterestVideoUploadException>(() =>
            CreateOpener(client, options).OpenAsync(VideoSource.FromUrl(new Uri(server.BaseUri, "big.mp4"))));

        Assert.Contains("1000000", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_spool.Files);
    }

    [Fact]
    public async Task Url_DeclaringMoreThanTheCap_IsRefusedBeforeDownloading()
    {
        using var server = LoopbackWireMock.Start();
        server.Given(Request.Create().WithPath("/big.mp4").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "video/mp4").WithBody(new byte[5000]));
        using var client = new HttpClient();

        await Assert.ThrowsAsync<PinterestVideoUploadException>(() =>
            CreateOpener(client, new VideoUploadOptions { MaxDownloadBytes = 4999 }).OpenAsync(VideoSource.FromUrl(LoopbackWireMock.Url(server, "/big.mp4"))));

        Assert.Empty(_spool.Files);
    }

    [Fact]
    public async Task Url_CancelledMidDownload_LeavesNoFile()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var partSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new LoopbackHttpServer(async (_, stream, ct) =>
        {
            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\nContent-Length: 2000000\r\n\r\n"u8.ToArray(), ct);
            await stream.WriteAsync(new byte[500_000], ct);
            await stream.FlushAsync(ct);
            partSent.TrySetResult();
            await release.Task.WaitAsync(ct);
        });
        using var client = new HttpClient();
        using var cts = new CancellationTokenSource();

        var open = CreateOpener(client).OpenAsync(VideoSource.FromUrl(new Uri(server.BaseUri, "slow.mp4")), cts.Token);
        await partSent.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => open.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Empty(_spool.Files);
        release.TrySetResult();
    }
}
