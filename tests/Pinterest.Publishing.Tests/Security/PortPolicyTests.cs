using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pinterest.Publishing.Internal.SafeHttp;
using Pinterest.Publishing.Preflight;
using Pinterest.Publishing.Preflight.Internal;

namespace Pinterest.Publishing.Tests.Security;

/// <summary>
/// The guarded clients (probes, downloads, uploads) connect to public addresses on ports 80 and 443 only, unless
/// <see cref="PreflightOptions.AllowedPorts"/> lists another: a user's URL must not make the library talk to a mail,
/// SSH or Redis port of some public host. A fake public name reaches a loopback server through the seams, so a refusal
/// is shown by the server never being hit.
/// </summary>
public sealed class PortPolicyTests : IAsyncLifetime
{
    private static readonly IPAddress FakePublicAddress = IPAddress.Parse("93.184.216.34");
    private const string FakePublicHost = "cdn.public-images.example";

    private readonly List<IPEndPoint> _mapped = [];
    private LoopbackHttpServer _server = null!;

    public Task InitializeAsync()
    {
        _server = new LoopbackHttpServer();
        _server.Map("/image.jpg", new LoopbackRoute { ContentType = "image/jpeg", Body = TestMedia.Bytes("large-1000x1500.jpg") });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(22)]
    [InlineData(25)]
    [InlineData(6379)]
    [InlineData(8080)]
    public async Task A_public_name_on_another_port_is_refused_before_connecting(int port)
    {
        using var client = GuardedClient(new PreflightOptions());

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => ProbeHttp.SendWithRedirectsAsync(
            client, new Uri($"http://{FakePublicHost}:{port}/image.jpg"), u => new HttpRequestMessage(HttpMethod.Get, u)));

        var refusal = ConnectGuard.FindRefusal(ex);
        Assert.NotNull(refusal);
        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), refusal.Message, StringComparison.Ordinal);
        Assert.Contains("Pinterest:Preflight:AllowedPorts", refusal.Message, StringComparison.Ordinal);
        Assert.False(ProbeHttp.IsPrivateNetworkRefusal(ex));
        Assert.Empty(_mapped);
        Assert.Equal(0, _server.Hits("/image.jpg"));
    }

    [Fact]
    public async Task Preflight_reports_a_url_on_a_refused_port_as_unreachable_and_never_probes_it()
    {
        using var validator = PinPreflightValidator.Create(new PreflightOptions(), seams: Seams());

        var result = await validator.ValidateAsync(ImageRequest(new Uri($"http://{FakePublicHost}:6379/image.jpg"))).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(result.IsValid);
        Assert.Contains(result.Issues, i => i.Code == PreflightCodes.ImageUrlReachable);
        Assert.Empty(_mapped);
        Assert.Equal(0, _server.Hits("/image.jpg"));
    }

    [Theory]
    [InlineData(80)]
    [InlineData(443)]
    public async Task Ports_80_and_443_are_allowed_by_default(int port)
    {
        using var validator = PinPreflightValidator.Create(new PreflightOptions(), seams: Seams());

        var result = await validator.ValidateAsync(ImageRequest(new Uri($"http://{FakePublicHost}:{port}/image.jpg"))).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(result.IsValid, string.Join("; ", result.Issues.Select(i => i.Code)));
        Assert.Equal(1, _server.Hits("/image.jpg"));
        Assert.Equal(port, Assert.Single(_mapped).Port);
    }

    [Fact]
    public async Task A_port_listed_in_AllowedPorts_is_allowed_and_the_list_replaces_the_defaults()
    {
        var options = new PreflightOptions();
        options.AllowedPorts.Clear();
        options.AllowedPorts.Add(8080);
        using var client = GuardedClient(options);

        using var allowed = await ProbeHttp.SendWithRedirectsAsync(
            client, new Uri($"http://{FakePublicHost}:8080/image.jpg"), u => new HttpRequestMessage(HttpMethod.Get, u));
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => ProbeHttp.SendWithRedirectsAsync(
            client, new Uri($"http://{FakePublicHost}:80/image.jpg"), u => new HttpRequestMessage(HttpMethod.Get, u)));

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.NotNull(ConnectGuard.FindRefusal(refused));
        Assert.Equal(1, _server.Hits("/image.jpg"));
    }

    [Fact]
    public async Task The_test_only_switch_lifts_the_port_restriction_with_the_address_check()
    {
        using var client = GuardedClient(new PreflightOptions { AllowPrivateNetworks = true });

        using var response = await ProbeHttp.SendWithRedirectsAsync(
            client, new Uri($"http://{FakePublicHost}:6379/image.jpg"), u => new HttpRequestMessage(HttpMethod.Get, u));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, _server.Hits("/image.jpg"));
    }

    [Fact]
    public void Configured_ports_replace_the_defaults()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pinterest:Preflight:AllowedPorts:0"] = "443",
            ["Pinterest:Preflight:AllowedPorts:1"] = "8443",
        }).Build();
        var services = new ServiceCollection();
        services.AddPinterestPublishing(configuration);

        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<PinterestPublishingOptions>>().Value;

        Assert.Equal([443, 8443], options.Preflight.AllowedPorts);
        Assert.Equal([80, 443], new PreflightOptions().AllowedPorts);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(65536)]
    public void An_out_of_range_port_fails_validation_naming_the_setting(int port)
    {
        var options = new PinterestPublishingOptions();
        options.Preflight.AllowedPorts.Add(port);

        var result = OptionsValidation.Validate(options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Pinterest:Preflight:AllowedPorts", StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_port_list_fails_validation()
    {
        var options = new PinterestPublishingOptions();
        options.Preflight.AllowedPorts.Clear();

        var result = OptionsValidation.Validate(options);

        Assert.Contains(result.Failures!, f => f.Contains("Pinterest:Preflight:AllowedPorts", StringComparison.Ordinal));
    }

    private HttpClient GuardedClient(PreflightOptions options) =>
        new(ProbeHttpHandlerFactory.Create(options, Seams()), disposeHandler: true);

    /// <summary><see cref="FakePublicHost"/> resolves to a public address; whatever port it is asked for, the "NAT"
    /// sends it to the loopback server and records the endpoint that passed the guard.</summary>
    private ProbeNetworkSeams Seams() => new()
    {
        Resolve = (host, _) => ValueTask.FromResult(host == FakePublicHost ? [FakePublicAddress] : Array.Empty<IPAddress>()),
        MapEndPoint = endPoint =>
        {
            lock (_mapped)
            {
                _mapped.Add(endPoint);
            }

            return new IPEndPoint(IPAddress.Loopback, _server.Port);
        },
    };

    private static PublishPinRequest ImageRequest(Uri url) => new()
    {
        AccountId = "account-1",
        BoardId = "549755885175",
        Title = "Port policy",
        Media = PinMedia.Image(url),
    };
}
