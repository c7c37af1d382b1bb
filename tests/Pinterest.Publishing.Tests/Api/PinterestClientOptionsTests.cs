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
        var options = new PinterestClientOptions { Environment = PinterestEnvironment.Sandbox, ApiBaseAddress = new Uri("http://127.0.0.1:5000/") };

        Assert.Equal(new Uri("http://127.0.0.1:5000/"), options.EffectiveBaseAddress);
        options.ApiBaseAddress = null;
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

    [Fact]
    public void Every_setting_shared_with_the_publishing_options_has_the_same_name_type_default_and_shape()
    {
        var publishing = OptionSettings.Of(typeof(PinterestPublishingOptions)).ToDictionary(s => s.Key);
        string[] clientOnly = [nameof(PinterestClientOptions.TimeProvider), nameof(PinterestClientOptions.LoggerFactory)];

        foreach (var setting in OptionSettings.Of(typeof(PinterestClientOptions)).Where(s => !clientOnly.Contains(s.Key)))
        {
            Assert.True(publishing.TryGetValue(setting.Key, out var twin), $"{setting.Key} has no twin in PinterestPublishingOptions");
            Assert.Equal(twin.Type, setting.Type);
            Assert.Equal(OptionSettings.Format(twin.Default), OptionSettings.Format(setting.Default));
        }

        foreach (var nested in new[] { nameof(PinterestClientOptions.Retry) })
        {
            Assert.Null(typeof(PinterestClientOptions).GetProperty(nested)!.SetMethod);
            Assert.Null(typeof(PinterestPublishingOptions).GetProperty(nested)!.SetMethod);
        }
    }

    [Theory]
    [InlineData(PinterestEnvironment.Production, null)]
    [InlineData(PinterestEnvironment.Sandbox, null)]
    [InlineData(PinterestEnvironment.Sandbox, "http://127.0.0.1:5000/")]
    public void Both_options_types_resolve_the_same_base_address(PinterestEnvironment environment, string? apiBaseAddress)
    {
        var address = apiBaseAddress is null ? null : new Uri(apiBaseAddress);
        var publishing = new PinterestPublishingOptions { Environment = environment, ApiBaseAddress = address };

        var client = PinterestClientOptions.FromPublishingOptions(publishing, TimeProvider.System, null);

        Assert.Equal(publishing.EffectiveBaseAddress, client.EffectiveBaseAddress);
        Assert.Equal(publishing.EffectiveBaseAddress, new PinterestClientOptions { Environment = environment, ApiBaseAddress = address }.EffectiveBaseAddress);
    }

    [Fact]
    public void Client_options_made_from_the_publishing_options_share_their_retry_settings()
    {
        var publishing = new PinterestPublishingOptions();

        var client = PinterestClientOptions.FromPublishingOptions(publishing, TimeProvider.System, null);
        publishing.Retry.MaxRetries = 0;

        Assert.Same(publishing.Retry, client.Retry);
    }
}
