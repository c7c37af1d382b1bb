using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Pinterest.Publishing.VideoUpload.Internal;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Pinterest.Publishing.Tests.VideoUpload.Internal;

public sealed class MultipartVideoUploaderTests
{
    private static readonly KeyValuePair<string, string>[] SignedFields =
    [
        new("key", "uploads/v.mp4"),
        new("x-amz-credential", "AKIAEXAMPLE/20260101/us-east-1/s3/aws4_request"),
        new("policy", "SECRET-POLICY-BASE64"),
        new("x-amz-signature", "SECRET-SIGNATURE-VALUE"),
    ];

    private static MultipartVideoUploader CreateUploader(HttpClient client, TimeProvider? clock = null, VideoUploadOptions? options = null) =>
        new(client, options ?? new VideoUploadOptions(), clock ?? TimeProvider.System, NullLogger.Instance);

    [Fact]
    public async Task Upload_SendsFieldsInOrderThenFile_WithContentLengthAndNoAuthorization()
    {
        await using var server = new LoopbackHttpServer();
        using var client = new HttpClient();
        var video = TestBytes.Create(2_500_000);
        await using var opened = new OpenedVideo(new MemoryStream(video), video.Length, "video/mp4", ownsStream: true);
        var progress = new RecordingProgress();

        await CreateUploader(client).UploadAsync("1", new Uri(server.BaseUri, "upload?X-Amz-Signature=q"), SignedFields, opened, progress);

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.False(request.WasChunked);
        Assert.Null(request.Header("transfer-encoding"));
        Assert.Equal(request.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), request.Header("content-length"));
        Assert.Null(request.Header("authorization"));
        var parts = MultipartBody.Parse(request.Body, MultipartBody.BoundaryOf(request.Header("content-type")!));
        Assert.Equal(SignedFields.Select(f => f.Key).Append("file"), parts.Select(p => p.Name));
        Assert.Equal(SignedFields.Select(f => f.Value), parts.Take(SignedFields.Length).Select(p => p.Text));
        Assert.Equal(video, parts[^1].Data);
        Assert.Equal("video/mp4", parts[^1].ContentType);
        Assert.Equal(video.Length, progress.Values[^1]);
    }

    [Fact]
    public async Task Upload_ToWireMock_Is204_AndCarriesNoBearer()
    {
        using var server = LoopbackWireMock.Start();
        server.Given(Request.Create().WithPath("/bucket").UsingPost()).RespondWith(Response.Create().WithStatusCode(204));
        using var client = new HttpClient();
        var video = TestBytes.Create(50_000);
        await using var opened = new OpenedVideo(new MemoryStream(video), video.Length, "video/mp4", ownsStream: true);

        await CreateUploader(client).UploadAsync("1", LoopbackWireMock.Url(server, "/bucket"), SignedFields, opened, progress: null);

        var entry = Assert.Single(server.LogEntries);
        var headers = entry.RequestMessage.Headers!;
        Assert.False(headers.ContainsKey("Authorization"));
        Assert.True(headers.ContainsKey("Content-Length"));
        Assert.False(headers.ContainsKey("Transfer-Encoding"));
        var bodyLength = long.Parse(headers["Content-Length"].Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(bodyLength > video.Length);
        Assert.Equal(204, (int)entry.ResponseMessage.StatusCode!);
    }

    [Theory]
    [InlineData(403)]
    [InlineData(400)]
    [InlineData(500)]
    public async Task ErrorFromUploadHost_IsTypedFailure_WithStatusAndHost_ButNoSignedValues(int status)
    {
        using var server = LoopbackWireMock.Start();
        // S3 echoes the policy and the signature in some error bodies; none of it may reach the message.
        var s3Body = "<?xml version=\"1.0\"?><Error><Code>SignatureDoesNotMatch</Code><Message>x</Message>"
            + "<SignatureProvided>SECRET-SIGNATURE-VALUE</SignatureProvided><StringToSign>SECRET-POLICY-BASE64</StringToSign></Error>";
        server.Given(Request.Create().WithPath("/bucket").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/xml").WithBody(s3Body));
        using var client = new HttpClient();
        await using var opened = new OpenedVideo(new MemoryStream(new byte[1000]), 1000, "video/mp4", ownsStream: true);

        var ex = await Assert.ThrowsAsync<PinterestVideoUploadException>(() =>
            CreateUploader(client).UploadAsync("42", LoopbackWireMock.Url(server, "/bucket?X-Amz-Signature=QUERYSECRET"), SignedFields, opened, progress: null));

        Assert.Equal((HttpStatusCode)status, ex.StatusCode);
        Assert.Equal("42", ex.MediaId);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("SignatureDoesNotMatch", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("QUERYSECRET", ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("AKIAEXAMPLE", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_TimesOutOnTheTimeProvider_ScaledToTheSize()
    {
        var headersSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new LoopbackHttpServer(async (_, _, ct) =>
        {
            headersSeen.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct); // never answers
        });
        using var client = new HttpClient();
        var clock = new ObservableTimeProvider();
        var options = new VideoUploadOptions { MinUploadTimeout = TimeSpan.FromSeconds(30), MinUploadBytesPerSecond = 1000 };
        await using var opened = new OpenedVideo(new MemoryStream(new byte[10_000]), 10_000, "video/mp4", ownsStream: true);

        var upload = CreateUploader(client, clock, options).UploadAsync("7", server.BaseUri, SignedFields, opened, progress: null);
        var timeout = await clock.NextTimerAsync();
        Assert.Equal(TimeSpan.FromSeconds(40), timeout); // 30 s floor + 10,000 bytes at 1,000 B/s
        Assert.Equal(TimeSpan.FromSeconds(40), MultipartVideoUploader.ComputeTimeout(10_000, options));
        await headersSeen.Task.WaitAsync(TimeSpan.FromSeconds(30));
        clock.Advance(TimeSpan.FromSeconds(39));
        Assert.False(upload.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));

        var ex = await Assert.ThrowsAsync<PinterestVideoUploadException>(() => upload.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Null(ex.StatusCode);
        Assert.Contains("40 s", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallerCancellation_IsACancellation_NotAnUploadFailure()
    {
        await using var server = new LoopbackHttpServer(async (_, _, ct) => await Task.Delay(Timeout.Infinite, ct));
        using var client = new HttpClient();
        using var cts = new CancellationTokenSource();
        await using var opened = new OpenedVideo(new MemoryStream(new byte[100]), 100, "video/mp4", ownsStream: true);

        var upload = CreateUploader(client).UploadAsync("7", server.BaseUri, SignedFields, opened, null, cts.Token);
        await server.FirstRequestHeaders.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task An_upload_parameter_named_file_is_skipped_with_a_warning_that_omits_its_value()
    {
        await using var server = new LoopbackHttpServer();
        using var client = new HttpClient();
        var logger = new Microsoft.Extensions.Logging.Testing.FakeLogger();
        var video = TestBytes.Create(5000);
        await using var opened = new OpenedVideo(new MemoryStream(video), video.Length, "video/mp4", ownsStream: true);
        KeyValuePair<string, string>[] fields = [.. SignedFields, new("File", "FILE-PARAMETER-SECRET")];

        await new MultipartVideoUploader(client, new VideoUploadOptions(), TimeProvider.System, logger)
            .UploadAsync("9", server.BaseUri, fields, opened, progress: null);

        var request = Assert.Single(server.Requests);
        var parts = MultipartBody.Parse(request.Body, MultipartBody.BoundaryOf(request.Header("content-type")!));
        Assert.Equal(SignedFields.Select(f => f.Key).Append("file"), parts.Select(p => p.Name));
        Assert.Equal(video, parts[^1].Data);
        var warning = Assert.Single(logger.Collector.GetSnapshot(), r => r.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
        Assert.Contains("File", warning.Message, StringComparison.Ordinal);
        Assert.Contains("9", warning.Message, StringComparison.Ordinal);
        Assert.All(logger.Collector.GetSnapshot(), r => Assert.DoesNotContain("FILE-PARAMETER-SECRET", r.Message, StringComparison.Ordinal));
    }
}
