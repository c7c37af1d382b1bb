using System.Net;
using Pinterest.Publishing.Api.Models;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Pinterest.Publishing.Tests.Api;

public sealed class MediaClientTests : IDisposable
{
    private readonly ApiTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    [Fact]
    public async Task RegisterVideoUpload_posts_media_type_video_with_bearer_and_maps_the_answer()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/media").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody("""
                {"media_id":"12345","media_type":"video","upload_url":"https://pinterest-media-upload.s3-accelerate.amazonaws.com/",
                 "upload_parameters":{"x-amz-date":"20220127T185143Z","key":"uploads/11/aa","policy":"eyJ","x-amz-signature":"fcd6"},
                 "some_new_field":{"nested":true}}
                """));

        var registration = await _ctx.Client().Media.RegisterVideoUploadAsync();

        Assert.Equal("12345", registration.MediaId);
        Assert.Equal("video", registration.MediaType);
        Assert.Equal(new Uri("https://pinterest-media-upload.s3-accelerate.amazonaws.com/"), registration.UploadUrl);
        Assert.Equal(["x-amz-date", "key", "policy", "x-amz-signature"], registration.UploadParameters!.Keys);
        Assert.Equal("fcd6", registration.UploadParameters["x-amz-signature"]);
        Assert.DoesNotContain("fcd6", registration.ToString(), StringComparison.Ordinal);

        var request = _ctx.SingleRequest();
        Assert.Equal("POST", request.RequestMessage.Method);
        Assert.Equal("/v5/media", request.RequestMessage.Path);
        Assert.Equal("Bearer test-access-token", ApiTestContext.Header(request, "Authorization"));
        Assert.StartsWith("application/json", ApiTestContext.Header(request, "Content-Type"), StringComparison.Ordinal);
        var body = ApiTestContext.BodyJson(request);
        Assert.Equal("video", body.GetProperty("media_type").GetString());
        Assert.Single(body.EnumerateObject());
    }

    [Fact]
    public async Task RegisterVideoUpload_is_not_retried_on_5xx()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/media").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(503).WithBody("""{"code":0,"message":"Service unavailable"}"""));

        var error = await Assert.ThrowsAsync<PinterestApiException>(() => _ctx.WithoutRetryAsync(_ctx.Client().Media.RegisterVideoUploadAsync()));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.Single(_ctx.Requests);
        Assert.False(_ctx.Time.HasPendingTimer);
    }

    [Theory]
    [InlineData("registered")]
    [InlineData("processing")]
    [InlineData("succeeded")]
    [InlineData("failed")]
    [InlineData("some_future_status")]
    public async Task Get_reads_every_status_including_unknown_ones(string status)
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/media/98765").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody($$"""{"media_id":"98765","media_type":"video","status":"{{status}}"}"""));

        var details = await _ctx.Client().Media.GetAsync("98765");

        Assert.Equal("98765", details.MediaId);
        Assert.Equal(new MediaUploadStatus(status), details.Status);
        Assert.Equal(status, details.Status.Value);
        var request = _ctx.SingleRequest();
        Assert.Equal("GET", request.RequestMessage.Method);
        Assert.Equal("Bearer test-access-token", ApiTestContext.Header(request, "Authorization"));
    }

    [Fact]
    public async Task Get_maps_known_statuses_to_the_static_values()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/media/1").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"media_id":"1","media_type":"video","status":"succeeded"}"""));

        var details = await _ctx.Client().Media.GetAsync("1");

        Assert.Equal(MediaUploadStatus.Succeeded, details.Status);
        Assert.NotEqual(MediaUploadStatus.Failed, details.Status);
    }

    [Fact]
    public async Task Get_retries_a_503_then_succeeds()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/media/7").UsingGet()).InScenario("flaky").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(503));
        _ctx.Server.Given(Request.Create().WithPath("/v5/media/7").UsingGet()).InScenario("flaky").WhenStateIs("ok")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"media_id":"7","status":"processing"}"""));

        var details = await _ctx.RunWithRetriesAsync(_ctx.Client().Media.GetAsync("7"));

        Assert.Equal(MediaUploadStatus.Processing, details.Status);
        Assert.Equal(2, _ctx.Requests.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public async Task Get_rejects_an_empty_media_id(string mediaId)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _ctx.Client().Media.GetAsync(mediaId));
        Assert.Equal("mediaId", error.ParamName);
        Assert.Empty(_ctx.Requests);
    }
}
