using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Publishing.Internal.SafeHttp;
using Pinterest.Publishing.Preflight;
using Pinterest.Publishing.Preflight.Internal;

namespace Pinterest.Publishing.Tests.Security;

/// <summary>
/// The probe client's SSRF guard, with the real <c>SocketsHttpHandler</c> and connect callback. No test sends a packet
/// to a non-loopback address: private IP literals are refused in the connect callback before any socket exists, and
/// where a test could reach one (if the guard were broken), a tripwire <see cref="ProbeNetworkSeams.MapEndPoint"/>
/// reroutes the connection to a loopback listener and records it.
/// </summary>
public sealed class SsrfTests : IAsyncLifetime
{
    // A public address (example.com's former A record) standing in for DNS: only ever rewritten to loopback by the seam.
    private static readonly IPAddress FakePublicAddress = IPAddress.Parse("93.184.216.34");
    private const string FakePublicHost = "cdn.public-images.example";

    private ConnectionCountingListener _v4 = null!;
    private ConnectionCountingListener? _v6;

    public Task InitializeAsync()
    {
        _v4 = ConnectionCountingListener.Start(IPAddress.Loopback);
        _v6 = ConnectionCountingListener.TryStartIPv6();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _v4.DisposeAsync();
        if (_v6 is not null)
        {
            await _v6.DisposeAsync();
        }
    }

    public static TheoryData<string> PrivateHosts() =>
    [
        "127.0.0.1", "10.0.0.1", "172.16.0.1", "192.168.1.1", "100.64.0.1", "169.254.169.254", "[::1]", "[::ffff:127.0.0.1]", "localhost",
    ];

    public static TheoryData<string> LoopbackHosts() => ["127.0.0.1", "[::1]", "[::ffff:127.0.0.1]", "localhost"];

    [Theory]
    [MemberData(nameof(PrivateHosts))]
    public async Task A_private_or_loopback_image_url_is_refused_before_any_connection(string host)
    {
        var tripwire = new ConcurrentQueue<IPEndPoint>();
        using var validator = PinPreflightValidator.Create(
            new PreflightOptions { ConnectTimeout = TimeSpan.FromMinutes(5), ProbeTimeout = TimeSpan.FromMinutes(5) },
            seams: new ProbeNetworkSeams { MapEndPoint = Tripwire(tripwire) });

        var result = await validator.ValidateAsync(ImageRequest(Url(host))).WaitAsync(TimeSpan.FromSeconds(30));

        AssertRefused(result);
        Assert.Empty(tripwire);
        Assert.Equal(0, _v4.Accepted);
        Assert.Equal(0, _v6?.Accepted ?? 0);
    }

    [Theory]
    [MemberData(nameof(LoopbackHosts))]
    public async Task The_validator_from_dependency_injection_refuses_loopback_and_reaches_no_server(string host)
    {
        var services = new ServiceCollection();
        services.AddPinterestPublishing(_ => { });
        await using var provider = services.BuildServiceProvider();
        Assert.False(provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<PinterestPublishingOptions>>().Value.Preflight.AllowPrivateNetworks);
        var validator = provider.GetRequiredService<IPinPreflightValidator>();

        var result = await validator.ValidateAsync(ImageRequest(Url(host)) with { Link = Url(host, "/page") }).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(result.IsValid);
        var refused = result.Issues.Where(i => i.Code == PreflightCodes.UrlPrivateNetwork).ToArray();
        Assert.Equal(["link", "media"], refused.Select(i => i.Target).Order());
        Assert.All(refused, i => Assert.Equal(PreflightSeverity.Error, i.Severity));
        Assert.Equal(0, _v4.Accepted);
        Assert.Equal(0, _v6?.Accepted ?? 0);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("[::ffff:127.0.0.1]")]
    [InlineData("169.254.169.254")]
    [InlineData("10.0.0.1")]
    public async Task A_public_looking_url_that_redirects_to_loopback_is_refused_at_the_redirect(string target)
    {
        await using var publicServer = new LoopbackHttpServer();
        publicServer.Map("/image.jpg", new LoopbackRoute
        {
            Status = 302,
            Headers = new Dictionary<string, string> { ["Location"] = Url(target).AbsoluteUri },
        });
        var tripwire = new ConcurrentQueue<IPEndPoint>();
        using var validator = PinPreflightValidator.Create(new PreflightOptions(), seams: PublicNameSeams(publicServer.Port, tripwire));

        var result = await validator.ValidateAsync(ImageRequest(new Uri($"http://{FakePublicHost}:80/image.jpg"))).WaitAsync(TimeSpan.FromSeconds(30));

        AssertRefused(result);
        Assert.Equal(1, publicServer.Hits("/image.jpg"));
        Assert.Empty(tripwire);
        Assert.Equal(0, _v4.Accepted);
    }

    [Fact]
    public async Task Control_the_same_setup_reaches_the_listeners_when_the_guard_is_off_or_the_address_is_public()
    {
        // Guard off: the loopback listener counts the connection, so the zero counts above mean something.
        using (var open = PinPreflightValidator.Create(new PreflightOptions { AllowPrivateNetworks = true, ProbeTimeout = TimeSpan.FromSeconds(5) }))
        {
            var result = await open.ValidateAsync(ImageRequest(Url("127.0.0.1"))).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.DoesNotContain(result.Issues, i => i.Code == PreflightCodes.UrlPrivateNetwork);
            Assert.True(_v4.Accepted > 0);
        }

        // A public name through the seams: the guard lets it through and the redirector really is reached.
        await using var publicServer = new LoopbackHttpServer();
        publicServer.Map("/image.jpg", new LoopbackRoute { ContentType = "image/jpeg", Body = TestMedia.Bytes("large-1000x1500.jpg") });
        var tripwire = new ConcurrentQueue<IPEndPoint>();
        using var validator = PinPreflightValidator.Create(new PreflightOptions(), seams: PublicNameSeams(publicServer.Port, tripwire));
        var ok = await validator.ValidateAsync(ImageRequest(new Uri($"http://{FakePublicHost}/image.jpg"))).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(ok.IsValid, string.Join("; ", ok.Issues.Select(i => i.Code)));
        Assert.Equal(1, publicServer.Hits("/image.jpg"));
        Assert.Empty(tripwire);
    }

    private static void AssertRefused(PreflightResult result)
    {
        var issue = Assert.Single(result.Issues, i => i.Code == PreflightCodes.UrlPrivateNetwork);
        Assert.Equal(PreflightSeverity.Error, issue.Severity);
        Assert.False(result.IsValid);
    }

    private Uri Url(string host, string path = "/image.jpg")
    {
        var port = host is "[::1]" && _v6 is not null ? _v6.Port : _v4.Port;
        return new Uri($"http://{host}:{port}{path}");
    }

    /// <summary>Records any endpoint that got past the guard and sends it to the loopback listener, never outside.</summary>
    private Func<IPEndPoint, IPEndPoint> Tripwire(ConcurrentQueue<IPEndPoint> tripped) => endPoint =>
    {
        tripped.Enqueue(endPoint);
        return new IPEndPoint(IPAddress.Loopback, _v4.Port);
    };

    /// <summary><see cref="FakePublicHost"/> resolves to a public address, which the "NAT" rewrites to the loopback
    /// server; any other name resolves through the system (only <c>localhost</c> is used); anything else that passes the
    /// guard trips the wire.</summary>
    private ProbeNetworkSeams PublicNameSeams(int publicServerPort, ConcurrentQueue<IPEndPoint> tripped)
    {
        var tripwire = Tripwire(tripped);
        return new ProbeNetworkSeams
        {
            Resolve = async (host, cancellationToken) => host == FakePublicHost
                ? [FakePublicAddress]
                : await Dns.GetHostAddressesAsync(host, cancellationToken),
            MapEndPoint = endPoint => endPoint.Address.Equals(FakePublicAddress)
                ? new IPEndPoint(IPAddress.Loopback, publicServerPort)
                : tripwire(endPoint),
        };
    }

    private static PublishPinRequest ImageRequest(Uri url) => new()
    {
        AccountId = "account-1",
        BoardId = "549755885175",
        Title = "SSRF probe",
        Media = PinMedia.Image(url),
    };
}
