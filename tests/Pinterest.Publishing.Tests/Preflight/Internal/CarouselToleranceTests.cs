using Pinterest.Publishing.Preflight;
using static Pinterest.Publishing.Tests.TestSupport.PreflightTestKit;

namespace Pinterest.Publishing.Tests.Preflight.Internal;

/// <summary>The carousel's 1 % tolerance holds over the whole set, not against its first image (issue 13 item 7).</summary>
public sealed class CarouselToleranceTests : ImageServingTestBase
{
    public static TheoryData<ServingMode> Modes => ImageServing.AllModes;

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Images_each_within_1_percent_of_the_first_but_2_percent_apart_are_inconsistent(ServingMode mode)
    {
        var result = await ValidateCarouselAsync(mode, (1000, 1500), (1009, 1500), (991, 1500));

        var issue = Single(result, PreflightCodes.CarouselAspectConsistent);
        Assert.Contains("media[1] 1009×1500", issue.Message, StringComparison.Ordinal);
        Assert.Contains("media[2] 991×1500", issue.Message, StringComparison.Ordinal);
        Assert.Single(result.Issues);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_consistent_set_whose_first_image_is_2_to_3_but_another_is_not_is_not_an_allowed_ratio(ServingMode mode)
    {
        // 1005×1500 is within 1 % of 2:3 and of 1012×1500; 1012×1500 is not within 1 % of 2:3.
        var result = await ValidateCarouselAsync(mode, (1005, 1500), (1012, 1500));

        Assert.Equal([PreflightCodes.CarouselAspectAllowed], Codes(result));
    }

    [Fact]
    public async Task A_set_within_1_percent_from_widest_to_narrowest_around_2_to_3_passes()
    {
        var result = await ValidateCarouselAsync(ServingMode.RangeHonoured, (1000, 1500), (1004, 1500), (998, 1500));

        Assert.Empty(result.Issues);
    }

    private async Task<PreflightResult> ValidateCarouselAsync(ServingMode mode, params (int Width, int Height)[] sizes)
    {
        var items = sizes.Select((s, i) => new CarouselItem(
            Server.Serve($"/c{i}-{s.Width}x{s.Height}.jpg", TestImages.JpegSized(s.Width, s.Height), "image/jpeg", mode)));
        return await ValidatePubliclyAsync(PinMedia.Carousel(items));
    }
}
