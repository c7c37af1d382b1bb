using Pinterest.Publishing.Preflight;
using Pinterest.Publishing.Preflight.Internal;
using static Pinterest.Publishing.Tests.TestSupport.PreflightTestKit;

namespace Pinterest.Publishing.Tests.Preflight.Internal;

/// <summary>Pinterest's API sandbox cannot create video Pins: under the sandbox a video Pin is a preflight error.</summary>
public sealed class SandboxRuleTests
{
    private static PublishPinRequest VideoDraft() => Request(PinMedia.Video(VideoSource.FromFile(TestMedia.PathOf("video-5s.mp4"))));

    [Fact]
    public async Task A_video_pin_for_the_sandbox_is_refused_with_its_code_on_media()
    {
        var result = await ValidateAsync(VideoDraft(), sandbox: true);

        var issue = Single(result, PreflightCodes.VideoSandboxUnsupported);
        Assert.Equal(PreflightSeverity.Error, issue.Severity);
        Assert.Equal("media", issue.Target);
        Assert.Contains("sandbox cannot create video Pins", issue.Message, StringComparison.Ordinal);
        Assert.Contains("Pinterest:Environment", issue.Message, StringComparison.Ordinal);
        Assert.False(result.IsValid);
    }

    [Fact]
    public async Task A_video_pin_for_production_and_an_image_pin_for_the_sandbox_are_not_refused()
    {
        var video = await ValidateAsync(VideoDraft(), sandbox: false);
        var image = await ValidateAsync(Request(InlineImage()), sandbox: true);

        Assert.DoesNotContain(video.Issues, i => i.Code == PreflightCodes.VideoSandboxUnsupported);
        Assert.Empty(image.Issues);
    }

    [Fact]
    public async Task An_already_uploaded_video_is_refused_on_the_sandbox_too()
    {
        var result = await ValidateAsync(Request(PinMedia.Video(VideoSource.FromUploadedMedia("12345"))), sandbox: true);

        Assert.Contains(result.Issues, i => i.Code == PreflightCodes.VideoSandboxUnsupported);
    }

    private static async Task<PreflightResult> ValidateAsync(PublishPinRequest request, bool sandbox)
    {
        using var validator = PinPreflightValidator.Create(new PreflightOptions { AllowPrivateNetworks = true }, sandbox: sandbox);
        return await validator.ValidateAsync(request);
    }
}
