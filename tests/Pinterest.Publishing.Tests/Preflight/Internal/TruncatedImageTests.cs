using Pinterest.Publishing.Preflight;
using static Pinterest.Publishing.Tests.TestSupport.PreflightTestKit;

namespace Pinterest.Publishing.Tests.Preflight.Internal;

/// <summary>
/// Truncated JPEG and PNG files, told from their last bytes without decoding where that is reliable (issue 13 item 11):
/// read whole when small, from a suffix range when the host honours <c>Range</c>. A host that ignores <c>Range</c> for a
/// large file cannot show its end without a download: it is not judged.
/// </summary>
public sealed class TruncatedImageTests : ImageServingTestBase
{
    public static TheoryData<ServingMode> Modes => ImageServing.AllModes;

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_small_png_or_jpeg_cut_short_is_unreadable_as_truncated(ServingMode mode)
    {
        var png = TestMedia.Bytes("large-1000x1500.png");
        var jpeg = TestMedia.Bytes("large-1000x1500.jpg");

        var cutPng = await ValidatePubliclyAsync(PinMedia.Image(Server.Serve("/cut.png", png.AsSpan(0, png.Length - 20).ToArray(), "image/png", mode)));
        var cutJpeg = await ValidatePubliclyAsync(PinMedia.Image(Server.Serve("/cut.jpg", jpeg.AsSpan(0, jpeg.Length - 100).ToArray(), "image/jpeg", mode)));

        Assert.Contains("IEND", Single(cutPng, PreflightCodes.ImageUnreadable).Message, StringComparison.Ordinal);
        Assert.Contains("truncated", Single(cutJpeg, PreflightCodes.ImageUnreadable).Message, StringComparison.Ordinal);
        Assert.Single(cutPng.Issues);
        Assert.Single(cutJpeg.Issues);
    }

    [Fact]
    public async Task Inline_bytes_cut_short_are_unreadable_as_truncated()
    {
        var png = TestMedia.Bytes("large-1000x1500.png");
        var jpeg = TestMedia.Bytes("large-1000x1500.jpg");

        Assert.Equal([PreflightCodes.ImageUnreadable], Codes(await ValidatePubliclyAsync(PinMedia.Image(png.AsSpan(0, png.Length - 12).ToArray(), "image/png"))));
        Assert.Equal([PreflightCodes.ImageUnreadable], Codes(await ValidatePubliclyAsync(PinMedia.Image(jpeg.AsSpan(0, jpeg.Length - 2).ToArray(), "image/jpeg"))));
        Assert.Empty((await ValidatePubliclyAsync(PinMedia.Image(jpeg, "image/jpeg"))).Issues);
    }

    [Theory]
    [InlineData(ServingMode.RangeHonoured, true)]
    [InlineData(ServingMode.HeadRefused, true)]
    [InlineData(ServingMode.RangeIgnored, false)]
    public async Task A_large_png_cut_before_iend_is_found_from_a_suffix_range(ServingMode mode, bool judged)
    {
        var png = TestMedia.PadPng(TestMedia.Bytes("large-1000x1500.png"), 3_000_000)[..2_500_000];

        var result = await ValidatePubliclyAsync(PinMedia.Image(Server.Serve("/big.png", png, "image/png", mode)));

        Assert.Equal(judged ? [PreflightCodes.ImageUnreadable] : [], Codes(result));
        var ranges = Server.Requests.Select(r => r.Range).ToArray();
        Assert.Equal(judged ? ["bytes=-2048", "bytes=0-65535"] : ["bytes=0-65535"], ranges.Order(StringComparer.Ordinal).ToArray());
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_large_jpeg_cut_inside_its_scan_is_truncated_where_its_end_can_be_read(ServingMode mode)
    {
        var whole = LargeJpeg(out var scanEnd);
        var cut = whole[..(scanEnd - 1000)];

        var result = await ValidatePubliclyAsync(PinMedia.Image(Server.Serve("/cut.jpg", cut, "image/jpeg", mode)));

        Assert.Equal(mode == ServingMode.RangeIgnored ? [] : [PreflightCodes.ImageUnreadable], Codes(result));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Whole_jpegs_with_phone_trailers_after_the_end_of_image_are_not_truncated(ServingMode mode)
    {
        var whole = LargeJpeg(out _);
        var random = new Random(7);

        // A Samsung-like SEFT trailer (a few KB), and a motion photo's MP4 (larger than the window read).
        var seft = new byte[3_000];
        random.NextBytes(seft);
        "SEFT"u8.CopyTo(seft.AsSpan(seft.Length - 4));
        var video = new byte[200_000];
        random.NextBytes(video);

        foreach (var (name, body) in new[] { ("plain", whole), ("seft", [.. whole, .. seft]), ("motion", [.. whole, .. video]) })
        {
            var result = await ValidatePubliclyAsync(PinMedia.Image(Server.Serve($"/{name}.jpg", body, "image/jpeg", mode)));
            Assert.Empty(result.Issues);
        }
    }

    /// <summary>
    /// A 600 KB JPEG whose scan is long: the fixture's scan followed by entropy-coded bytes (every FF stuffed with 00),
    /// then the end-of-image marker. <paramref name="scanEnd"/> is the offset of that marker.
    /// </summary>
    private static byte[] LargeJpeg(out int scanEnd)
    {
        var jpeg = TestMedia.Bytes("large-1000x1500.jpg");
        var random = new Random(42);
        var scan = new List<byte>(600_000);
        while (scan.Count < 600_000)
        {
            var b = (byte)random.Next(256);
            scan.Add(b);
            if (b == 0xFF)
            {
                scan.Add(0x00);
            }
        }

        scanEnd = jpeg.Length - 2 + scan.Count;
        return [.. jpeg.AsSpan(0, jpeg.Length - 2), .. scan, 0xFF, 0xD9];
    }
}
