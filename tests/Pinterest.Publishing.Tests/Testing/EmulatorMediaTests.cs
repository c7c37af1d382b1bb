using System.Net;
using System.Net.Http.Headers;
using Pinterest.Publishing.Testing;
using static Pinterest.Publishing.Tests.TestSupport.EmulatorHarness;

namespace Pinterest.Publishing.Tests.Testing;

public sealed class EmulatorMediaTests
{
    private static readonly string[] ExpectedParameters = ["key", "policy", "x-amz-signature", "x-amz-credential", "x-amz-date", "x-amz-algorithm", "x-amz-security-token", "Content-Type"];

    private static async Task<string> StatusAsync(EmulatorHarness h, string mediaId)
    {
        var response = await h.Client.GetAsync($"v5/media/{mediaId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Equal(mediaId, body.GetProperty("media_id").GetString());
        Assert.Equal("video", body.GetProperty("media_type").GetString());
        return body.GetProperty("status").GetString()!;
    }

    [Fact]
    public async Task RegisterReturnsAnUploadUrlOnTheEmulatorAndS3LikeParameters()
    {
        using var h = new EmulatorHarness();
        var (mediaId, uploadUrl, parameters) = await h.RegisterVideoAsync();

        Assert.Matches("^\\d+$", mediaId);
        Assert.Equal("pinterest.emulator", uploadUrl.Host);
        Assert.Contains(mediaId, uploadUrl.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(ExpectedParameters.Order(), parameters.Keys.Order());
        Assert.All(parameters.Values, v => Assert.False(string.IsNullOrEmpty(v)));
        Assert.Equal(parameters, h.Emulator.GetMedia(mediaId)!.UploadParameters);

        var (_, _, others) = await h.RegisterVideoAsync();
        Assert.NotEqual(parameters["x-amz-signature"], others["x-amz-signature"]);
        Assert.NotEqual(parameters["policy"], others["policy"]);
    }

    [Theory]
    [InlineData("""{"media_type":"image"}""")]
    [InlineData("{}")]
    public async Task RegisterRejectsNonVideo(string json)
    {
        using var h = new EmulatorHarness();
        await AssertErrorAsync(await h.PostJsonAsync("v5/media", json), HttpStatusCode.BadRequest, 1);
    }

    [Fact]
    public async Task StatusMovesRegisteredProcessingSucceededOnlyWhenTheClockAdvances()
    {
        using var h = new EmulatorHarness(o => o.VideoProcessingTime = TimeSpan.FromSeconds(30));
        var (mediaId, uploadUrl, parameters) = await h.RegisterVideoAsync();
        Assert.Equal("registered", await StatusAsync(h, mediaId));

        using var uploader = h.Emulator.CreateHttpClient();
        var upload = await uploader.PostAsync(uploadUrl, UploadForm(parameters, new ByteArrayContent(new byte[100_000])));
        Assert.Equal(HttpStatusCode.NoContent, upload.StatusCode);

        Assert.Equal("processing", await StatusAsync(h, mediaId));
        Assert.Equal("processing", await StatusAsync(h, mediaId));
        h.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal("processing", await StatusAsync(h, mediaId));
        h.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("succeeded", await StatusAsync(h, mediaId));

        var media = h.Emulator.GetMedia(mediaId)!;
        Assert.Equal(EmulatedMediaStatus.Succeeded, media.Status);
        Assert.Equal(100_000, media.UploadedBytes);
    }

    [Fact]
    public async Task FailMediaProcessingEndsInFailed()
    {
        using var h = new EmulatorHarness();
        var (mediaId, uploadUrl, parameters) = await h.RegisterVideoAsync();
        h.Emulator.FailMediaProcessing(mediaId);
        using var uploader = h.Emulator.CreateHttpClient();
        await uploader.PostAsync(uploadUrl, UploadForm(parameters, new ByteArrayContent(new byte[10])));

        Assert.Equal("processing", await StatusAsync(h, mediaId));
        h.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("failed", await StatusAsync(h, mediaId));

        var board = h.Emulator.AddBoard(h.Account, "Board");
        await AssertErrorAsync(
            await h.PostJsonAsync("v5/pins", $$$"""{"board_id":"{{{board.Id}}}","media_source":{"source_type":"video_id","media_id":"{{{mediaId}}}","cover_image_key_frame_time":0}}"""),
            HttpStatusCode.BadRequest,
            1);
    }

    [Fact]
    public async Task FailAllMediaProcessingAppliesToLaterUploads()
    {
        using var h = new EmulatorHarness();
        h.Emulator.FailAllMediaProcessing = true;
        var (mediaId, uploadUrl, parameters) = await h.RegisterVideoAsync();
        using var uploader = h.Emulator.CreateHttpClient();
        await uploader.PostAsync(uploadUrl, UploadForm(parameters, new ByteArrayContent(new byte[10])));
        h.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("failed", await StatusAsync(h, mediaId));
    }

    [Fact]
    public async Task UnknownMediaIs404AndOtherAccountsMediaIsHidden()
    {
        using var h = new EmulatorHarness();
        var (mediaId, _, _) = await h.RegisterVideoAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await h.Client.GetAsync("v5/media/123")).StatusCode);
        await AssertErrorAsync(await h.Client.GetAsync("v5/media/abc"), HttpStatusCode.BadRequest, 1);

        var other = h.Emulator.IssueTokens(h.Emulator.AddAccount());
        var request = new HttpRequestMessage(HttpMethod.Get, $"v5/media/{mediaId}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", other.AccessToken);
        Assert.Equal(HttpStatusCode.NotFound, (await h.Anonymous.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task UploadRecordsSizeOrderAndNoBearer()
    {
        using var h = new EmulatorHarness();
        var (mediaId, uploadUrl, parameters) = await h.RegisterVideoAsync();
        var file = new ByteArrayContent(new byte[123_457]);
        file.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");

        using var uploader = h.Emulator.CreateHttpClient();
        var response = await uploader.PostAsync(uploadUrl, UploadForm(parameters, file));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var upload = Assert.Single(h.Emulator.Uploads);
        Assert.Equal(mediaId, upload.MediaId);
        Assert.Equal(204, upload.StatusCode);
        Assert.Equal(123_457, upload.FileLength);
        Assert.Equal("video/mp4", upload.FileContentType);
        Assert.Equal("video.mp4", upload.FileName);
        Assert.Equal([.. parameters.Keys, "file"], upload.PartNames);
        Assert.False(upload.CarriedAuthorization);
        Assert.False(upload.CarriedPinterestBearerToken);
        Assert.NotNull(upload.ContentLength);
    }

    [Fact]
    public async Task UploadThatCarriesTheBearerTokenIsRecorded()
    {
        using var h = new EmulatorHarness();
        var (_, uploadUrl, parameters) = await h.RegisterVideoAsync();

        var response = await h.Client.PostAsync(uploadUrl, UploadForm(parameters, new ByteArrayContent(new byte[10])));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var upload = Assert.Single(h.Emulator.Uploads);
        Assert.True(upload.CarriedAuthorization);
        Assert.True(upload.CarriedPinterestBearerToken);
    }

    [Fact]
    public async Task ChunkedUploadIs411()
    {
        using var h = new EmulatorHarness();
        var (mediaId, uploadUrl, parameters) = await h.RegisterVideoAsync();
        using var uploader = h.Emulator.CreateHttpClient();
        var request = new HttpRequestMessage(HttpMethod.Post, uploadUrl) { Content = UploadForm(parameters, new StreamContent(new NonSeekableStream(new byte[1000]))) };

        var response = await uploader.SendAsync(request);

        Assert.Equal(HttpStatusCode.LengthRequired, response.StatusCode);
        Assert.Equal(411, Assert.Single(h.Emulator.Uploads).StatusCode);
        Assert.Equal("registered", await StatusAsync(h, mediaId));
    }

    [Fact]
    public async Task ExplicitTransferEncodingChunkedIs411()
    {
        using var h = new EmulatorHarness();
        var (_, uploadUrl, parameters) = await h.RegisterVideoAsync();
        using var uploader = h.Emulator.CreateHttpClient();
        var request = new HttpRequestMessage(HttpMethod.Post, uploadUrl) { Content = UploadForm(parameters, new ByteArrayContent(new byte[10])) };
        request.Headers.TransferEncodingChunked = true;
        Assert.Equal(HttpStatusCode.LengthRequired, (await uploader.SendAsync(request)).StatusCode);
    }

    public static TheoryData<string> BadForms() => ["missing", "wrong", "extra", "file-first", "field-after-file"];

    [Theory]
    [MemberData(nameof(BadForms))]
    public async Task UploadWithBadFieldsOrFileNotLastIs403(string defect)
    {
        using var h = new EmulatorHarness();
        var (mediaId, uploadUrl, parameters) = await h.RegisterVideoAsync();
        var fields = parameters.ToList();
        var fileFirst = false;
        switch (defect)
        {
            case "missing":
                fields.RemoveAll(f => f.Key == "x-amz-signature");
                break;
            case "wrong":
                fields[fields.FindIndex(f => f.Key == "policy")] = new("policy", "forged");
                break;
            case "extra":
                fields.Add(new("acl", "public-read"));
                break;
            case "file-first":
                fileFirst = true;
                break;
        }

        MultipartFormDataContent form;
        if (defect == "field-after-file")
        {
            form = UploadForm(fields.Take(fields.Count - 1), new ByteArrayContent(new byte[10]));
            form.Add(new StringContent(fields[^1].Value), fields[^1].Key);
        }
        else
        {
            form = UploadForm(fields, new ByteArrayContent(new byte[10]), fileFirst);
        }

        using var uploader = h.Emulator.CreateHttpClient();
        var response = await uploader.PostAsync(uploadUrl, form);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("AccessDenied", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var upload = Assert.Single(h.Emulator.Uploads);
        Assert.Equal(403, upload.StatusCode);
        Assert.NotNull(upload.RejectionReason);
        Assert.Equal("registered", await StatusAsync(h, mediaId));
    }

    [Fact]
    public async Task UploadWithoutFileIs400AndUnknownMediaIs404()
    {
        using var h = new EmulatorHarness();
        var (_, uploadUrl, parameters) = await h.RegisterVideoAsync();
        using var uploader = h.Emulator.CreateHttpClient();
        var form = new MultipartFormDataContent();
        foreach (var p in parameters)
        {
            form.Add(new StringContent(p.Value), p.Key);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await uploader.PostAsync(uploadUrl, form)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await uploader.PostAsync(new Uri(uploadUrl, "999"), UploadForm(parameters, new ByteArrayContent([1])))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await uploader.PostAsync(uploadUrl, new ByteArrayContent([1, 2, 3]))).StatusCode);
    }

    [Fact]
    public async Task MultipartParserHandlesBoundaryLikeBytesInsideTheFile()
    {
        using var h = new EmulatorHarness();
        var (mediaId, uploadUrl, parameters) = await h.RegisterVideoAsync();
        var form = UploadForm(parameters, new ByteArrayContent([]));
        var boundary = form.Headers.ContentType!.Parameters.Single(p => p.Name == "boundary").Value!.Trim('"');

        // The file contains CRLF, dashes and the boundary text without the leading CRLF--, split across buffers.
        var payload = new byte[700_000];
        new Random(7).NextBytes(payload);
        var tricky = System.Text.Encoding.ASCII.GetBytes("\r\n-" + boundary + "--\r\n\r\n--" + boundary[..^1] + "#\r\n");
        for (var offset = 1000; offset + tricky.Length < payload.Length; offset += 65_531)
        {
            tricky.CopyTo(payload, offset);
        }

        var form2 = new MultipartFormDataContent(boundary);
        foreach (var p in parameters)
        {
            form2.Add(new StringContent(p.Value), p.Key);
        }

        form2.Add(new ByteArrayContent(payload), "file", "v.mp4");
        using var uploader = h.Emulator.CreateHttpClient();
        var response = await uploader.PostAsync(uploadUrl, form2);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(payload.Length, h.Emulator.GetMedia(mediaId)!.UploadedBytes);
    }

    [Fact]
    public async Task EchoFaultOnTheUploadEndpointRepeatsTheUploadFields()
    {
        using var h = new EmulatorHarness();
        var (mediaId, uploadUrl, parameters) = await h.RegisterVideoAsync();
        h.Emulator.InjectFault("POST /emulator-upload/{media_id}", EmulatorFault.EchoRequest(HttpStatusCode.Forbidden, plainText: true));

        var response = await h.Anonymous.PostAsync(uploadUrl, UploadForm(parameters, new ByteArrayContent(new byte[64 * 1024])));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains(parameters["x-amz-signature"], text, StringComparison.Ordinal);
        Assert.Contains(parameters["policy"], text, StringComparison.Ordinal);
        Assert.Null(h.Emulator.GetMedia(mediaId)!.UploadedAt);
    }

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
