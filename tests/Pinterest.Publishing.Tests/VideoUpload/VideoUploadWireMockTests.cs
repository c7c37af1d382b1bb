using System.Text.Json;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Api.Models;
using Pinterest.Publishing.Internal.PublishPath;
using Pinterest.Publishing.VideoUpload;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Pinterest.Publishing.Tests.VideoUpload;

/// <summary>The whole pipeline through the real <see cref="PinterestClient"/>: API and upload host both on one WireMock server.</summary>
public sealed class VideoUploadWireMockTests : IDisposable
{
    private const string MediaId = "895675442034933911";
    private const string AccessToken = "pina_TEST_ACCESS_TOKEN";

    private readonly WireMockServer _server = LoopbackWireMock.Start();
    private readonly ObservableTimeProvider _clock = new();
    private readonly HttpClient _apiHttp = new();
    private readonly HttpClient _uploadHttp = new();
    private readonly TempDirectory _files = new();
    private readonly PinterestClient _client;

    public VideoUploadWireMockTests()
    {
        _client = new PinterestClient(_apiHttp, AccessToken, new PinterestClientOptions
        {
            ApiBaseAddress = LoopbackWireMock.Url(_server, "/"),
            TimeProvider = _clock,
        });
    }

    public void Dispose()
    {
        _server.Stop();
        _server.Dispose();
        _apiHttp.Dispose();
        _uploadHttp.Dispose();
        _files.Dispose();
    }

    private PinterestVideoUploader Uploader() => new(_client, _uploadHttp, new VideoUploadOptions(), _clock);

    private void GivenRegistration(int uploadStatus = 204)
    {
        var uploadUrl = LoopbackWireMock.Url(_server, "/s3-upload");
        _server.Given(Request.Create().WithPath("/v5/media").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody($$$"""
                {"media_id":"{{{MediaId}}}","media_type":"video","upload_url":"{{{uploadUrl}}}",
                 "upload_parameters":{"x-amz-date":"20260101T000000Z","x-amz-signature":"SIGNED-VALUE-1","key":"uploads/1/v",
                   "policy":"SIGNED-POLICY","x-amz-credential":"AKIA/x","x-amz-algorithm":"AWS4-HMAC-SHA256","Content-Type":"multipart/form-data"}}
                """));
        _server.Given(Request.Create().WithPath("/s3-upload").UsingPost()).RespondWith(uploadStatus == 204
            ? Response.Create().WithStatusCode(204)
            : Response.Create().WithStatusCode(uploadStatus).WithHeader("Content-Type", "application/xml")
                .WithBody("<Error><Code>AccessDenied</Code><Message>Invalid according to Policy</Message><Policy>SIGNED-POLICY</Policy></Error>"));
    }

    private void GivenStatuses(params object[] answers)
    {
        // Each poll moves the scenario one step; the last answer repeats.
        for (var i = 0; i < answers.Length; i++)
        {
            var step = Request.Create().WithPath($"/v5/media/{MediaId}").UsingGet();
            var mapping = answers.Length == 1
                ? _server.Given(step)
                : i == 0
                ? _server.Given(step).InScenario("media")
                : _server.Given(step).InScenario("media").WhenStateIs($"s{i}");
            if (i < answers.Length - 1)
            {
                mapping = mapping.WillSetStateTo($"s{i + 1}");
            }

            var response = answers[i] switch
            {
                int status => Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json")
                    .WithBody("""{"code":0,"message":"Service unavailable"}"""),
                string status => Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                    .WithBody($$"""{"media_id":"{{MediaId}}","media_type":"video","status":"{{status}}"}"""),
                _ => throw new ArgumentException("int status code or string media status"),
            };
            mapping.RespondWith(response);
        }
    }

    private IEnumerable<ILogEntry> RequestsTo(string path, string method) =>
        _server.LogEntries.Where(e => e.RequestMessage.Path == path && e.RequestMessage.Method == method);

    private static string? Header(ILogEntry entry, string name) =>
        entry.RequestMessage.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();

    [Fact]
    public async Task Upload_Poll_Create_EndToEnd()
    {
        GivenRegistration();
        GivenStatuses("registered", "processing", "processing", "succeeded");
        _server.Given(Request.Create().WithPath("/v5/pins").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json")
                .WithBody("""{"id":"813744226420795884","board_id":"549755885175","media":{"media_type":"video"}}"""));
        var bytes = TestBytes.Create(300_000);
        var path = _files.WriteFile("v.mp4", bytes);

        var operation = await Uploader().StartUploadAsync(VideoSource.FromFile(path));
        _clock.DiscardPendingTimers();
        var details = await _clock.DriveAsync(operation.WaitForCompletionAsync());
        var publish = new PublishPinRequest { AccountId = "a", Title = "T", Media = PinMedia.Video(VideoSource.FromFile(path)) };
        var pin = await _client.Pins.CreateAsync(CreatePinRequestFactory.Create(publish, "549755885175", operation.MediaId));

        Assert.Equal(MediaUploadStatus.Succeeded, details.Status);
        Assert.Equal("813744226420795884", pin.Id);

        var register = Assert.Single(RequestsTo("/v5/media", "POST"));
        Assert.Equal("Bearer " + AccessToken, Header(register, "Authorization"));

        var upload = Assert.Single(RequestsTo("/s3-upload", "POST"));
        Assert.Null(Header(upload, "Authorization"));
        Assert.NotNull(Header(upload, "Content-Length"));
        Assert.Null(Header(upload, "Transfer-Encoding"));
        var body = upload.RequestMessage.BodyAsBytes!;
        Assert.Equal(body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), Header(upload, "Content-Length"));
        var parts = MultipartBody.Parse(body, MultipartBody.BoundaryOf(Header(upload, "Content-Type")!));
        Assert.Equal(["x-amz-date", "x-amz-signature", "key", "policy", "x-amz-credential", "x-amz-algorithm", "Content-Type", "file"], parts.Select(p => p.Name));
        Assert.Equal(bytes, parts[^1].Data);

        var polls = RequestsTo($"/v5/media/{MediaId}", "GET").ToList();
        Assert.Equal(4, polls.Count);
        Assert.All(polls, p => Assert.Equal("Bearer " + AccessToken, Header(p, "Authorization")));

        var create = Assert.Single(RequestsTo("/v5/pins", "POST"));
        using var json = JsonDocument.Parse(create.RequestMessage.Body!);
        var source = json.RootElement.GetProperty("media_source");
        Assert.Equal("video_id", source.GetProperty("source_type").GetString());
        Assert.Equal(MediaId, source.GetProperty("media_id").GetString());
        Assert.Equal(0, source.GetProperty("cover_image_key_frame_time").GetInt32());
        Assert.False(source.TryGetProperty("cover_image_url", out _));
        Assert.Equal("549755885175", json.RootElement.GetProperty("board_id").GetString());
        Assert.Equal("T", json.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task FailedProcessing_IsTranscodeFailed()
    {
        GivenRegistration();
        GivenStatuses("processing", "failed");

        var operation = await Uploader().StartUploadAsync(VideoSource.FromFile(_files.WriteFile("v.mp4", new byte[1000])));
        _clock.DiscardPendingTimers();
        var ex = await Assert.ThrowsAsync<PinterestMediaProcessingException>(() => _clock.DriveAsync(operation.WaitForCompletionAsync()));

        Assert.Equal(PinterestMediaProcessingException.TranscodeFailedCode, ex.Code);
        Assert.Equal(MediaId, ex.MediaId);
    }

    [Fact]
    public async Task NeverFinishing_IsTranscodeTimeout()
    {
        GivenRegistration();
        GivenStatuses("processing");

        var operation = await Uploader().StartUploadAsync(VideoSource.FromFile(_files.WriteFile("v.mp4", new byte[1000])));
        _clock.DiscardPendingTimers();
        var ex = await Assert.ThrowsAsync<PinterestMediaProcessingException>(() => _clock.DriveAsync(operation.WaitForCompletionAsync()));

        Assert.Equal(PinterestMediaProcessingException.TranscodeTimeoutCode, ex.Code);
        Assert.Equal(TimeSpan.FromMinutes(10), _clock.Elapsed);
        var polls = RequestsTo($"/v5/media/{MediaId}", "GET").ToList();
        Assert.Equal(64, polls.Count); // 0, 1, 3, 7, 15, 25 s, every 10 s to 595 s, and a last one at 600 s
        Assert.All(polls, p => Assert.Equal(200, (int)p.ResponseMessage.StatusCode!));
    }

    [Fact]
    public async Task TransientServerErrorsWhilePolling_AreTolerated()
    {
        GivenRegistration();
        GivenStatuses("processing", 503, 503, 503, 503, 503, 503, 503, 503, "succeeded");

        var operation = await Uploader().StartUploadAsync(VideoSource.FromFile(_files.WriteFile("v.mp4", new byte[1000])));
        _clock.DiscardPendingTimers();
        var details = await _clock.DriveAsync(operation.WaitForCompletionAsync());

        Assert.Equal(MediaUploadStatus.Succeeded, details.Status);
        Assert.Equal(10, RequestsTo($"/v5/media/{MediaId}", "GET").Count());
    }

    [Fact]
    public async Task Resume_OnlyPolls()
    {
        GivenRegistration();
        GivenStatuses("processing", "succeeded");

        var details = await _clock.DriveAsync(Uploader().Resume(MediaId).WaitForCompletionAsync());

        Assert.Equal(MediaUploadStatus.Succeeded, details.Status);
        Assert.Empty(RequestsTo("/v5/media", "POST"));
        Assert.Empty(RequestsTo("/s3-upload", "POST"));
        Assert.Equal(2, RequestsTo($"/v5/media/{MediaId}", "GET").Count());
    }

    [Fact]
    public async Task UploadHost403_IsTypedFailure_WithoutSignedValues()
    {
        GivenRegistration(uploadStatus: 403);

        var ex = await Assert.ThrowsAsync<PinterestVideoUploadException>(() =>
            Uploader().StartUploadAsync(VideoSource.FromFile(_files.WriteFile("v.mp4", new byte[1000]))));

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, ex.StatusCode);
        Assert.Equal(MediaId, ex.MediaId);
        Assert.Contains("403", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AccessDenied", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SIGNED", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(AccessToken, ex.Message, StringComparison.Ordinal);
    }
}
