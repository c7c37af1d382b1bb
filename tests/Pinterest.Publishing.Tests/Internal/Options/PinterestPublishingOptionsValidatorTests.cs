namespace Pinterest.Publishing.Tests.Internal.Options;

public class PinterestPublishingOptionsValidatorTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        Assert.True(OptionsValidation.Validate(new PinterestPublishingOptions()).Succeeded);
    }

    [Fact]
    public void Each_bad_setting_is_named_in_the_failure()
    {
        var options = new PinterestPublishingOptions
        {
            ApiBaseAddress = new Uri("/relative", UriKind.Relative),
            ClientId = "id",
            MaxConcurrentPublishesPerAccount = 0,
        };
        options.Preflight.MaxConcurrentProbes = 0;
        options.Preflight.ProbeTimeout = TimeSpan.Zero;
        options.VideoUpload.MaxPollInterval = TimeSpan.FromMilliseconds(1);

        var result = OptionsValidation.Validate(options);

        Assert.True(result.Failed);
        foreach (var setting in new[]
        {
            "Pinterest:ApiBaseAddress", "Pinterest:ClientSecret", "Pinterest:MaxConcurrentPublishesPerAccount",
            "Pinterest:Preflight:MaxConcurrentProbes", "Pinterest:Preflight:ProbeTimeout", "Pinterest:VideoUpload:MaxPollInterval",
        })
        {
            Assert.Contains(result.Failures!, f => f.Contains(setting, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Client_secret_never_appears_in_failures()
    {
        var options = new PinterestPublishingOptions { ClientSecret = "very-secret-value", MaxConcurrentPublishesPerAccount = -1 };

        var result = OptionsValidation.Validate(options);

        Assert.DoesNotContain(result.Failures!, f => f.Contains("very-secret-value", StringComparison.Ordinal));
    }
}
