using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pinterest.Publishing.Scheduling;

namespace Pinterest.Publishing.Tests.Internal.Options;

/// <summary>
/// Every setting that can hold a wrong value is checked at start-up, and the failure names the setting by its full
/// key (<c>Pinterest:VideoUpload:MinUploadTimeout</c>, <c>PinScheduling:RetryMaxDelay</c>) and says what is expected.
/// The tables below hold one wrong value per setting; a completeness test keeps them in step with the options types.
/// </summary>
public sealed class EverySettingValidatedTests
{
    private static readonly TimeSpan OverOneDay = TimeSpan.FromDays(1) + TimeSpan.FromTicks(1);

    public static TheoryData<string, Action<PinterestPublishingOptions>> WrongPublishingValues => new()
    {
        { "ApiBaseAddress", o => o.ApiBaseAddress = new Uri("ftp://api.pinterest.com/") },
        { "Environment", o => o.Environment = (PinterestEnvironment)7 },
        { "ClientId", o => o.ClientSecret = "only-the-secret" },
        { "ClientSecret", o => o.ClientId = "only-the-id" },
        { "TokenRefreshMargin", o => o.TokenRefreshMargin = TimeSpan.FromSeconds(-1) },
        { "RefreshTokenRenewalMargin", o => o.RefreshTokenRenewalMargin = TimeSpan.FromSeconds(-1) },
        { "KeepAliveSweepInterval", o => o.KeepAliveSweepInterval = TimeSpan.Zero },
        { "RequestTimeout", o => o.RequestTimeout = TimeSpan.Zero },
        { "MaxConcurrentPublishesPerAccount", o => o.MaxConcurrentPublishesPerAccount = 0 },
        { "Retry:MaxRetries", o => o.Retry.MaxRetries = -1 },
        { "Retry:BaseDelay", o => o.Retry.BaseDelay = TimeSpan.Zero },
        { "Retry:MaxDelay", o => o.Retry.MaxDelay = TimeSpan.Zero },
        { "Retry:MaxRetryAfter", o => o.Retry.MaxRetryAfter = TimeSpan.FromSeconds(-1) },
        { "Retry:RateLimitDelay", o => o.Retry.RateLimitDelay = TimeSpan.Zero },
        { "Retry:MaxRateLimitDelay", o => o.Retry.MaxRateLimitDelay = TimeSpan.FromSeconds(30) },
        { "Preflight:ProbeTimeout", o => o.Preflight.ProbeTimeout = TimeSpan.Zero },
        { "Preflight:ConnectTimeout", o => o.Preflight.ConnectTimeout = TimeSpan.Zero },
        { "Preflight:MaxConcurrentProbes", o => o.Preflight.MaxConcurrentProbes = 0 },
        { "Preflight:MaxImageBytes", o => o.Preflight.MaxImageBytes = 0 },
        { "Preflight:MaxImagePixels", o => o.Preflight.MaxImagePixels = 0 },
        { "Preflight:MaxImageSide", o => o.Preflight.MaxImageSide = 0 },
        { "Preflight:MaxVideoBytes", o => o.Preflight.MaxVideoBytes = 0 },
        { "Preflight:AllowedPorts", o => o.Preflight.AllowedPorts.Add(70000) },
        { "Preflight:AllowedImageContentTypes", o => o.Preflight.AllowedImageContentTypes.Clear() },
        { "VideoUpload:InitialPollInterval", o => o.VideoUpload.InitialPollInterval = TimeSpan.Zero },
        { "VideoUpload:MaxPollInterval", o => o.VideoUpload.MaxPollInterval = TimeSpan.Zero },
        { "VideoUpload:ProcessingTimeout", o => o.VideoUpload.ProcessingTimeout = TimeSpan.Zero },
        { "VideoUpload:MaxDownloadBytes", o => o.VideoUpload.MaxDownloadBytes = 0 },
        { "VideoUpload:DownloadIdleTimeout", o => o.VideoUpload.DownloadIdleTimeout = TimeSpan.Zero },
        { "VideoUpload:MinDownloadBytesPerSecond", o => o.VideoUpload.MinDownloadBytesPerSecond = 0 },
        { "VideoUpload:MinDownloadTimeout", o => o.VideoUpload.MinDownloadTimeout = TimeSpan.Zero },
        { "VideoUpload:TemporaryDirectory", o => o.VideoUpload.TemporaryDirectory = "relative/dir" },
        { "VideoUpload:MinUploadBytesPerSecond", o => o.VideoUpload.MinUploadBytesPerSecond = 0 },
        { "VideoUpload:MinUploadTimeout", o => o.VideoUpload.MinUploadTimeout = TimeSpan.FromSeconds(-1) },
    };

    public static TheoryData<string, Action<PinSchedulingOptions>> WrongSchedulingValues => new()
    {
        { "PollInterval", o => o.PollInterval = TimeSpan.Zero },
        { "BatchSize", o => o.BatchSize = 0 },
        { "Lease", o => o.Lease = TimeSpan.Zero },
        { "MaxConcurrentPublishes", o => o.MaxConcurrentPublishes = 0 },
        { "RetryBaseDelay", o => o.RetryBaseDelay = TimeSpan.Zero },
        { "RetryMaxDelay", o => o.RetryMaxDelay = TimeSpan.FromSeconds(-1) },
        { "MaxRetryAfter", o => o.MaxRetryAfter = TimeSpan.FromSeconds(-1) },
        { "SpamBlockDelay", o => o.SpamBlockDelay = TimeSpan.Zero },
        { "MaxAttempts", o => o.MaxAttempts = 0 },
    };

    // Timers (HttpClient.Timeout, CancelAfter, Task.Delay) refuse long spans with an exception at the first use, deep
    // in a publish; no wait of the library needs more than a day, so each is refused at start-up past one.
    public static TheoryData<string, Action<PinterestPublishingOptions>> TimersOverOneDay => new()
    {
        { "TokenRefreshMargin", o => o.TokenRefreshMargin = OverOneDay },
        { "KeepAliveSweepInterval", o => o.KeepAliveSweepInterval = OverOneDay },
        { "RequestTimeout", o => o.RequestTimeout = OverOneDay },
        { "Retry:BaseDelay", o => o.Retry.BaseDelay = OverOneDay },
        { "Retry:MaxDelay", o => o.Retry.MaxDelay = OverOneDay },
        { "Retry:MaxRetryAfter", o => o.Retry.MaxRetryAfter = OverOneDay },
        { "Retry:RateLimitDelay", o => o.Retry.RateLimitDelay = OverOneDay },
        { "Retry:MaxRateLimitDelay", o => o.Retry.MaxRateLimitDelay = OverOneDay },
        { "Preflight:ProbeTimeout", o => o.Preflight.ProbeTimeout = OverOneDay },
        { "Preflight:ConnectTimeout", o => o.Preflight.ConnectTimeout = OverOneDay },
        { "VideoUpload:MaxPollInterval", o => o.VideoUpload.MaxPollInterval = OverOneDay },
        { "VideoUpload:ProcessingTimeout", o => o.VideoUpload.ProcessingTimeout = OverOneDay },
        { "VideoUpload:DownloadIdleTimeout", o => o.VideoUpload.DownloadIdleTimeout = OverOneDay },
        { "VideoUpload:MinDownloadTimeout", o => o.VideoUpload.MinDownloadTimeout = OverOneDay },
        { "VideoUpload:MinUploadTimeout", o => o.VideoUpload.MinUploadTimeout = OverOneDay },
    };

    [Theory]
    [MemberData(nameof(WrongPublishingValues))]
    [MemberData(nameof(TimersOverOneDay))]
    public void A_wrong_value_fails_start_up_naming_the_full_key(string key, Action<PinterestPublishingOptions> makeWrong)
    {
        var options = new PinterestPublishingOptions();
        makeWrong(options);

        var result = OptionsValidation.Validate(options);

        Assert.True(result.Failed, key);
        Assert.Contains(result.Failures!, f => f.Contains("Pinterest:" + key + " ", StringComparison.Ordinal) && f.Contains(" must ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_refresh_token_renewal_margin_over_an_access_tokens_30_days_fails_start_up_naming_the_key()
    {
        var tooLong = new PinterestPublishingOptions { RefreshTokenRenewalMargin = TimeSpan.FromDays(30) + TimeSpan.FromTicks(1) };
        var longest = new PinterestPublishingOptions { RefreshTokenRenewalMargin = TimeSpan.FromDays(30) };
        var off = new PinterestPublishingOptions { RefreshTokenRenewalMargin = TimeSpan.Zero };

        Assert.Contains(OptionsValidation.Validate(tooLong).Failures!, f => f.Contains("Pinterest:RefreshTokenRenewalMargin ", StringComparison.Ordinal) && f.Contains(" must ", StringComparison.Ordinal));
        Assert.True(OptionsValidation.Validate(longest).Succeeded);
        Assert.True(OptionsValidation.Validate(off).Succeeded);
    }

    [Theory]
    [MemberData(nameof(WrongSchedulingValues))]
    public void A_wrong_scheduling_value_fails_start_up_naming_the_key(string key, Action<PinSchedulingOptions> makeWrong)
    {
        var services = new ServiceCollection();
        services.AddPinterestPublishing(_ => { }).AddPinScheduling(makeWrong);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PinSchedulingOptions>>().Value);

        Assert.Contains(error.Failures, f => f.Contains("PinScheduling:" + key + " ", StringComparison.Ordinal) && f.Contains(" must ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("PollInterval")]
    [InlineData("Lease")]
    public void A_scheduling_timer_over_one_day_fails_start_up_naming_the_key(string key)
    {
        var options = new PinSchedulingOptions();
        typeof(PinSchedulingOptions).GetProperty(key)!.SetValue(options, OverOneDay);

        var result = OptionsValidation.Validate(options);

        Assert.Contains(result.Failures!, f => f.Contains("PinScheduling:" + key + " ", StringComparison.Ordinal));
    }

    [Fact]
    public void The_tables_hold_a_wrong_value_for_every_setting_that_can_be_wrong()
    {
        static IEnumerable<string> Checkable(Type type) =>
            OptionSettings.Of(type).Where(s => s.Type != typeof(bool)).Select(s => s.Key).Order(StringComparer.Ordinal);

        Assert.Equal(Checkable(typeof(PinterestPublishingOptions)), WrongPublishingValues.Select(row => (string)row[0]).Order(StringComparer.Ordinal));
        Assert.Equal(Checkable(typeof(PinSchedulingOptions)), WrongSchedulingValues.Select(row => (string)row[0]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_defaults_and_one_day_timers_are_valid()
    {
        var options = new PinterestPublishingOptions { RequestTimeout = TimeSpan.FromDays(1), TokenRefreshMargin = TimeSpan.FromDays(1) };
        options.Preflight.ProbeTimeout = TimeSpan.FromDays(1);
        options.VideoUpload.MaxPollInterval = TimeSpan.FromDays(1);
        var scheduling = new PinSchedulingOptions { PollInterval = TimeSpan.FromDays(1), Lease = TimeSpan.FromDays(1) };

        Assert.True(OptionsValidation.Validate(new PinterestPublishingOptions()).Succeeded);
        Assert.True(OptionsValidation.Validate(new PinSchedulingOptions()).Succeeded);
        Assert.True(OptionsValidation.Validate(options).Succeeded, OptionsValidation.Validate(options).FailureMessage);
        Assert.True(OptionsValidation.Validate(scheduling).Succeeded, OptionsValidation.Validate(scheduling).FailureMessage);
    }

    [Fact]
    public void An_upload_timeout_no_timer_can_run_fails_start_up_naming_the_rate()
    {
        // 2 GB at 1 byte per second is 63 years: the upload's CancelAfter would throw at the first large video.
        var options = new PinterestPublishingOptions();
        options.VideoUpload.MinUploadBytesPerSecond = 1;

        var result = OptionsValidation.Validate(options);

        var failure = Assert.Single(result.Failures!);
        Assert.Contains("Pinterest:VideoUpload:MinUploadBytesPerSecond ", failure, StringComparison.Ordinal);
        Assert.Contains("Pinterest:Preflight:MaxVideoBytes", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_key_a_failure_names_is_a_real_setting()
    {
        var options = new PinterestPublishingOptions();
        foreach (var row in WrongPublishingValues)
        {
            ((Action<PinterestPublishingOptions>)row[1])(options);
        }

        var keys = OptionSettings.Of(typeof(PinterestPublishingOptions)).Select(s => "Pinterest:" + s.Key).ToHashSet(StringComparer.Ordinal);
        var named = OptionsValidation.Validate(options).Failures!
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(f, @"Pinterest(:[A-Za-z]+)+").Select(m => m.Value))
            .ToArray();

        Assert.NotEmpty(named);
        Assert.All(named, key => Assert.Contains(key, keys));
    }
}
