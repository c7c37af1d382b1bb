using System.Collections.Concurrent;
using System.Net;
using Pinterest.Publishing.Internal.SafeHttp;
using Pinterest.Publishing.Preflight;
using static Pinterest.Publishing.Tests.TestSupport.PreflightTestKit;

namespace Pinterest.Publishing.Tests.Preflight.Internal;

/// <summary>
/// The SSRF guard with <see cref="PreflightOptions.AllowPrivateNetworks"/> off. The WireMock server listens on
/// loopback, which the guard refuses: each test shows the refusal AND that no request reached the server.
/// </summary>
public sealed class SsrfGuardTests : IDisposable
{
    private static readonly IPAddress FakePublicAddress = IPAddress.Parse("93.184.215.14");
    private readonly MediaWireMock _server = new();
    private readonly ConcurrentQueue<IPEndPoint> _connectedTo = new();

    public void Dispose() => _server.Dispose();

    private static void Guarded(PreflightOptions options) => options.AllowPrivateNetworks = false;

    /// <summary>
    /// Seams for the redirect tests. <c>public.example</c> resolves to a public address, which passes the check; the
    /// endpoint is then rewritten to the loopback server, as a NAT would. Any other name uses real DNS, and IP
    /// literals never go through the resolver. The check itself is the production code: it runs on the resolved
    /// address of every hop, so a redirect to 127.0.0.1 or localhost is judged on its own and refused.
    /// </summary>
    private ProbeNetworkSeams PublicExampleToLoopback(Func<string, IPAddress[]?>? extra = null) => new()
    {
        Resolve = async (host, ct) => host switch
        {
            "public.example" => [FakePublicAddress],
            _ when extra?.Invoke(host) is { } addresses => addresses,
            _ => await Dns.GetHostAddressesAsync(host, ct),
        },
        MapEndPoint = endPoint =>
        {
            _connectedTo.Enqueue(endPoint);
            return endPoint.Address.Equals(FakePublicAddress) ? new IPEndPoint(IPAddress.Loopback, _server.Server.Port) : endPoint;
        },
    };

    // Port 80: public addresses are reached on 80 and 443 only (PreflightOptions.AllowedPorts); the seam's "NAT"
    // forwards to the server's loopback port.
    private Uri PublicUrl(string path) => new($"http://public.example{path}");

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("[::1]")]
    [InlineData("[::ffff:127.0.0.1]")]
    [InlineData("2130706433")]
    [InlineData("0x7f.1")]
    public async Task A_loopback_image_url_is_refused_and_never_reached(string host)
    {
        _server.ServeFixture("/img.jpg", "large-1000x1500.jpg", "image/jpeg");

        var result = await ValidateAsync(Request(PinMedia.Image(new Uri($"http://{host}:{_server.Server.Port}/img.jpg"))), Guarded);

        var issue = Single(result, PreflightCodes.UrlPrivateNetwork);
        Assert.Equal("media", issue.Target);
        Assert.Single(result.Issues);
        Assert.Empty(_server.Server.LogEntries);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/iam/")]
    [InlineData("http://10.0.0.1/a.jpg")]
    [InlineData("http://192.168.1.10/a.jpg")]
    [InlineData("http://100.64.0.1/a.jpg")]
    [InlineData("http://[fd00::1]/a.jpg")]
    [InlineData("http://[fe80::1]/a.jpg")]
    public async Task Private_link_local_and_metadata_addresses_are_refused_before_connecting(string url)
    {
        // No socket is opened for these: the check runs before the connect, so nothing leaves the machine.
        var result = await ValidateAsync(Request(PinMedia.Image(new Uri(url))), Guarded);

        Assert.Equal([PreflightCodes.UrlPrivateNetwork], Codes(result));
    }

    [Fact]
    public async Task Link_cover_and_video_urls_on_loopback_are_refused_with_their_targets()
    {
        var video = _server.ServeFixture("/v.mp4", "video-5s.mp4", "video/mp4");
        var cover = _server.ServeFixture("/c.jpg", "large-1000x1500.jpg", "image/jpeg");
        var link = _server.Serve("/page", [], "text/html");

        var videoResult = await ValidateAsync(Request(PinMedia.Video(VideoSource.FromUrl(video), VideoCover.FromUrl(cover))) with { Link = link }, Guarded);

        Assert.Equal(
            new[] { "cover", "link", "media" },
            videoResult.Issues.Where(i => i.Code == PreflightCodes.UrlPrivateNetwork).Select(i => i.Target!).Order());
        Assert.Empty(_server.Server.LogEntries);
    }

    [Fact]
    public async Task The_seam_reaches_the_server_through_a_public_name_when_nothing_private_is_involved()
    {
        // Positive control for the redirect tests below: public.example → (check passes) → loopback server.
        _server.ServeFixture("/ok.jpg", "large-1000x1500.jpg", "image/jpeg");
        _server.Redirect("/start", PublicUrl("/ok.jpg").ToString());
        using var validator = Validator(Guarded, seams: PublicExampleToLoopback());

        var result = await validator.ValidateAsync(Request(PinMedia.Image(PublicUrl("/start"))));

        Assert.Empty(result.Issues);
        Assert.Equal(1, _server.Hits("/start"));
        Assert.Equal(1, _server.Hits("/ok.jpg"));
    }

    [Theory]
    [InlineData("http://127.0.0.1:{port}/secret.jpg")]
    [InlineData("http://localhost:{port}/secret.jpg")]
    [InlineData("http://[::1]:{port}/secret.jpg")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    public async Task A_redirect_to_a_private_address_is_refused_at_that_hop(string location)
    {
        _server.ServeFixture("/secret.jpg", "large-1000x1500.jpg", "image/jpeg");
        _server.Redirect("/start", location.Replace("{port}", _server.Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        using var validator = Validator(Guarded, seams: PublicExampleToLoopback());

        var result = await validator.ValidateAsync(Request(PinMedia.Image(PublicUrl("/start"))));

        Assert.Equal([PreflightCodes.UrlPrivateNetwork], Codes(result));
        Assert.Equal(1, _server.Hits("/start"));
        Assert.Equal(0, _server.Hits("/secret.jpg"));
        Assert.All(_connectedTo, e => Assert.Equal(FakePublicAddress, e.Address));
    }

    [Fact]
    public async Task A_name_resolving_to_an_ipv4_mapped_loopback_address_is_refused()
    {
        using var validator = Validator(Guarded, seams: PublicExampleToLoopback(h => h == "mapped.example" ? [IPAddress.Parse("::ffff:127.0.0.1")] : null));

        var result = await validator.ValidateAsync(Request(PinMedia.Image(new Uri($"http://mapped.example:{_server.Server.Port}/a.jpg"))));

        Assert.Equal([PreflightCodes.UrlPrivateNetwork], Codes(result));
        Assert.Empty(_connectedTo);
        Assert.Empty(_server.Server.LogEntries);
    }

    [Fact]
    public async Task A_name_with_both_private_and_public_addresses_connects_only_to_the_public_one()
    {
        _server.ServeFixture("/a.jpg", "large-1000x1500.jpg", "image/jpeg");
        using var validator = Validator(Guarded, seams: PublicExampleToLoopback(
            h => h == "mixed.example" ? [IPAddress.Parse("10.1.2.3"), IPAddress.Parse("127.0.0.1"), FakePublicAddress] : null));

        var result = await validator.ValidateAsync(Request(PinMedia.Image(new Uri("http://mixed.example/a.jpg"))));

        Assert.Empty(result.Issues);
        Assert.Equal(FakePublicAddress, Assert.Single(_connectedTo).Address);
    }

    [Fact]
    public async Task The_refusal_surfaces_through_the_http_request_exception_chain()
    {
        using var handler = ProbeHttpHandlerFactory.Create(new PreflightOptions());
        using var client = new HttpClient(handler);

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => ProbeHttp.SendWithRedirectsAsync(
            client, _server.Url("/x"), u => new HttpRequestMessage(HttpMethod.Get, u)));

        Assert.True(ProbeHttp.IsPrivateNetworkRefusal(ex));
        Assert.False(ProbeHttp.IsPrivateNetworkRefusal(new HttpRequestException("other", new IOException())));
        Assert.Empty(_server.Server.LogEntries);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_probe_and_upload_handlers_have_no_proxy_cookies_or_automatic_redirects(bool upload)
    {
        var options = new PreflightOptions { ConnectTimeout = TimeSpan.FromSeconds(3) };
        using var handler = upload ? ProbeHttpHandlerFactory.CreateForUpload(options) : ProbeHttpHandlerFactory.Create(options);

        Assert.False(handler.AllowAutoRedirect);
        Assert.False(handler.UseProxy);
        Assert.False(handler.UseCookies);
        Assert.Equal(TimeSpan.FromSeconds(3), handler.ConnectTimeout);
        Assert.NotNull(handler.ConnectCallback);
    }
}
