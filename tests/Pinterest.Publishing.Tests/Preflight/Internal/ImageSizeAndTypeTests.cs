using Pinterest.Publishing.Preflight;
using static Pinterest.Publishing.Tests.TestSupport.PreflightTestKit;

namespace Pinterest.Publishing.Tests.Preflight.Internal;

/// <summary>
/// Headers that declare absurd sizes (issue 13 item 6), and HEIF-family images preflight recognises but does not read
/// (item 8). Served over loopback in the three ways hosts behave, and given inline.
/// </summary>
public sealed class ImageSizeAndTypeTests : ImageServingTestBase
{
    public static TheoryData<ServingMode> Modes => ImageServing.AllModes;

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_tiny_png_declaring_60000_by_90000_pixels_is_an_error_naming_the_side_limit(ServingMode mode)
    {
        var png = TestImages.PngSized(60_000, 90_000);
        Assert.True(png.Length < 1_500);

        var byUrl = await ValidatePubliclyAsync(PinMedia.Image(Server.Serve("/bomb.png", png, "image/png", mode)));
        var inline = await ValidatePubliclyAsync(PinMedia.Image(png, "image/png"));

        foreach (var result in new[] { byUrl, inline })
        {
            var issue = Single(result, PreflightCodes.ImageDimensionsMax);
            Assert.Equal(PreflightSeverity.Error, issue.Severity);
            Assert.Contains("60000×90000", issue.Message, StringComparison.Ordinal);
            Assert.Contains("65,500 pixels a side (Preflight:MaxImageSide)", issue.Message, StringComparison.Ordinal);
            Assert.Single(result.Issues);
        }
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_jpeg_frame_header_patched_to_65000_by_65000_is_an_error_naming_the_pixel_limit(ServingMode mode)
    {
        var jpeg = TestImages.JpegSized(65_000, 65_000);

        var result = await ValidatePubliclyAsync(PinMedia.Image(Server.Serve("/patched.jpg", jpeg, "image/jpeg", mode)));

        var issue = Single(result, PreflightCodes.ImageDimensionsMax);
        Assert.Contains("4,225,000,000 in all", issue.Message, StringComparison.Ordinal);
        Assert.Contains("178,956,970 in all (Preflight:MaxImagePixels)", issue.Message, StringComparison.Ordinal);
        Assert.Single(result.Issues);
    }

    [Fact]
    public async Task The_limits_are_configurable_and_an_image_at_them_passes()
    {
        var atLimit = TestMedia.Bytes("large-1000x1500.jpg");
        var overSide = TestImages.JpegSized(1000, 1501);
        var overPixels = TestImages.JpegSized(1001, 1500);
        void Limits(PreflightOptions o)
        {
            o.MaxImageSide = 1500;
            o.MaxImagePixels = 1_500_000;
        }

        Assert.Empty((await ValidatePubliclyAsync(PinMedia.Image(atLimit, "image/jpeg"), Limits)).Issues);
        Assert.Contains("1,500 pixels a side", Single(await ValidatePubliclyAsync(PinMedia.Image(overSide, "image/jpeg"), Limits), PreflightCodes.ImageDimensionsMax).Message, StringComparison.Ordinal);
        Assert.Contains("1,500,000 in all", Single(await ValidatePubliclyAsync(PinMedia.Image(overPixels, "image/jpeg"), Limits), PreflightCodes.ImageDimensionsMax).Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string[]> HeifFiles => new()
    {
        { "image/heic", "heic", ["mif1", "heic"] },
        { "image/heif", "heic", ["mif1", "heic"] },
        { "image/avif", "avif", ["avif", "mif1", "miaf"] },
        { "image/avif", "mif1", ["mif1", "avif", "miaf"] },
        { "image/heif", "avif", ["avif", "mif1"] },
        { "image/heic", "mif1", ["mif1", "heic"] },
    };

    [Theory]
    [MemberData(nameof(HeifFiles))]
    public async Task A_heic_or_avif_served_as_its_registered_type_is_no_mismatch_and_never_called_corrupt(string type, string major, string[] compatible)
    {
        var file = TestImages.Heif(major, compatible);

        foreach (var mode in new[] { ServingMode.RangeHonoured, ServingMode.RangeIgnored, ServingMode.HeadRefused })
        {
            var url = Server.Serve($"/{major}-{mode}.img", file, type, mode);

            var allowed = await ValidatePubliclyAsync(PinMedia.Image(url), o => o.AllowedImageContentTypes.Add(type));
            var byDefault = await ValidatePubliclyAsync(PinMedia.Image(url));

            var issue = Single(allowed, PreflightCodes.ImageDimensionsUnverified);
            Assert.Equal(PreflightSeverity.Warning, issue.Severity);
            Assert.DoesNotContain("corrupt", issue.Message, StringComparison.Ordinal);
            Assert.Single(allowed.Issues);
            Assert.Equal([PreflightCodes.ImageMimeAllowed, PreflightCodes.ImageDimensionsUnverified], Codes(byDefault));
        }
    }

    [Fact]
    public async Task A_heic_served_as_jpeg_is_still_a_mismatch()
    {
        var url = Server.Serve("/photo.jpg", TestImages.Heif("heic", "mif1", "heic"), "image/jpeg", ServingMode.RangeHonoured);

        var result = await ValidatePubliclyAsync(PinMedia.Image(url));

        Assert.Contains("image/heic", Single(result, PreflightCodes.ImageMimeMismatch).Message, StringComparison.Ordinal);
    }
}
