using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Pinterest.Publishing.Testing;
using static Pinterest.Publishing.Tests.TestSupport.EmulatorHarness;

namespace Pinterest.Publishing.Tests.Testing;

public sealed class EmulatorServerAndConcurrencyTests
{
    [Fact]
    public async Task LoopbackServerServesTheSameRoutesAndUploads()
    {
        using var h = new EmulatorHarness();
        var address = await h.Emulator.StartServerAsync();
        Assert.Equal("127.0.0.1", address.Host);
        Assert.Equal(address, await h.Emulator.StartServerAsync());

        using var client = new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", h.Token.AccessToken);

        var me = await client.GetAsync("v5/user_account");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.True(me.Headers.Contains("x-pinterest-rid"));
        await AssertErrorAsync(await client.GetAsync("v5/boards/1"), HttpStatusCode.NotFound, 40);

        var board = await ReadJsonAsync(await client.PostAsync("v5/boards", Json("""{"name":"Over the wire"}""")));
        var (mediaId, uploadUrl, parameters) = await h.RegisterVideoAsync(client);
        Assert.Equal(address.Authority, uploadUrl.Authority);

        using var uploader = new HttpClient();
        var payload = new byte[3 * 1024 * 1024 + 17];
        var upload = await uploader.PostAsync(uploadUrl, UploadForm(parameters, new ByteArrayContent(payload)));
        Assert.Equal(HttpStatusCode.NoContent, upload.StatusCode);
        Assert.Equal(payload.Length, h.Emulator.GetMedia(mediaId)!.UploadedBytes);
        Assert.False(Assert.Single(h.Emulator.Uploads).CarriedAuthorization);

        h.Time.Advance(TimeSpan.FromSeconds(5));
        var pin = await client.PostAsync("v5/pins", Json($$$"""{"board_id":"{{{board.GetProperty("id").GetString()}}}","media_source":{"source_type":"video_id","media_id":"{{{mediaId}}}","cover_image_key_frame_time":1}}"""));
        Assert.Equal(HttpStatusCode.Created, pin.StatusCode);
        Assert.Single(h.Emulator.Pins);
    }

    [Fact]
    public async Task LoopbackServerAnswers411ToChunkedUploadsAndAbortsOnReset()
    {
        using var h = new EmulatorHarness();
        var address = await h.Emulator.StartServerAsync();
        using var client = new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", h.Token.AccessToken);
        var (_, uploadUrl, parameters) = await h.RegisterVideoAsync(client);

        var request = new HttpRequestMessage(HttpMethod.Post, uploadUrl) { Content = UploadForm(parameters, new ByteArrayContent(new byte[100])) };
        request.Headers.TransferEncodingChunked = true;
        using var uploader = new HttpClient();
        Assert.Equal(HttpStatusCode.LengthRequired, (await uploader.SendAsync(request)).StatusCode);

        // A fresh connection: SocketsHttpHandler silently retries a request whose pooled connection drops before any response.
        h.Emulator.InjectFault("GET /v5/user_account", EmulatorFault.ConnectionReset(afterProcessing: true));
        using var fresh = new HttpClient { BaseAddress = address };
        fresh.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", h.Token.AccessToken);
        await Assert.ThrowsAsync<HttpRequestException>(() => fresh.GetAsync("v5/user_account"));
        Assert.Null(h.Emulator.Requests[^1].StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("v5/user_account")).StatusCode);
    }

    [Fact]
    public async Task LargeUploadIsStreamedAndCountedOverLoopback()
    {
        using var h = new EmulatorHarness(o => o.RecordRequests = false);
        var address = await h.Emulator.StartServerAsync();
        using var client = new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", h.Token.AccessToken);
        var (mediaId, uploadUrl, parameters) = await h.RegisterVideoAsync(client);
        const long Size = 48L * 1024 * 1024 + 3;

        using var uploader = new HttpClient();
        var response = await uploader.PostAsync(uploadUrl, UploadForm(parameters, new StreamContent(new GeneratedStream(Size), 1 << 20)));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Size, h.Emulator.GetMedia(mediaId)!.UploadedBytes);
        Assert.Empty(h.Emulator.Requests);
        Assert.Single(h.Emulator.Uploads);
    }

    [Fact]
    public async Task FaultsApplyToTheUploadRoute()
    {
        using var h = new EmulatorHarness();
        var (mediaId, uploadUrl, parameters) = await h.RegisterVideoAsync();
        h.Emulator.InjectFault("POST /emulator-upload/{media_id}", EmulatorFault.Status(HttpStatusCode.ServiceUnavailable));
        using var uploader = h.Emulator.CreateHttpClient();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await uploader.PostAsync(uploadUrl, UploadForm(parameters, new ByteArrayContent(new byte[10])))).StatusCode);
        Assert.Null(h.Emulator.GetMedia(mediaId)!.UploadedAt);
        Assert.Equal(HttpStatusCode.NoContent, (await uploader.PostAsync(uploadUrl, UploadForm(parameters, new ByteArrayContent(new byte[10])))).StatusCode);
    }

    [Fact]
    public async Task HundredsOfConcurrentCreatesAreAllStoredOnce()
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Board");

        var responses = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(() =>
            h.PostJsonAsync("v5/pins", $$$"""{"board_id":"{{{board.Id}}}","title":"Pin {{{i}}}","media_source":{"source_type":"image_url","url":"https://img.example/{{{i}}}.jpg"}}"""))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var pins = h.Emulator.Pins;
        Assert.Equal(400, pins.Count);
        Assert.Equal(400, pins.Select(p => p.Id).Distinct().Count());
        Assert.Equal(400, pins.Select(p => p.Title).Distinct().Count());
        Assert.Equal(400, h.Emulator.Requests.Count);
    }

    [Fact]
    public async Task ConcurrentRefreshesOfOneTokenSucceedExactlyOnce()
    {
        using var h = new EmulatorHarness();
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("emulator-client-id:emulator-client-secret"));

        var statuses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "v5/oauth/token")
            {
                Content = new FormUrlEncodedContent([new("grant_type", "refresh_token"), new("refresh_token", h.Token.RefreshToken!)]),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
            return (await h.Anonymous.SendAsync(request)).StatusCode;
        })));

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(49, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(1, h.Emulator.TokenRefreshCount);
    }

    /// <summary>A seekable stream of known length whose bytes are generated on the fly, so the test holds no large buffer.</summary>
    private sealed class GeneratedStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position
        {
            get => _position;
            set => _position = value;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            buffer.AsSpan(offset, n).Fill((byte)(_position % 251));

            _position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => _position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => length + offset,
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
