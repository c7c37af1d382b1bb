using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Internal.SafeHttp;
using Pinterest.Publishing.VideoUpload;

namespace Pinterest.Publishing.Tests.Security;

/// <summary>
/// The upload client (<see cref="PinterestHttpClientNames.Upload"/>) against a hostile <c>upload_url</c>: it comes from
/// the <c>POST /v5/media</c> answer, so a compromised or spoofed answer must not make the library post the video to
/// the host's own network, over plain http, or wherever a redirect points. Every test uses the client as dependency
/// injection builds it; only loopback servers are ever reached.
/// </summary>
public sealed class UploadClientSsrfTests : IAsyncLifetime
{
    // A public address standing in for DNS: only ever rewritten to loopback by the seam.
    private static readonly IPAddress FakePublicAddress = IPAddress.Parse("93.184.216.34");
    private const string FakeUploadHost = "upload.pinterest-media.invalid";

    private readonly ObservableTimeProvider _clock = new();
    private readonly TempDirectory _files = new();
    private ConnectionCountingListener _listener = null!;

    public Task InitializeAsync()
    {
        _listener = ConnectionCountingListener.Start(IPAddress.Loopback);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _files.Dispose();
        await _listener.DisposeAsync();
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("[::ffff:127.0.0.1]")]
    public async Task A_loopback_https_upload_url_is_refused_before_any_connection(string host)
    {
        await using var provider = Provider(allowPrivateNetworks: false);
        var api = new FakeMediaClient(_clock) { UploadUrl = new Uri($"https://{host}:{_listener.Port}/bucket") };

        var ex = await Assert.ThrowsAsync<PinterestVideoUploadException>(() => UploadAsync(provider, api));

        Assert.Null(ex.StatusCode);
        Assert.Equal(api.MediaId, ex.MediaId);
        Assert.Contains("loopback, private, link-local or reserved", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, _listener.Accepted);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task A_loopback_http_upload_url_never_receives_the_video(string host)
    {
        await using var server = new LoopbackHttpServer();
        await using var provider = Provider(allowPrivateNetworks: false);
        var api = new FakeMediaClient(_clock) { UploadUrl = new Uri($"http://{host}:{server.BaseUri.Port}/bucket") };

        var ex = await Assert.ThrowsAsync<PinterestVideoUploadException>(() => UploadAsync(provider, api));

        Assert.Contains(host, ex.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_plain_http_upload_url_on_a_public_host_is_refused_naming_the_host()
    {
        await using var server = new LoopbackHttpServer();
        var mapped = 0;
        await using var provider = Provider(allowPrivateNetworks: false, PublicUploadHost(server, () => mapped++));
        var api = new FakeMediaClient(_clock) { UploadUrl = new Uri($"http://{FakeUploadHost}/bucket?X-Amz-Signature=QUERY-SECRET") };

        var ex = await Assert.ThrowsAsync<PinterestVideoUploadException>(() => UploadAsync(provider, api));

        Assert.Contains(FakeUploadHost, ex.Message, StringComparison.Ordinal);
        Assert.Contains("https", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("QUERY-SECRET", ex.ToString(), StringComparison.Ordinal);
        Assert.Empty(server.Requests);
        Assert.Equal(0, mapped);
    }

    [Fact]
    public async Task Control_the_test_switch_lets_the_same_http_upload_through_the_same_seams()
    {
        // AllowPrivateNetworks (tests only) lifts the https requirement with the address and port checks: the zero
        // counts above are the guard's doing, not a broken seam.
        await using var server = new LoopbackHttpServer();
        var mapped = 0;
        await using var provider = Provider(allowPrivateNetworks: true, PublicUploadHost(server, () => mapped++));
        var api = new FakeMediaClient(_clock) { UploadUrl = new Uri($"http://{FakeUploadHost}/bucket") };

        await UploadAsync(provider, api);

        Assert.Equal("/bucket", Assert.Single(server.Requests).Target);
        Assert.Equal(1, mapped);
    }

    [Theory]
    [InlineData(307)]
    [InlineData(308)]
    [InlineData(302)]
    public async Task A_redirect_from_the_upload_host_is_a_failed_upload_and_the_body_is_not_sent_again(int status)
    {
        await using var elsewhere = new LoopbackHttpServer();
        await using var uploadHost = new LoopbackHttpServer(async (_, stream, ct) =>
        {
            var head = $"HTTP/1.1 {status} Redirect\r\nLocation: {new Uri(elsewhere.BaseUri, "steal?X-Amz-Signature=LOCATION-SECRET")}\r\nContent-Length: 0\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), ct);
        });
        await using var provider = Provider(allowPrivateNetworks: true);
        var api = new FakeMediaClient(_clock) { UploadUrl = new Uri(uploadHost.BaseUri, "bucket") };

        var ex = await Assert.ThrowsAsync<PinterestVideoUploadException>(() => UploadAsync(provider, api));

        Assert.Equal((HttpStatusCode)status, ex.StatusCode);
        Assert.Contains("redirect", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("LOCATION-SECRET", ex.ToString(), StringComparison.Ordinal);
        Assert.Single(uploadHost.Requests);
        Assert.Empty(elsewhere.Requests);
    }

    [Fact]
    public async Task The_uploader_built_without_dependency_injection_uses_a_guarded_client_when_given_none()
    {
        // The emulator's loopback server hands out a loopback, plain-http upload_url: the shared default client of a
        // PinterestVideoUploader built by hand must refuse it as the injected one does.
        using var h = new EmulatorHarness();
        var address = await h.Emulator.StartServerAsync();
        using var apiClient = new HttpClient();
        var client = new PinterestClient(apiClient, h.Token.AccessToken, new PinterestClientOptions { ApiBaseAddress = address });
        var uploader = new PinterestVideoUploader(client, uploadClient: null);

        var ex = await Assert.ThrowsAsync<PinterestVideoUploadException>(() =>
            uploader.StartUploadAsync(VideoSource.FromFile(_files.WriteFile("a.mp4", new byte[1000]))));

        Assert.Contains("127.0.0.1", ex.Message, StringComparison.Ordinal);
        Assert.Empty(h.Emulator.Uploads);
    }

    private static ServiceProvider Provider(bool allowPrivateNetworks, ProbeNetworkSeams? seams = null)
    {
        var services = new ServiceCollection();
        services.AddPinterestPublishing(o => o.Preflight.AllowPrivateNetworks = allowPrivateNetworks);
        if (seams is not null)
        {
            services.AddSingleton(seams);
        }

        return services.BuildServiceProvider();
    }

    private async Task UploadAsync(ServiceProvider provider, FakeMediaClient api)
    {
        var uploadClient = provider.GetRequiredService<IHttpClientFactory>().CreateClient(PinterestHttpClientNames.Upload);
        var uploader = new PinterestVideoUploader(api, uploadClient, new VideoUploadOptions(), _clock, NullLogger.Instance);
        await uploader.StartUploadAsync(VideoSource.FromFile(_files.WriteFile($"{Guid.NewGuid():N}.mp4", TestBytes.Create(20_000))))
            .WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary><see cref="FakeUploadHost"/> resolves to a public address, which the "NAT" sends to the loopback server.</summary>
    private static ProbeNetworkSeams PublicUploadHost(LoopbackHttpServer server, Action onMapped) => new()
    {
        Resolve = (host, _) => ValueTask.FromResult(host == FakeUploadHost ? [FakePublicAddress] : Array.Empty<IPAddress>()),
        MapEndPoint = endPoint =>
        {
            onMapped();
            Assert.Equal(FakePublicAddress, endPoint.Address);
            return new IPEndPoint(IPAddress.Loopback, server.BaseUri.Port);
        },
    };
}
