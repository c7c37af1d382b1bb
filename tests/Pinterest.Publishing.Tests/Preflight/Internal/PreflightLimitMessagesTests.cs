using System.Globalization;
using Pinterest.Publishing.Api.Internal;
using Pinterest.Publishing.Preflight;
using static Pinterest.Publishing.Tests.TestSupport.PreflightTestKit;

namespace Pinterest.Publishing.Tests.Preflight.Internal;

/// <summary>Preflight's messages state Pinterest's limits from <see cref="PinterestLimits"/>, the same in every culture.</summary>
public sealed class PreflightLimitMessagesTests
{
    [Fact]
    public async Task The_limits_in_a_message_are_written_the_same_in_every_culture()
    {
        var wide = Request(PinMedia.Video(VideoSource.FromFile(TestMedia.PathOf("video-wide-5s.mp4"))));
        var tooShort = Request(PinMedia.Video(VideoSource.FromFile(TestMedia.PathOf("video-2s.mp4"))));
        var culture = CultureInfo.CurrentCulture;
        try
        {
            // A culture whose decimal separator is a comma: the measured values follow it, Pinterest's limits do not.
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");

            var aspect = Single(await ValidateAsync(wide), PreflightCodes.VideoAspectRange).Message;
            var duration = Single(await ValidateAsync(tooShort), PreflightCodes.VideoDurationRange).Message;

            Assert.Contains("between 1:2 and 1.91:1 best", aspect, StringComparison.Ordinal);
            Assert.Contains("Prefer 2:3, 9:16 or 1:1.", aspect, StringComparison.Ordinal);
            Assert.Contains("Pinterest accepts 4 s to 15 min.", duration, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public async Task The_inline_image_types_are_the_specs_content_types()
    {
        var contract = await OpenApiContract.GetAsync();

        var specTypes = OpenApiContract.EnumValues(contract.Document.Components!.Schemas!["ContentType"]);

        Assert.Equal(specTypes.Order(StringComparer.Ordinal), PinterestLimits.InlineImageContentTypes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_recommended_image_size_is_the_portrait_ratio()
    {
        Assert.Equal(
            (double)PinterestLimits.PortraitRatioWidth / PinterestLimits.PortraitRatioHeight,
            (double)PinterestLimits.RecommendedImageWidth / PinterestLimits.RecommendedImageHeight);
        Assert.Equal(1500, PinterestLimits.RecommendedImageHeight);
    }
}
