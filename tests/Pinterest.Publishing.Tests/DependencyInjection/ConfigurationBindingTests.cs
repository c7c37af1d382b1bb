using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Pinterest.Publishing.Tests.DependencyInjection;

/// <summary><c>AddPinterestPublishing(configuration)</c> binds the <c>Pinterest</c> section, however often it is called.</summary>
public class ConfigurationBindingTests
{
    [Fact]
    public void Configured_image_content_types_replace_the_defaults_and_other_settings_bind()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pinterest:Preflight:AllowedImageContentTypes:0"] = "image/png",
            ["Pinterest:Preflight:MaxImageBytes"] = "1234",
            ["Pinterest:Retry:MaxRetries"] = "7",
            ["Pinterest:VideoUpload:ProcessingTimeout"] = "00:20:00",
            ["Pinterest:Environment"] = "Sandbox",
        }).Build();
        var services = new ServiceCollection();
        services.AddPinterestPublishing(configuration);
        services.AddPinterestPublishing(configuration);

        var options = services.BuildServiceProvider().GetRequiredService<IOptions<PinterestPublishingOptions>>().Value;

        Assert.Equal(["image/png"], options.Preflight.AllowedImageContentTypes);
        Assert.Equal(1234, options.Preflight.MaxImageBytes);
        Assert.Equal(7, options.Retry.MaxRetries);
        Assert.Equal(TimeSpan.FromMinutes(20), options.VideoUpload.ProcessingTimeout);
        Assert.Equal(PinterestPublishingOptions.SandboxBaseAddress, options.EffectiveBaseAddress);
    }
}
