using Pinterest.Publishing.Preflight;

namespace Pinterest.Publishing.Tests.Internal.PublishPath;

/// <summary>Under <see cref="PinterestEnvironment.Sandbox"/> a video Pin stops at preflight: no byte is uploaded.</summary>
public sealed class SandboxPublishTests
{
    [Fact]
    public async Task A_video_pin_under_the_sandbox_fails_preflight_before_any_media_call_or_upload()
    {
        await using var h = await PublishingHarness.CreateAsync(configureOptions: o => o.Environment = PinterestEnvironment.Sandbox);

        var error = await Assert.ThrowsAsync<PinPreflightException>(() => h.DriveAsync(h.Publisher.PublishAsync(h.VideoRequest()), TimeSpan.FromSeconds(1)));

        Assert.Contains(error.Result.Errors, e => e.Code == PreflightCodes.VideoSandboxUnsupported);
        Assert.DoesNotContain(h.Emulator.Requests, r => r.Path.StartsWith("/v5/media", StringComparison.Ordinal) || r.Path == "/v5/pins");
        Assert.Empty(h.Emulator.Uploads);
    }

    [Fact]
    public async Task An_image_pin_under_the_sandbox_is_published()
    {
        await using var h = await PublishingHarness.CreateAsync(configureOptions: o => o.Environment = PinterestEnvironment.Sandbox);

        var result = await h.DriveAsync(h.Publisher.PublishAsync(h.ImageRequest()), TimeSpan.FromSeconds(1));

        Assert.Single(h.Emulator.Pins, p => p.Id == result.PinId);
    }

    [Fact]
    public async Task A_video_pin_in_production_is_uploaded_and_published()
    {
        await using var h = await PublishingHarness.CreateAsync();

        var result = await h.DriveAsync(h.Publisher.PublishAsync(h.VideoRequest()), TimeSpan.FromSeconds(1));

        Assert.Single(h.Emulator.Pins, p => p.Id == result.PinId && p.MediaSourceType == "video_id");
    }
}
