using Pinterest.Publishing.Preflight;
using Pinterest.Publishing.Preflight.Internal;
using static Pinterest.Publishing.Tests.TestSupport.PreflightTestKit;

namespace Pinterest.Publishing.Tests.Preflight.Internal;

/// <summary>
/// Photos as phones, cameras and editors write them (issue 13 items 1 and 2): EXIF orientation, and frame headers behind
/// hundreds of KB of metadata. Served over loopback in the three ways hosts behave, and given inline.
/// </summary>
public sealed class PhoneAndEditorImageTests : ImageServingTestBase
{
    public static TheoryData<ServingMode> Modes => ImageServing.AllModes;

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_portrait_photo_stored_sideways_with_orientation_6_makes_a_valid_2_to_3_carousel(ServingMode mode)
    {
        var sideways = TestImages.WithExifOrientation(TestImages.JpegSized(1500, 1000), 6);
        var mirroredSideways = TestImages.WithExifOrientation(TestImages.JpegSized(1500, 1000), 7, littleEndian: true);
        var upright = TestMedia.Bytes("large-1000x1500.jpg");

        var result = await ValidatePubliclyAsync(PinMedia.Carousel(
        [
            new CarouselItem(Server.Serve("/upright.jpg", upright, "image/jpeg", mode)),
            new CarouselItem(Server.Serve("/phone.jpg", sideways, "image/jpeg", mode)),
            new CarouselItem(Server.Serve("/phone-le.jpg", mirroredSideways, "image/jpeg", mode)),
        ]));

        Assert.Empty(result.Issues);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_landscape_photo_stored_upright_with_orientation_8_is_judged_as_displayed_3_to_2(ServingMode mode)
    {
        var turned = TestImages.WithExifOrientation(TestImages.JpegSized(1000, 1500), 8);

        var result = await ValidatePubliclyAsync(PinMedia.Carousel(
        [
            new CarouselItem(Server.Serve("/a.jpg", turned, "image/jpeg", mode)),
            new CarouselItem(Server.Serve("/b.jpg", turned, "image/jpeg", mode)),
        ]));

        var issue = Single(result, PreflightCodes.CarouselAspectAllowed);
        Assert.Contains("1500×1000 as displayed (stored 1000×1500, EXIF orientation 8)", issue.Message, StringComparison.Ordinal);
        Assert.Single(result.Issues);
    }

    [Fact]
    public async Task A_sideways_photo_beside_an_upright_one_of_the_same_stored_shape_is_inconsistent_and_says_which_size_was_judged()
    {
        var turned = TestImages.WithExifOrientation(TestImages.JpegSized(1000, 1500), 6);

        var result = await ValidatePubliclyAsync(PinMedia.Carousel(
        [
            new CarouselItem(Server.Serve("/a.jpg", TestMedia.Bytes("large-1000x1500.jpg"), "image/jpeg", ServingMode.RangeHonoured)),
            new CarouselItem(Server.Serve("/b.jpg", turned, "image/jpeg", ServingMode.RangeHonoured)),
        ]));

        var message = Single(result, PreflightCodes.CarouselAspectConsistent).Message;
        Assert.Contains("media[0] 1000×1500", message, StringComparison.Ordinal);
        Assert.Contains("media[1] 1500×1000 as displayed (stored 1000×1500, EXIF orientation 6)", message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task The_minimum_size_warning_judges_and_names_the_displayed_size(ServingMode mode)
    {
        // 400×300 stored, shown 300×400: both under 600, and the message says which size it judged.
        var turned = TestImages.WithExifOrientation(TestMedia.Bytes("odd-400x300.jpg"), 5);

        var byUrl = await ValidatePubliclyAsync(PinMedia.Image(Server.Serve("/small.jpg", turned, "image/jpeg", mode)));
        var inline = await ValidatePubliclyAsync(PinMedia.Image(turned, "image/jpeg"));

        foreach (var result in new[] { byUrl, inline })
        {
            Assert.Contains("300×400 as displayed (stored 400×300, EXIF orientation 5)", Single(result, PreflightCodes.ImageDimensionsMin).Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_upright_orientation_changes_nothing_in_the_messages()
    {
        var upright = TestImages.WithExifOrientation(TestMedia.Bytes("odd-400x300.jpg"), 1);

        var result = await ValidatePubliclyAsync(PinMedia.Image(upright, "image/jpeg"));

        var message = Single(result, PreflightCodes.ImageDimensionsMin).Message;
        Assert.Contains("is 400×300 pixels", message, StringComparison.Ordinal);
        Assert.DoesNotContain("displayed", message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_photoshop_jpeg_with_700_KB_of_extended_xmp_before_its_frame_header_is_valid(ServingMode mode)
    {
        // Past the old 512 KiB read cap, which called it "truncated or corrupt". The EXIF orientation comes before the
        // XMP, so it must survive the further read: stored 1500×1000, shown 1000×1500.
        var jpeg = TestImages.WithExtendedXmp(TestImages.WithExifOrientation(TestImages.JpegSized(1500, 1000), 6), 700_000);
        var body = TestMedia.PadJpegAfterFrameHeader(jpeg, 3_000_000);

        var result = await ValidatePubliclyAsync(PinMedia.Carousel(
        [
            new CarouselItem(Server.Serve("/edited.jpg", body, "image/jpeg", mode)),
            new CarouselItem(Server.Serve("/upright.jpg", TestMedia.Bytes("large-1000x1500.jpg"), "image/jpeg", mode)),
        ]));

        Assert.Empty(result.Issues);
        await Server.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        // A ranged read skips the rest of the segment the prefix cut; a server ignoring Range sends it.
        Assert.InRange(Server.BodyBytesWritten, 600_000, 2_500_000);
    }

    [Fact]
    public async Task A_deep_frame_header_costs_one_more_ranged_request_starting_past_the_prefix()
    {
        var jpeg = TestImages.WithExtendedXmp(TestMedia.Bytes("large-1000x1500.jpg"), 300_000);
        var body = TestMedia.PadJpegAfterFrameHeader(jpeg, 3_000_000);

        var result = await ValidatePubliclyAsync(PinMedia.Image(Server.Serve("/deep.jpg", body, "image/jpeg", ServingMode.RangeHonoured)));

        Assert.Empty(result.Issues);
        var ranges = Server.Requests.Select(r => r.Range!).ToArray();
        Assert.Contains("bytes=0-65535", ranges);
        var deep = Assert.Single(ranges, r => r is not "bytes=0-65535");

        // It starts at the first segment the prefix does not hold whole, past the 64 KiB prefix: the rest of the
        // segment the prefix cut is not asked for again.
        var from = long.Parse(deep[6..deep.IndexOf('-', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(from, MediaHeaderReader.DefaultPrefixLength, MediaHeaderReader.DefaultPrefixLength + 65_537);
        Assert.Equal(2, ranges.Length);

        // The further range runs to the 1 MiB read limit, but reading stops at the frame header (about 300 KB in) and
        // the rest is not drained: well under the 1.05 MB that prefix and range hold.
        await Server.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.InRange(Server.BodyBytesWritten, 300_000, 1_000_000);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_frame_header_past_the_read_limit_is_a_warning_that_the_dimensions_were_not_verified(ServingMode mode)
    {
        var jpeg = TestImages.WithExtendedXmp(TestMedia.Bytes("large-1000x1500.jpg"), MediaHeaderReader.MaxHeaderLength + 200_000);

        var result = await ValidatePubliclyAsync(PinMedia.Image(Server.Serve("/bloated.jpg", jpeg, "image/jpeg", mode)));

        var issue = Single(result, PreflightCodes.ImageDimensionsUnverified);
        Assert.Equal(PreflightSeverity.Warning, issue.Severity);
        Assert.Contains("could not be verified", issue.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("corrupt", issue.Message, StringComparison.Ordinal);
        Assert.Single(result.Issues);
        await Server.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.InRange(Server.BodyBytesWritten, MediaHeaderReader.MaxHeaderLength - 65_536, jpeg.Length - 1);
    }

    [Fact]
    public async Task An_inline_jpeg_with_a_deep_frame_header_is_read_whole()
    {
        var jpeg = TestImages.WithExtendedXmp(TestMedia.Bytes("large-1000x1500.jpg"), MediaHeaderReader.MaxHeaderLength + 200_000);

        var result = await ValidatePubliclyAsync(PinMedia.Image(jpeg, "image/jpeg"), o => o.MaxImageBytes = 5_000_000);

        Assert.Empty(result.Issues);
    }
}
