using Microsoft.Extensions.Time.Testing;
using Pinterest.Publishing.Api;

namespace Pinterest.Publishing.Tests.Api;

public sealed class PinterestClientOptionsTests
{
    [Fact]
    public void Defaults_are_production_with_five_minute_margin()
    {
        var options = new PinterestClientOptions();

        Assert.Equal(new Uri("https://api.pinterest.com/"), options.EffectiveBaseAddress);
        Assert.Equal(TimeSpan.FromMinutes(5), options.TokenRefreshMargin);
        Assert.Same(TimeProvider.System, options.TimeProvider);
    }

    [Fact]
    public void An_explicit_base_address_wins_over_the_environment()
    {
        var options = new PinterestClientOptions { Environment = PinterestEnvironment.Sandbox, BaseAddress = new Uri("http://127.0.0.1:5000/") };

        Assert.Equal(new Uri("http://127.0.0.1:5000/"), options.EffectiveBaseAddress);
        options.BaseAddress = null;
        Assert.Equal(new Uri("https://api-sandbox.pinterest.com/"), options.EffectiveBaseAddress);
    }

    [Fact]
    public void Publishing_options_map_to_client_options()
    {
        var time = new FakeTimeProvider();
        var publishing = new PinterestPublishingOptions
        {
            Environment = PinterestEnvironment.Sandbox,
            ClientId = "id",
            ClientSecret = "secret",
            TokenRefreshMargin = TimeSpan.FromMinutes(9),
        };
        publishing.Retry.MaxRetries = 7;

        var options = PinterestClientOptions.FromPublishingOptions(publishing, time, null);

        Assert.Equal(new Uri("https://api-sandbox.pinterest.com/"), options.EffectiveBaseAddress);
        Assert.Equal("id", options.ClientId);
        Assert.Equal("secret", options.ClientSecret);
        Assert.Equal(TimeSpan.FromMinutes(9), options.TokenRefreshMargin);
        Assert.Equal(7, options.Retry.MaxRetries);
        Assert.Same(time, options.TimeProvider);
    }
}
